using System.Buffers;
using System.Text.Json;

namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// The durable side of one run: claims it in the store under a lease, writes a checkpoint after
/// every step and poll, and reads one back to resume. Each write is conditional on the version this
/// worker last wrote, so a worker that lost its lease stops instead of advancing the run twice.
/// </summary>
internal sealed class Checkpoints
{
    /// <summary>The checkpoint layout this runtime writes; a run written in another one is not resumed.</summary>
    public const int Format = 1;

    private readonly IWorkflowRunStore _store;
    private readonly WorkflowOptions _options;
    private readonly string _workflowId;
    private readonly string _stateVersion;
    private IRunState? _state;
    private IReadOnlyList<string> _stepIds = Array.Empty<string>();
    private long _version;

    public Checkpoints(IWorkflowRunStore store, WorkflowOptions options, string workflowId, string stateVersion, string runId)
    {
        _store = store;
        _options = options;
        _workflowId = workflowId;
        _stateVersion = stateVersion;
        RunId = runId;
    }

    public string RunId { get; }

    /// <summary>The step the stored run was in when it was resumed (its call may have been sent), or null for a new run.</summary>
    public string? ResumedInStep { get; private set; }

    /// <summary>The poll progress stored for <see cref="ResumedInStep"/>: how many calls, since when.</summary>
    public (int Attempt, DateTimeOffset Since)? ResumedPoll { get; private set; }

    /// <summary>Where <see cref="StartAsync"/> started the run: its first step, or finished before.</summary>
    public RunStart Start { get; private set; }

    public int ResumedTransitions { get; private set; }

    public int? ResumedStatusCode { get; private set; }

    /// <summary>The run moved on from the step it was resumed in: a later visit to that step is a new one.</summary>
    public void LeftResumedStep()
    {
        ResumedInStep = null;
        ResumedPoll = null;
    }

    /// <summary>Claims the run: creates its record, or takes over a stored one whose lease is free.</summary>
    /// <remarks>
    /// A run another worker holds is waited for, until its lease runs out (that worker died: this one
    /// takes over) or the run ends (its result is this one's), for at most <see cref="WorkflowOptions.LeaseWait"/>.
    /// </remarks>
    public async ValueTask StartAsync(IRunState state, IReadOnlyList<string> stepIds, Action<string, DateTimeOffset> waiting, CancellationToken cancellationToken)
    {
        var clock = _options.TimeProvider;
        var giveUpAt = clock.GetUtcNow() + _options.LeaseWait;
        while (true)
        {
            try
            {
                Start = await ClaimAsync(state, stepIds, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (WorkflowRunLeasedException leased) when (leased.LeaseExpires < giveUpAt)
            {
                waiting(leased.Owner, leased.LeaseExpires);
                var wait = leased.LeaseExpires - clock.GetUtcNow() + TimeSpan.FromSeconds(1);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1), clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<RunStart> ClaimAsync(IRunState state, IReadOnlyList<string> stepIds, CancellationToken cancellationToken)
    {
        _state = state;
        _stepIds = stepIds;
        // Secrets are compared by their presence only: they may be encrypted differently each time.
        var inputs = Serialize(json => state.WriteInputs(json, protector: null));
        for (var tries = 0; ; tries++)
        {
            var stored = await _store.ReadAsync(_workflowId, RunId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                if (await WriteAsync(RunStatus.Running, stepIds[0], 0, null, TimeSpan.Zero, null, cancellationToken, expected: 0).ConfigureAwait(false))
                {
                    return new RunStart(0, false);
                }
            }
            else
            {
                var start = await ResumeAsync(stored, inputs, cancellationToken).ConfigureAwait(false);
                if (start is { } claimed)
                {
                    return claimed;
                }
            }

            if (tries == 3)
            {
                // Another worker keeps writing the record between our read and our write.
                var current = await _store.ReadAsync(_workflowId, RunId, cancellationToken).ConfigureAwait(false);
                throw Busy(current);
            }
        }
    }

    private async ValueTask<RunStart?> ResumeAsync(StoredRun stored, byte[] inputs, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(stored.Checkpoint);
        var checkpoint = document.RootElement;
        var format = StateJson.Int(StateJson.Property(checkpoint, "format"));
        var version = StateJson.String(StateJson.Property(checkpoint, "stateVersion"));
        if (format != Format || version != _stateVersion)
        {
            throw new WorkflowRunVersionException(_workflowId, RunId, $"{version} (checkpoint format {format})", $"{_stateVersion} (checkpoint format {Format})");
        }

        using var given = JsonDocument.Parse(inputs);
        if (!SameInputs(StateJson.Property(checkpoint, "inputs"), given.RootElement))
        {
            throw new ArgumentException($"Run '{RunId}' of workflow '{_workflowId}' was started with other inputs; a run id names one run. Use ResumeAsync(runId) to continue it, or another run id.", "inputs");
        }

        var results = StateJson.Property(checkpoint, "results");
        ResumedTransitions = StateJson.Int(StateJson.Property(checkpoint, "transitions")) ?? 0;
        ResumedStatusCode = StateJson.Int(StateJson.Property(checkpoint, "lastStatusCode"));
        if (stored.Status == RunStatus.Completed)
        {
            _state!.ReadResults(results, _options.SecretProtector);
            _version = stored.Version;
            return new RunStart(0, true);
        }

        if (stored.Status == RunStatus.Failed)
        {
            _state!.ReadResults(results, _options.SecretProtector);
            throw WorkflowRunFailedException.From(_workflowId, RunId, StateJson.Property(checkpoint, "failure"));
        }

        if (stored.Owner != _options.WorkerId && stored.LeaseExpires > _options.TimeProvider.GetUtcNow())
        {
            throw Busy(stored);
        }

        var step = StateJson.String(StateJson.Property(checkpoint, "step"));
        var index = step is null ? -1 : IndexOf(step);
        if (index < 0)
        {
            throw new WorkflowRunVersionException(_workflowId, RunId, $"{version} (step '{step}')", _stateVersion);
        }

        _state!.ReadResults(results, _options.SecretProtector);
        ResumedInStep = step;
        var poll = StateJson.Property(checkpoint, "poll");
        if (poll.ValueKind == JsonValueKind.Object)
        {
            ResumedPoll = (StateJson.Int(StateJson.Property(poll, "attempt")) ?? 1, StateJson.Property(poll, "since").GetDateTimeOffset());
        }

        // Claim it: the same checkpoint under this worker's lease.
        _version = stored.Version;
        var claimed = await _store.TryWriteAsync(
            stored with { Version = stored.Version + 1, Owner = _options.WorkerId, LeaseExpires = _options.TimeProvider.GetUtcNow() + _options.LeaseDuration },
            stored.Version,
            cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            return null;
        }

        _version = stored.Version + 1;
        return new RunStart(index, false);
    }

    /// <summary>Checkpoints the run at <paramref name="stepId"/> (about to run it, or polling in it).</summary>
    public async ValueTask SaveAsync(string stepId, int transitions, int? lastStatusCode, (int Attempt, DateTimeOffset Since, TimeSpan Delay)? poll, string currentStepId, CancellationToken cancellationToken)
    {
        if (!await WriteAsync(RunStatus.Running, stepId, transitions, lastStatusCode, poll?.Delay ?? TimeSpan.Zero, poll is { } p ? (p.Attempt, p.Since) : null, cancellationToken, _version).ConfigureAwait(false))
        {
            throw await LostAsync(currentStepId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records the end of the run: completed (its outputs can be read back) or failed.</summary>
    public async ValueTask EndAsync(RunStatus status, int transitions, int? lastStatusCode, WorkflowException? failure, string currentStepId, CancellationToken cancellationToken)
    {
        _failure = failure;
        if (!await WriteAsync(status, null, transitions, lastStatusCode, TimeSpan.Zero, null, cancellationToken, _version).ConfigureAwait(false))
        {
            throw await LostAsync(currentStepId, cancellationToken).ConfigureAwait(false);
        }
    }

    private WorkflowException? _failure;

    /// <summary>
    /// Lets the run go (it was cancelled: the host is shutting down): its lease ends now, so another
    /// worker can resume it at once instead of waiting out the lease. The checkpoint itself is unchanged.
    /// </summary>
    public async ValueTask ReleaseAsync()
    {
        if (await _store.ReadAsync(_workflowId, RunId, CancellationToken.None).ConfigureAwait(false) is { Version: var version } stored && version == _version && stored.Owner == _options.WorkerId)
        {
            await _store.TryWriteAsync(stored with { Version = version + 1, LeaseExpires = _options.TimeProvider.GetUtcNow() }, version, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> WriteAsync(RunStatus status, string? stepId, int? transitions, int? lastStatusCode, TimeSpan extraLease, (int Attempt, DateTimeOffset Since)? poll, CancellationToken cancellationToken, long expected)
    {
        var checkpoint = Serialize(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteString("workflowId", _workflowId);
            json.WriteString("stateVersion", _stateVersion);
            json.WriteString("runId", RunId);
            json.WriteString("step", stepId);
            if (poll is { } progress)
            {
                json.WriteStartObject("poll");
                json.WriteNumber("attempt", progress.Attempt);
                json.WriteString("since", progress.Since);
                json.WriteEndObject();
            }

            json.WriteNumber("transitions", transitions ?? 0);
            json.WritePropertyName("lastStatusCode");
            StateJson.Write(json, lastStatusCode);
            json.WritePropertyName("inputs");
            _state!.WriteInputs(json, _options.SecretProtector);
            json.WritePropertyName("results");
            _state.WriteResults(json, _options.SecretProtector);
            if (_failure is { } failure)
            {
                json.WritePropertyName("failure");
                WorkflowRunFailedException.Write(json, failure);
            }

            json.WriteEndObject();
        });
        var record = new StoredRun(_workflowId, RunId, expected + 1, _options.WorkerId, _options.TimeProvider.GetUtcNow() + _options.LeaseDuration + extraLease, status, checkpoint);
        if (!await _store.TryWriteAsync(record, expected, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _version = expected + 1;
        return true;
    }

    private async ValueTask<WorkflowException> LostAsync(string stepId, CancellationToken cancellationToken)
    {
        var current = await _store.ReadAsync(_workflowId, RunId, CancellationToken.None).ConfigureAwait(false);
        return new WorkflowRunLeaseLostException(
            $"Workflow '{_workflowId}' run '{RunId}' stopped in step '{stepId}': its checkpoint was written by another worker ('{current?.Owner}') since this one ('{_options.WorkerId}') last wrote it, so that worker now advances the run. What this worker's last call did is recorded by that worker's resume.",
            new StepContext(_workflowId, stepId, 1, null, null, null, null),
            RunId);
    }

    private static bool SameInputs(JsonElement stored, JsonElement given)
    {
        var storedNames = stored.ValueKind == JsonValueKind.Object ? stored.EnumerateObject().Select(p => p.Name).ToList() : new List<string>();
        if (!storedNames.SequenceEqual(given.EnumerateObject().Select(p => p.Name)))
        {
            return false;
        }

        foreach (var input in given.EnumerateObject())
        {
            var kept = stored.GetProperty(input.Name);
            if (!IsSecret(input.Value) && !IsSecret(kept) && kept.GetRawText() != input.Value.GetRawText())
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSecret(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && (value.TryGetProperty("withheld", out _) || value.TryGetProperty("protected", out _));

    private WorkflowRunLeasedException Busy(StoredRun? stored) =>
        new(_workflowId, RunId, stored?.Owner ?? "(unknown)", stored?.LeaseExpires ?? _options.TimeProvider.GetUtcNow());

    private int IndexOf(string stepId)
    {
        for (var i = 0; i < _stepIds.Count; i++)
        {
            if (_stepIds[i] == stepId)
            {
                return i;
            }
        }

        return -1;
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
