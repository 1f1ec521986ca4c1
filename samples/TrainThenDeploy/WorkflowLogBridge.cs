using Microsoft.Extensions.Logging;

namespace TrainThenDeploy;

/// <summary>
/// Turns the generated workflow's structured logs into progress: the same events any application
/// would ship to its log pipeline (EventId name plus WorkflowId, StepId, Attempt, ... fields).
/// </summary>
internal sealed class WorkflowLogBridge(ProgressBoard board) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(board);

    public void Dispose()
    {
    }

    private sealed class Logger(ProgressBoard board) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            T? Field<T>(string name) => fields.FirstOrDefault(f => f.Key == name).Value is T value ? value : default;
            var step = Field<string>("StepId") ?? string.Empty;
            switch (eventId.Name)
            {
                case "StepCalling":
                    board.Calling(step, Field<int>("Attempt"));
                    break;
                case "StepPolling":
                    board.Waiting(step, Field<double>("DelaySeconds"));
                    break;
                case "StepRetrying":
                    board.Retrying(step, Field<string>("ActionName") ?? "retry", Field<double>("DelaySeconds"));
                    break;
                case "StepCallFailed":
                    board.Failed(step, Field<string>("ErrorCode") ?? "error");
                    break;
                case "WorkflowCompleted":
                    board.Ended(step, Field<string>("ActionName") ?? string.Empty);
                    break;
            }
        }
    }
}
