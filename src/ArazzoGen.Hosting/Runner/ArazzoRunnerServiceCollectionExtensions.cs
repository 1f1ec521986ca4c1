using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArazzoGen.Hosting;

/// <summary>Registers the runner: the queue, the hosted service that works through it, its status and its health check.</summary>
public static class ArazzoRunnerServiceCollectionExtensions
{
    /// <summary>The name of the runner's health check.</summary>
    public const string HealthCheckName = "arazzo-workflow-runs";

    /// <summary>
    /// Adds <see cref="WorkflowRunQueue"/> (enqueue runs), <see cref="WorkflowRunnerService"/> (runs them),
    /// <see cref="WorkflowRunsStatus"/> and the health check <see cref="HealthCheckName"/>. The workflows
    /// themselves come from <c>AddArazzoWorkflows()</c>.
    /// </summary>
    public static IServiceCollection AddArazzoRunner(this IServiceCollection services, Action<WorkflowRunnerOptions>? configure = null)
    {
        services.TryAddSingleton<WorkflowRunQueue>();
        services.TryAddSingleton<WorkflowRunsStatus>();
        services.AddHostedService<WorkflowRunnerService>();
        services.AddOptions<WorkflowRunnerOptions>()
            .Configure(o => configure?.Invoke(o))
            .Validate(o => o.MaxConcurrentRuns >= 1, "Arazzo runner: MaxConcurrentRuns must be at least 1.")
            .ValidateOnStart();
        services.AddHealthChecks().AddCheck<WorkflowRunsHealthCheck>(HealthCheckName, HealthStatus.Degraded);
        return services;
    }
}
