using System.ComponentModel;
using ArazzoGen.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace ArazzoGen.Hosting;

/// <summary>
/// What the generated <c>AddArazzoWorkflows()</c> and <c>Add&lt;Name&gt;Workflow()</c> call: a
/// workflow's settings bound from configuration and validated at start, and its
/// <see cref="WorkflowOptions"/> built from them and from the container's clock and loggers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ArazzoServices
{
    /// <summary>The configuration section with one subsection per workflowId.</summary>
    public const string ConfigurationSection = "Arazzo:Workflows";

    /// <summary>
    /// The name of the resilience pipeline a workflow's calls go through, when the container has one
    /// by that name (<c>services.AddResiliencePipeline(ArazzoServices.PipelineName("train-then-deploy"), ...)</c>
    /// from Microsoft.Extensions.Resilience), else the one named <c>"arazzo"</c> for every workflow.
    /// </summary>
    public static string PipelineName(string workflowId) => "arazzo:" + workflowId;

    /// <summary>The pipeline for every workflow that has none of its own.</summary>
    public const string DefaultPipelineName = "arazzo";

    /// <summary>Binds <see cref="WorkflowSettings"/> named <paramref name="workflowId"/> from its section, validated when the host starts.</summary>
    /// <param name="services">The container.</param>
    /// <param name="workflowId">The workflow's id, which names its options and its configuration section.</param>
    /// <param name="pollingSteps">The stepIds of the workflow's polls: the only keys its Polls settings may have.</param>
    public static void AddWorkflowSettings(IServiceCollection services, string workflowId, string[] pollingSteps)
    {
        services.AddOptions<WorkflowSettings>(workflowId)
            .BindConfiguration($"{ConfigurationSection}:{workflowId}")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowSettings>>(new WorkflowSettingsValidator(workflowId, pollingSteps));
    }

    /// <summary>
    /// The options of one workflow: its settings from configuration, over the defaults; the
    /// container's <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/>, run store
    /// (<see cref="Runtime.Durable.IWorkflowRunStore"/>: runs are durable when it has one), secret
    /// protector and <see cref="StateChanges"/> (polls wake on events, <c>ArazzoGen.Sqs</c>) when it has them, and
    /// its resilience pipeline (<see cref="PipelineName"/>, else <see cref="DefaultPipelineName"/>) from
    /// the container's <see cref="ResiliencePipelineProvider{TKey}"/>, with the telemetry
    /// Microsoft.Extensions.Resilience gives it.
    /// </summary>
    public static WorkflowOptions Options(IServiceProvider services, string workflowId)
    {
        var settings = services.GetRequiredService<IOptionsMonitor<WorkflowSettings>>().Get(workflowId);
        var defaults = WorkflowOptions.Default;
        return new WorkflowOptions
        {
            TimeProvider = services.GetService<TimeProvider>() ?? defaults.TimeProvider,
            LoggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            StepBudget = settings.StepBudget ?? defaults.StepBudget,
            PageLimit = settings.PageLimit ?? defaults.PageLimit,
            DefaultPollDeadline = settings.DefaultPollDeadline ?? defaults.DefaultPollDeadline,
            TransientRetries = settings.TransientRetries ?? defaults.TransientRetries,
            Store = services.GetService<Runtime.Durable.IWorkflowRunStore>(),
            SecretProtector = services.GetService<Runtime.Durable.IWorkflowSecretProtector>(),
            StateChanges = services.GetService<StateChanges>(),
            LeaseDuration = settings.LeaseDuration ?? defaults.LeaseDuration,
            LeaseWait = settings.LeaseWait ?? defaults.LeaseWait,
            Polls = settings.Polls.ToDictionary(
                p => p.Key,
                p => new PollOptions { Delay = p.Value.Delay, Deadline = p.Value.Deadline, MaxAttempts = p.Value.MaxAttempts },
                StringComparer.Ordinal),
            ResiliencePipeline = Pipeline(services, workflowId),
        };
    }

    private static ResiliencePipeline? Pipeline(IServiceProvider services, string workflowId)
    {
        if (services.GetService<ResiliencePipelineProvider<string>>() is not { } pipelines)
        {
            return null;
        }

        return pipelines.TryGetPipeline(PipelineName(workflowId), out var own) ? own
            : pipelines.TryGetPipeline(DefaultPipelineName, out var shared) ? shared
            : null;
    }
}
