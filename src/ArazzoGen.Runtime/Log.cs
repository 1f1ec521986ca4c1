using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

/// <summary>Structured log messages of generated workflows (LoggerMessage.Define: no allocation when disabled).</summary>
internal static class Log
{
    public static readonly Action<ILogger, string, Exception?> WorkflowStarting =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1, nameof(WorkflowStarting)), "Workflow {WorkflowId} starting");

    public static readonly Action<ILogger, string, string, int, Exception?> StepCalling =
        LoggerMessage.Define<string, string, int>(LogLevel.Debug, new EventId(2, nameof(StepCalling)), "Workflow {WorkflowId} step {StepId} calling (attempt {Attempt})");

    public static readonly Action<ILogger, string, string, int, string, int?, Exception?> StepCallFailed =
        LoggerMessage.Define<string, string, int, string, int?>(LogLevel.Warning, new EventId(3, nameof(StepCallFailed)), "Workflow {WorkflowId} step {StepId} attempt {Attempt} failed with {ErrorCode} (status {StatusCode})");

    public static readonly Action<ILogger, string, string, int, double, Exception?> StepPolling =
        LoggerMessage.Define<string, string, int, double>(LogLevel.Information, new EventId(4, nameof(StepPolling)), "Workflow {WorkflowId} step {StepId} not done after {Attempt} calls; polling again in {DelaySeconds} s");

    public static readonly Action<ILogger, string, string, string, int, double, Exception?> StepRetrying =
        LoggerMessage.Define<string, string, string, int, double>(LogLevel.Information, new EventId(5, nameof(StepRetrying)), "Workflow {WorkflowId} step {StepId} retrying ({ActionName}, retry {Retry}) in {DelaySeconds} s");

    public static readonly Action<ILogger, string, string, int, string, Exception?> StepFailed =
        LoggerMessage.Define<string, string, int, string>(LogLevel.Error, new EventId(6, nameof(StepFailed)), "Workflow {WorkflowId} step {StepId} failed on attempt {Attempt}: {Reason}");

    public static readonly Action<ILogger, string, string, string, Exception?> WorkflowResuming =
        LoggerMessage.Define<string, string, string>(LogLevel.Information, new EventId(8, nameof(WorkflowResuming)), "Workflow {WorkflowId} run {RunId} resuming in step {StepId}");

    public static readonly Action<ILogger, string, string, string, DateTimeOffset, Exception?> RunLeased =
        LoggerMessage.Define<string, string, string, DateTimeOffset>(LogLevel.Information, new EventId(10, nameof(RunLeased)), "Workflow {WorkflowId} run {RunId} is held by worker {Owner} until {LeaseExpires}; waiting for it to finish or its lease to run out");

    public static readonly Action<ILogger, string, string, string, Exception?> CheckpointFailed =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(9, nameof(CheckpointFailed)), "Workflow {WorkflowId} run {RunId} could not record its failure ({ErrorType}); its last checkpoint stands");

    public static readonly Action<ILogger, string, string, string, double, Exception?> WorkflowCompleted =
        LoggerMessage.Define<string, string, string, double>(LogLevel.Information, new EventId(7, nameof(WorkflowCompleted)), "Workflow {WorkflowId} ended after step {StepId} ({ActionName}) in {ElapsedSeconds} s");
}
