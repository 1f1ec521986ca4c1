namespace ArazzoGen.Hosting;

/// <summary>
/// A workflow's settings in configuration, under <c>Arazzo:Workflows:&lt;workflowId&gt;</c>; anything
/// left out keeps <see cref="Runtime.WorkflowOptions"/>' default.
/// </summary>
/// <example>
/// <code>
/// "Arazzo": { "Workflows": { "train-then-deploy": {
///   "StepBudget": 200,
///   "Polls": { "pollTrainingJob": { "Delay": "00:02:00", "Deadline": "1.00:00:00" } } } } }
/// </code>
/// </example>
public sealed class WorkflowSettings
{
    /// <summary><see cref="Runtime.WorkflowOptions.StepBudget"/>.</summary>
    public int? StepBudget { get; set; }

    /// <summary><see cref="Runtime.WorkflowOptions.PageLimit"/>.</summary>
    public int? PageLimit { get; set; }

    /// <summary><see cref="Runtime.WorkflowOptions.DefaultPollDeadline"/>.</summary>
    public TimeSpan? DefaultPollDeadline { get; set; }

    /// <summary><see cref="Runtime.WorkflowOptions.TransientRetries"/>: retries of a call that met a transient failure (0: none); unused when the container has a resilience pipeline for the workflow.</summary>
    public int? TransientRetries { get; set; }

    /// <summary><see cref="Runtime.WorkflowOptions.LeaseDuration"/>: how long a durable run stays this worker's after its last checkpoint.</summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary><see cref="Runtime.WorkflowOptions.LeaseWait"/>: how long starting a run another worker holds waits.</summary>
    public TimeSpan? LeaseWait { get; set; }

    /// <summary>Per polling step, by stepId: <see cref="Runtime.WorkflowOptions.Polls"/>.</summary>
    public Dictionary<string, PollSettings> Polls { get; } = new(StringComparer.Ordinal);
}

/// <summary>One polling step's settings: <see cref="Runtime.PollOptions"/>.</summary>
public sealed class PollSettings
{
    /// <summary>The wait between two polls.</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>The longest the poll may wait in total.</summary>
    public TimeSpan? Deadline { get; set; }

    /// <summary>The most polls after the first call.</summary>
    public int? MaxAttempts { get; set; }
}
