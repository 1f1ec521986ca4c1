namespace ArazzoGen.Hosting;

/// <summary>What the runner is doing: the runs in progress, how many ended, and the last failure (for the health check and for a stop's report).</summary>
public sealed class WorkflowRunsStatus
{
    private readonly object _gate = new();
    private readonly Dictionary<long, WorkflowRunInfo> _running = new();
    private long _next;

    /// <summary>The runs in progress, oldest first.</summary>
    public IReadOnlyList<WorkflowRunInfo> Running
    {
        get
        {
            lock (_gate)
            {
                return _running.OrderBy(r => r.Key).Select(r => r.Value).ToList();
            }
        }
    }

    /// <summary>Runs that ended with their outputs.</summary>
    public long Completed { get; private set; }

    /// <summary>Runs that ended with an exception (a cancellation by a stop included).</summary>
    public long Failed { get; private set; }

    /// <summary>The last run that failed, and how.</summary>
    public WorkflowRunFailure? LastFailure { get; private set; }

    /// <summary>True when the last run to end failed.</summary>
    public bool LastEndedFailed { get; private set; }

    internal long Started(string name, DateTimeOffset at)
    {
        lock (_gate)
        {
            _running[++_next] = new WorkflowRunInfo(name, at);
            return _next;
        }
    }

    internal void Ended(long run, Exception? failure, DateTimeOffset at)
    {
        lock (_gate)
        {
            var info = _running[run];
            _running.Remove(run);
            LastEndedFailed = failure is not null;
            if (failure is null)
            {
                Completed++;
                return;
            }

            Failed++;
            LastFailure = new WorkflowRunFailure(info.Name, failure.GetType().Name, failure.Message, at);
        }
    }
}

/// <summary>A run in progress: its name and when it started.</summary>
public sealed record WorkflowRunInfo(string Name, DateTimeOffset StartedAt);

/// <summary>A run that failed: its name, the exception's type and message (a WorkflowException's message never holds a secret), and when.</summary>
public sealed record WorkflowRunFailure(string Name, string Exception, string Message, DateTimeOffset At);
