using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// A logger factory that keeps every log entry for assertions: Microsoft.Extensions.Diagnostics.Testing's
/// <see cref="FakeLogCollector"/>, at Debug and above, read the way these tests ask.
/// </summary>
public sealed class RecordingLogs : IDisposable
{
    private readonly FakeLogCollector _collector = new();

    public RecordingLogs() => Factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(_collector)).SetMinimumLevel(LogLevel.Debug));

    public ILoggerFactory Factory { get; }

    public IEnumerable<string> Messages => _collector.GetSnapshot().Select(r => r.Message);

    public IEnumerable<string> Categories => _collector.GetSnapshot().Select(r => r.Category ?? string.Empty);

    public int Count(string eventName) => _collector.GetSnapshot().Count(r => r.Id.Name == eventName);

    public void Dispose() => Factory.Dispose();
}
