using System.ComponentModel;

namespace ArazzoGen.Runtime;

/// <summary>
/// A bounded poll of one step: waits between attempts and throws
/// <see cref="WorkflowPollExhaustedException"/> when its attempts or its deadline run out, so a
/// workflow never falls through to the next step with the awaited state not reached.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
#pragma warning disable CA1815 // a step's local, never compared
public struct Poll
#pragma warning restore CA1815
{
    // A struct: it lives in its step's async frame, so a poll allocates nothing of its own; its
    // fields are packed (ticks, MinValue for none) because every waiting run holds them.
    private readonly WorkflowRun _run;
    private readonly string _stepId;
    // Wall-clock UTC, not a timestamp: a durable run stores it, and a resumed poll keeps its bound.
    // Taken at the first wait (the bound is on waiting), so a poll whose first call finds the state
    // reached reads no clock; a resumed poll has it from its checkpoint.
    private long _sinceUtcTicks;
    private readonly long _deadlineTicks;
    private readonly int _maxAttempts;

    // Set when the run is told of state changes and this poll's resource sends them.
    private readonly StateChangeWait? _told;

    internal Poll(WorkflowRun run, string stepId, PollDelay delay, int? maxAttempts, TimeSpan? deadline, int attempt, DateTimeOffset? since, StateChanges? stateChanges, string? detailType)
    {
        _run = run;
        _stepId = stepId;
        Delay = delay;
        _maxAttempts = maxAttempts ?? int.MinValue;
        _deadlineTicks = deadline?.Ticks ?? long.MinValue;
        Attempt = attempt;
        _sinceUtcTicks = since?.UtcTicks ?? -1;
        _told = stateChanges is not null && detailType is not null ? new StateChangeWait(stateChanges, detailType) : null;
    }

    /// <summary>The waits between polls.</summary>
    public PollDelay Delay { get; }

    /// <summary>The most polls after the first call, when bounded by count.</summary>
    public int? MaxAttempts => _maxAttempts != int.MinValue ? _maxAttempts : null;

    /// <summary>The longest total wait, when bounded by time.</summary>
    public TimeSpan? Deadline => _deadlineTicks != long.MinValue ? TimeSpan.FromTicks(_deadlineTicks) : null;

    private DateTimeOffset Since => new(_sinceUtcTicks, TimeSpan.Zero);

    /// <summary>How many calls the step has made (1 after the first), counting the one a wait leads to once it has begun.</summary>
    public int Attempt { get; private set; }

    /// <summary>Waits before the next poll of a step with no outputs, or throws when the bound is used up.</summary>
    public Task WaitAsync() => WaitAsync<object?>(null, resourceName: null);

    /// <summary>Waits before the next poll, or throws when the bound is used up.</summary>
    /// <param name="observed">What the step last read (its result); formatted only if the poll runs out.</param>
    public Task WaitAsync<TObserved>(TObserved observed) => WaitAsync(observed, resourceName: null);

    /// <summary>
    /// Waits before the next poll, or throws when the bound is used up; with
    /// <see cref="WorkflowOptions.StateChanges"/>, a state-change event of <paramref name="resourceName"/>
    /// ends the wait early, and one that arrived during the last call skips it.
    /// </summary>
    /// <param name="observed">What the step last read (its result); formatted only if the poll runs out. Generic, so a result that is a struct is not boxed on every wait.</param>
    /// <param name="resourceName">The name of the resource the step waits on (the Describe request's).</param>
    public Task WaitAsync<TObserved>(TObserved observed, string? resourceName)
    {
        var now = _run.Now();
        if (_sinceUtcTicks < 0)
        {
            _sinceUtcTicks = now.UtcTicks;
        }

        var elapsed = now - Since;
        var polls = Attempt - 1;
        var delay = Delay.Before(Attempt);
        if ((MaxAttempts is { } max && polls >= max) || (Deadline is { } deadline && elapsed + delay > deadline))
        {
            var bound = MaxAttempts is { } m ? $"its limit of {m} polls" : $"its deadline of {Deadline}";
            var last = observed?.ToString();
            throw new WorkflowPollExhaustedException(
                $"Step '{_stepId}' of workflow '{_run.WorkflowId}' was still waiting after {Attempt} calls over {elapsed} and reached {bound}. Last observed: {last ?? "(nothing)"}.",
                new StepContext(_run.WorkflowId, _stepId, Attempt, null, null, null, last),
                elapsed);
        }

        if (_run.StepTimeLeft() is { } left && left < delay)
        {
            delay = left; // the step's timeout (Arazzo 1.1) ends its wait: the next call then fails as timed out
        }

        _run.LogPolling(_stepId, Attempt, delay);
        var checkpoint = _run.PollingAsync(_stepId, Attempt + 1, Since, delay);
        Attempt++;
        var told = resourceName is not null ? _told : null;
        if (told is not null || !checkpoint.IsCompletedSuccessfully)
        {
            return WaitAfterCheckpointAsync(_run, checkpoint, delay, told, resourceName);
        }

        // The common case holds nothing of its own while it waits: only the clock's timer.
        checkpoint.GetAwaiter().GetResult();
        return _run.DelayAsync(delay);
    }

    private static async Task WaitAfterCheckpointAsync(WorkflowRun run, ValueTask checkpoint, TimeSpan delay, StateChangeWait? told, string? resourceName)
    {
        await checkpoint.ConfigureAwait(false);
        if (told is not null)
        {
            await told.WaitAsync(run, resourceName!, delay).ConfigureAwait(false);
        }
        else
        {
            await run.DelayAsync(delay).ConfigureAwait(false);
        }
    }

    /// <summary>Where a poll told of state changes stands: the events it has seen so far.</summary>
    private sealed class StateChangeWait(StateChanges stateChanges, string detailType)
    {
        private long _mark = stateChanges.Mark();

        public async Task WaitAsync(WorkflowRun run, string resourceName, TimeSpan delay)
        {
            await run.WaitForStateChangeAsync(stateChanges, detailType, resourceName, _mark, delay).ConfigureAwait(false);
            _mark = stateChanges.Mark();
        }
    }
}
