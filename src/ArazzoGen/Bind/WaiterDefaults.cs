using System.Collections.Generic;

namespace ArazzoGen.Bind;

/// <summary>
/// Poll delays of the official AWS waiters (shared/aws-models/*.waiters-2.json), used when a
/// workflow polls an operation without saying how long to wait. The .NET SDK v4 has no waiters;
/// every other AWS SDK uses these values.
/// </summary>
internal static class WaiterDefaults
{
    /// <summary>The delay when neither the workflow nor a waiter gives one.</summary>
    public const double FallbackPollDelaySeconds = 5;

    /// <summary>The delay before a failure retry when neither retryAfter nor a waiter gives one.</summary>
    public const double FallbackRetryDelaySeconds = 1;

    /// <summary>The first wait of the run time's backoff (<c>PollDelay.BackoffStart</c>), which doubles up to half the waiter's delay.</summary>
    public const double BackoffStartSeconds = 5;

    /// <summary>How long a poll without retryLimit runs (<c>WorkflowOptions.DefaultPollDeadline</c>).</summary>
    public const double DefaultPollDeadlineSeconds = 24 * 60 * 60;

    /// <summary>How many waits of <paramref name="first"/> seconds, doubling up to <paramref name="cap"/>, fit in <paramref name="deadline"/> seconds.</summary>
    public static long WaitsWithin(double deadline, double first, double cap)
    {
        long waits = 0;
        for (double elapsed = 0, wait = first; elapsed + wait <= deadline; elapsed += wait, wait = System.Math.Min(wait * 2, cap))
        {
            waits++;
        }

        return waits;
    }

    /// <summary>An AWS waiter's delay between calls, in seconds, and the waiter's name.</summary>
    /// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
    public sealed record Waiter(double Delay, string Name);

    private static readonly Dictionary<string, Waiter> Delays = new()
    {
        ["IAmazonSageMaker.DescribeTrainingJob"] = new(120, "SageMaker TrainingJobCompletedOrStopped"),
        ["IAmazonSageMaker.DescribeEndpoint"] = new(30, "SageMaker EndpointInService"),
        ["IAmazonSageMaker.DescribeProcessingJob"] = new(60, "SageMaker ProcessingJobCompletedOrStopped"),
        ["IAmazonSageMaker.DescribeTransformJob"] = new(60, "SageMaker TransformJobCompletedOrStopped"),
        ["IAmazonSageMaker.DescribeNotebookInstance"] = new(30, "SageMaker NotebookInstanceInService"),
        ["IAmazonSageMaker.DescribeImage"] = new(60, "SageMaker ImageCreated"),
        ["IAmazonSageMaker.DescribeImageVersion"] = new(60, "SageMaker ImageVersionCreated"),
        ["IAmazonDynamoDB.DescribeTable"] = new(20, "DynamoDB TableExists"),
    };

    public static Waiter? For(string clientInterface, string operation) =>
        Delays.TryGetValue(clientInterface + "." + operation, out var found) ? found : null;

    /// <summary>Every waiter delay, keyed "IAmazonX.Operation" (for the test that checks them against the models).</summary>
    public static IReadOnlyDictionary<string, Waiter> All => Delays;
}
