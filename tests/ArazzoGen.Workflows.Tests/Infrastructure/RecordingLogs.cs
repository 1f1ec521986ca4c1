using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>A logger factory that keeps every log entry (event name, message, category) for assertions.</summary>
public sealed class RecordingLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Event, string Message)> _entries = new();
    private readonly ConcurrentQueue<string> _categories = new();

    public RecordingLogs() => Factory = LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Debug));

    public ILoggerFactory Factory { get; }

    public IEnumerable<string> Messages => _entries.Select(e => e.Message);

    public IEnumerable<string> Categories => _categories;

    public int Count(string eventName) => _entries.Count(e => e.Event == eventName);

    public ILogger CreateLogger(string categoryName)
    {
        _categories.Enqueue(categoryName);
        return new Logger(_entries);
    }

    public void Dispose() => Factory.Dispose();

    private sealed class Logger(ConcurrentQueue<(string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId.Name ?? string.Empty, formatter(state, exception)));
    }
}
