using System.ComponentModel;

namespace ArazzoGen.Runtime;

/// <summary>
/// A page loop of one step (a step that goes back to itself with a request that reads its own
/// outputs, such as an <c>ExclusiveStartKey</c> or <c>NextToken</c>): it counts pages, waits only
/// when the workflow gave a <c>retryAfter</c>, and throws <see cref="WorkflowPageLimitExceededException"/>
/// when the page limit is reached, so a service that never stops paging cannot keep a run alive.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public sealed class Pages
{
    private readonly WorkflowRun _run;
    private readonly string _stepId;
    private readonly TimeSpan _delay;
    private readonly int _limit;

    internal Pages(WorkflowRun run, string stepId, TimeSpan delay, int limit)
    {
        _run = run;
        _stepId = stepId;
        _delay = delay;
        _limit = limit;
    }

    /// <summary>How many pages the step has asked for (1 after the first call).</summary>
    public int Count { get; private set; } = 1;

    /// <summary>Before the next page: counts it against the limit and waits the workflow's delay, if any.</summary>
    public Task NextAsync()
    {
        if (Count >= _limit)
        {
            throw new WorkflowPageLimitExceededException(
                $"Step '{_stepId}' of workflow '{_run.WorkflowId}' asked for {Count} pages and reached its limit of {_limit}. Raise WorkflowOptions.PageLimit if the data is meant to be this large.",
                new StepContext(_run.WorkflowId, _stepId, Count, null, null, null, null));
        }

        Count++;
        return _run.DelayAsync(_delay);
    }
}
