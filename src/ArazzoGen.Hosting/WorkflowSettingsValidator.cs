using Microsoft.Extensions.Options;

namespace ArazzoGen.Hosting;

/// <summary>
/// Checks one workflow's settings when the host starts: bounds that are positive, delays a timer can
/// wait, and poll settings only for steps of that workflow that poll (a misspelt stepId would
/// otherwise be ignored silently).
/// </summary>
internal sealed class WorkflowSettingsValidator : IValidateOptions<WorkflowSettings>
{
    // Task.Delay's longest wait (uint.MaxValue - 1 milliseconds, about 49.7 days).
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly string _workflowId;
    private readonly string[] _pollingSteps;

    public WorkflowSettingsValidator(string workflowId, string[] pollingSteps)
    {
        _workflowId = workflowId;
        _pollingSteps = pollingSteps;
    }

    public ValidateOptionsResult Validate(string? name, WorkflowSettings options)
    {
        if (name != _workflowId)
        {
            return ValidateOptionsResult.Skip;
        }

        var section = $"{ArazzoServices.ConfigurationSection}:{_workflowId}";
        var failures = new List<string>();
        if (options.StepBudget is < 1)
        {
            failures.Add($"{section}:StepBudget is {options.StepBudget}; it must be at least 1.");
        }

        if (options.TransientRetries is < 0)
        {
            failures.Add($"{section}:TransientRetries is {options.TransientRetries}; it must be 0 (none) or more.");
        }

        if (options.PageLimit is < 1)
        {
            failures.Add($"{section}:PageLimit is {options.PageLimit}; it must be at least 1.");
        }

        if (options.DefaultPollDeadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            failures.Add($"{section}:DefaultPollDeadline is {deadline}; it must be positive.");
        }

        if (options.LeaseDuration is { } lease && (lease <= TimeSpan.Zero || lease > LongestWait))
        {
            failures.Add($"{section}:LeaseDuration is {lease}; it must be positive and at most {LongestWait}.");
        }

        if (options.LeaseWait is { } leaseWait && (leaseWait < TimeSpan.Zero || leaseWait > LongestWait))
        {
            failures.Add($"{section}:LeaseWait is {leaseWait}; it must be between zero and {LongestWait}.");
        }

        foreach (var (stepId, poll) in options.Polls)
        {
            var key = $"{section}:Polls:{stepId}";
            if (!_pollingSteps.Contains(stepId, StringComparer.Ordinal))
            {
                var steps = _pollingSteps.Length == 0 ? "it has no polling steps" : "its polling steps are " + string.Join(", ", _pollingSteps);
                failures.Add($"{key}: '{stepId}' is not a polling step of workflow '{_workflowId}'; {steps}.");
            }

            if (poll.Delay is { } delay && (delay <= TimeSpan.Zero || delay > LongestWait))
            {
                failures.Add($"{key}:Delay is {delay}; it must be positive and at most {LongestWait}.");
            }

            if (poll.Deadline is { } pollDeadline && pollDeadline <= TimeSpan.Zero)
            {
                failures.Add($"{key}:Deadline is {pollDeadline}; it must be positive.");
            }

            if (poll.MaxAttempts is < 0)
            {
                failures.Add($"{key}:MaxAttempts is {poll.MaxAttempts}; it must not be negative.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
