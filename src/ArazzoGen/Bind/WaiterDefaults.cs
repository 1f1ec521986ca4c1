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

    private static readonly Dictionary<string, (double Delay, string Waiter)> Delays = new()
    {
        ["IAmazonSageMaker.DescribeTrainingJob"] = (120, "SageMaker TrainingJobCompletedOrStopped"),
        ["IAmazonSageMaker.DescribeEndpoint"] = (30, "SageMaker EndpointInService"),
        ["IAmazonSageMaker.DescribeProcessingJob"] = (60, "SageMaker ProcessingJobCompletedOrStopped"),
        ["IAmazonSageMaker.DescribeTransformJob"] = (60, "SageMaker TransformJobCompletedOrStopped"),
        ["IAmazonSageMaker.DescribeNotebookInstance"] = (30, "SageMaker NotebookInstanceInService"),
        ["IAmazonSageMaker.DescribeImage"] = (60, "SageMaker ImageCreated"),
        ["IAmazonSageMaker.DescribeImageVersion"] = (60, "SageMaker ImageVersionCreated"),
        ["IAmazonDynamoDB.DescribeTable"] = (20, "DynamoDB TableExists"),
    };

    public static (double Delay, string Waiter)? For(string clientInterface, string operation) =>
        Delays.TryGetValue(clientInterface + "." + operation, out var found) ? found : null;

    /// <summary>Every waiter delay, keyed "IAmazonX.Operation" (for the test that checks them against the models).</summary>
    public static IReadOnlyDictionary<string, (double Delay, string Waiter)> All => Delays;
}
