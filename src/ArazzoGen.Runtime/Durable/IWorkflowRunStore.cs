namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// Where durable runs keep their checkpoints (<see cref="WorkflowOptions.Store"/>). A store holds one
/// record per run and writes it only when nobody else has written it since it was read, so two
/// workers never advance the same run: the record's <see cref="StoredRun.Version"/> is the condition.
/// </summary>
/// <remarks>
/// Implementations: <see cref="InMemoryRunStore"/> (tests), <see cref="FileRunStore"/> (one machine),
/// and DynamoDbRunStore in the ArazzoGen.DynamoDB package (a fleet). The lease is decided by the run, not the
/// store: a store only compares versions.
/// </remarks>
public interface IWorkflowRunStore
{
    /// <summary>The run's record, or null when the store has none.</summary>
    ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="run"/> if the stored record still has <paramref name="expectedVersion"/>
    /// (0: there must be none). False when another writer changed it first; nothing is written then.
    /// </summary>
    ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken);
}

/// <summary>One run's record in a store.</summary>
/// <param name="WorkflowId">The workflowId.</param>
/// <param name="RunId">The run.</param>
/// <param name="Version">Counts the writes of the record, from 1.</param>
/// <param name="Owner">The worker (<see cref="WorkflowOptions.WorkerId"/>) that holds the run's lease.</param>
/// <param name="LeaseExpires">Until when <paramref name="Owner"/> holds the run; after that another worker may take it over.</param>
/// <param name="Status">Running, Completed or Failed.</param>
/// <param name="Checkpoint">The checkpoint: UTF-8 JSON the generated workflow writes and reads.</param>
public sealed record StoredRun(
    string WorkflowId,
    string RunId,
    long Version,
    string Owner,
    DateTimeOffset LeaseExpires,
    RunStatus Status,
    ReadOnlyMemory<byte> Checkpoint);

/// <summary>Where a stored run stands.</summary>
public enum RunStatus
{
    /// <summary>Started and not yet ended: a worker may advance it.</summary>
    Running,

    /// <summary>Reached an end: resuming it returns its outputs without any AWS call.</summary>
    Completed,

    /// <summary>Stopped on a failure: resuming it reports that failure again.</summary>
    Failed,
}
