using System.Collections.Generic;

namespace ArazzoGen.Bind;

/// <summary>
/// The Describe operations whose resource publishes state-change events to EventBridge, so a poll of
/// one can be woken by an event (WorkflowOptions.StateChanges) instead of calling on a schedule:
/// the event's detail-type, the request member that names the resource, and how often to call
/// anyway in case an event is lost (the AWS waiter's delay; 120 s for tuning jobs, which have no waiter).
/// </summary>
/// <remarks>docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html</remarks>
internal static class StateChangeEvents
{
    /// <summary>An event's detail-type, the Describe request's member that names its resource, and the fallback delay in seconds.</summary>
    /// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
    public sealed record Source(string DetailType, string NameMember, double FallbackSeconds);

    private static readonly Dictionary<string, Source> Events = new()
    {
        ["IAmazonSageMaker.DescribeTrainingJob"] = new("SageMaker Training Job State Change", "TrainingJobName", 120),
        ["IAmazonSageMaker.DescribeProcessingJob"] = new("SageMaker Processing Job State Change", "ProcessingJobName", 60),
        ["IAmazonSageMaker.DescribeTransformJob"] = new("SageMaker Transform Job State Change", "TransformJobName", 60),
        ["IAmazonSageMaker.DescribeHyperParameterTuningJob"] = new("SageMaker HyperParameter Tuning Job State Change", "HyperParameterTuningJobName", 120),
        ["IAmazonSageMaker.DescribeEndpoint"] = new("SageMaker Endpoint State Change", "EndpointName", 30),
    };

    public static Source? For(string clientInterface, string operation) =>
        Events.TryGetValue(clientInterface + "." + operation, out var found) ? found : null;

    /// <summary>Every entry, keyed "IAmazonX.Operation" (for the test that checks them against the runtime's parser and the waiters).</summary>
    public static IReadOnlyDictionary<string, Source> All => Events;
}
