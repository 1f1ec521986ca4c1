using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArazzoGen.Hosting;

/// <summary>
/// The runner's health: healthy while runs end well, degraded when the last run that ended failed
/// (it names the run and why); the data holds the runs in progress and the counts.
/// </summary>
public sealed class WorkflowRunsHealthCheck : IHealthCheck
{
    private readonly WorkflowRunsStatus _status;

    /// <summary>Created by the container.</summary>
    public WorkflowRunsHealthCheck(WorkflowRunsStatus status) => _status = status;

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var running = _status.Running;
        var data = new Dictionary<string, object>
        {
            ["running"] = running.Select(r => r.Name).ToArray(),
            ["completed"] = _status.Completed,
            ["failed"] = _status.Failed,
        };
        if (_status.LastFailure is { } failure)
        {
            data["lastFailure"] = $"{failure.Name} at {failure.At:O}: {failure.Exception}: {failure.Message}";
        }

        var description = $"{running.Count} runs in progress, {_status.Completed} completed, {_status.Failed} failed";
        return Task.FromResult(_status.LastEndedFailed && _status.LastFailure is { } last
            ? HealthCheckResult.Degraded($"{description}; the last run to end, {last.Name}, failed: {last.Message}", data: data)
            : HealthCheckResult.Healthy(description, data));
    }
}
