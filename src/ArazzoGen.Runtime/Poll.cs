using System.ComponentModel;

namespace ArazzoGen.Runtime;

/// <summary>
/// A bounded poll of one step: waits between attempts and throws
/// <see cref="WorkflowPollExhaustedException"/> when its attempts or its deadline run out, so a
/// workflow never falls through to the next step with the awaited state not reached.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public sealed class Poll
{
    private readonly WorkflowRun _run;
    private readonly string _stepId;
    // Wall-clock, not a timestamp: a durable run stores it, and a resumed poll keeps its bound.
    private readonly DateTimeOffset _since;

    // Both set, or both null: when the run is told of state changes and this poll's resource sends them.
    private readonly StateChanges? _stateChanges;
    private readonly string? _detailType;
    private long _mark;

    internal Poll(WorkflowRun run, string stepId, PollDelay delay, int? maxAttempts, TimeSpan? deadline, int attempt, DateTimeOffset since, StateChanges? stateChanges, string? detailType)
    {
        _run = run;
        _stepId = stepId;
        Delay = delay;
        MaxAttempts = maxAttempts;
        Deadline = deadline;
        Attempt = attempt;
        _since = since;
        _stateChanges = stateChanges;
        _detailType = detailType;
        _mark = stateChanges?.Mark() ?? 0;
    }

    /// <summary>The waits between polls.</summary>
    public PollDelay Delay { get; }

    /// <summary>The most polls after the first call, when bounded by count.</summary>
    public int? MaxAttempts { get; }

    /// <summary>The longest total wait, when bounded by time.</summary>
    public TimeSpan? Deadline { get; }

    /// <summary>How many calls the step has made (1 after the first).</summary>
    public int Attempt { get; private set; }

    /// <summary>Waits before the next poll, or throws when the bound is used up.</summary>
    /// <param name="observed">What the step last read (its result record); formatted only if the poll runs out.</param>
    public Task WaitAsync(object? observed) => WaitAsync(observed, resourceName: null);

    /// <summary>
    /// Waits before the next poll, or throws when the bound is used up; with
    /// <see cref="WorkflowOptions.StateChanges"/>, a state-change event of <paramref name="resourceName"/>
    /// ends the wait early, and one that arrived during the last call skips it.
    /// </summary>
    /// <param name="observed">What the step last read (its result record); formatted only if the poll runs out.</param>
    /// <param name="resourceName">The name of the resource the step waits on (the Describe request's).</param>
    public Task WaitAsync(object? observed, string? resourceName)
    {
        var elapsed = _run.Since(_since);
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

        _run.LogPolling(_stepId, Attempt, delay);
        var checkpoint = _run.PollingAsync(_stepId, Attempt + 1, _since, delay);
        if ((_stateChanges is not null && resourceName is not null) || !checkpoint.IsCompletedSuccessfully)
        {
            return WaitAfterCheckpointAsync(checkpoint, delay, resourceName);
        }

        // The common case holds nothing of its own while it waits: only the clock's timer.
        checkpoint.GetAwaiter().GetResult();
        Attempt++;
        return _run.DelayAsync(delay);
    }

    private async Task WaitAfterCheckpointAsync(ValueTask checkpoint, TimeSpan delay, string? resourceName)
    {
        await checkpoint.ConfigureAwait(false);
        if (_stateChanges is not null && resourceName is not null)
        {
            await _run.WaitForStateChangeAsync(_stateChanges, _detailType!, resourceName, _mark, delay).ConfigureAwait(false);
            _mark = _stateChanges.Mark();
        }
        else
        {
            await _run.DelayAsync(delay).ConfigureAwait(false);
        }

        Attempt++;
    }
}
