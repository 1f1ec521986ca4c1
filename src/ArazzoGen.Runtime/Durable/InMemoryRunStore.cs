using System.Collections.Concurrent;

namespace ArazzoGen.Runtime.Durable;

/// <summary>Keeps runs in this process's memory: for tests, and for trying durable runs out.</summary>
public sealed class InMemoryRunStore : IWorkflowRunStore
{
    private readonly ConcurrentDictionary<(string WorkflowId, string RunId), StoredRun> _runs = new();

    /// <summary>Every run the store holds.</summary>
    public IReadOnlyCollection<StoredRun> Runs => _runs.Values.ToArray();

    /// <summary>How many writes the store accepted.</summary>
    public int Writes => Volatile.Read(ref _writes);

    private int _writes;

    /// <inheritdoc />
    public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) =>
        new(_runs.TryGetValue((workflowId, runId), out var run) ? run : null);

    /// <inheritdoc />
    public ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
    {
        var key = (run.WorkflowId, run.RunId);
        var written = expectedVersion == 0
            ? _runs.TryAdd(key, run)
            : _runs.TryGetValue(key, out var current) && current.Version == expectedVersion && _runs.TryUpdate(key, run, current);
        if (written)
        {
            Interlocked.Increment(ref _writes);
        }

        return new(written);
    }
}
