using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ArazzoGen.Runtime;

namespace ArazzoGen.Testing;

/// <summary>
/// What runs of the ensure-table workflow did under one fault: how many completed and failed, the
/// runs that failed at createTable although their table exists, the anomalies (contract breaches),
/// the HTTP requests sent (retries included) and faulted, and the calls the runs' steps made (a step
/// span each, whatever retried them underneath).
/// </summary>
public sealed record FaultRow(Fault Fault, int Runs, int Completed, int Failed, int CreatedButFailed, IReadOnlyList<string> Anomalies, int HttpAttempts, int Faulted, int LogicalCalls)
{
    public double AttemptsPerCall => LogicalCalls == 0 ? 0 : (double)HttpAttempts / LogicalCalls;
}

/// <summary>
/// Runs the ensure-table workflow (DescribeTable, CreateTable, a poll, PutItem, GetItem) many times
/// against dynalite on the real AmazonDynamoDBClient, with a share of its HTTP requests faulted by a
/// seeded <see cref="FaultInjectingHandler"/> inside the SDK's HttpClient, on one client shared by
/// the runs as an application shares one. Each run must complete with the data it wrote, or fail
/// with a WorkflowException naming its step with its partial outputs; a run that failed at
/// createTable although its table exists must say so (an unanswered call, or "probably created it").
/// Anything else is an anomaly.
/// </summary>
public static class FaultTrial
{
    /// <summary>Runs the generated workflow with these inputs and returns the payload it read back.</summary>
    public delegate Task<string?> RunWorkflow(IAmazonDynamoDB client, WorkflowOptions options, string table, string payload);

    private const string TrialSourceName = "ArazzoGen.FaultTrial";
    private static readonly ActivitySource Trials = new(TrialSourceName);

    /// <summary>
    /// <paramref name="runs"/> runs under <paramref name="fault"/> (a <paramref name="rate"/> share of
    /// requests), <paramref name="parallel"/> at once, with <paramref name="transientRetries"/> as
    /// WorkflowOptions.TransientRetries (null: the product's default).
    /// </summary>
    public static async Task<FaultRow> RunAsync(RunWorkflow run, int dynalitePort, Fault fault, int runs, double rate = 0.3, int parallel = 1, int? transientRetries = null)
    {
        var handler = new FaultInjectingHandler(fault, rate, seed: 15 + (int)fault, stall: TimeSpan.FromSeconds(5));
        using var client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig
            {
                ServiceURL = $"http://127.0.0.1:{dynalitePort}",
                AuthenticationRegion = "us-east-1",
                Timeout = TimeSpan.FromMilliseconds(500),
                HttpClientFactory = new HandlerHttpClientFactory(handler),
            });
        using var clean = new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{dynalitePort}", AuthenticationRegion = "us-east-1" });
        var options = new WorkflowOptions
        {
            TransientRetries = transientRetries ?? new WorkflowOptions().TransientRetries,
            Polls = { ["waitForTable"] = new PollOptions { Delay = TimeSpan.FromMilliseconds(50), Deadline = TimeSpan.FromSeconds(30) } },
        };

        // Step spans of this trial's runs only (other tests may run workflows in the same process).
        var traces = new ConcurrentDictionary<ActivityTraceId, byte>();
        var logicalCalls = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Telemetry.SourceName or TrialSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.OperationName.StartsWith("step ", StringComparison.Ordinal) && traces.ContainsKey(activity.TraceId))
                {
                    Interlocked.Increment(ref logicalCalls);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        int completed = 0, failed = 0, createdButFailed = 0;
        var anomalies = new ConcurrentQueue<string>();
        await Parallel.ForAsync(0, runs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (index, _) =>
        {
            var table = $"faults-{fault}-{index}-{Guid.NewGuid():N}"[..40];
            var payload = "payload " + index;
            using var trial = Trials.StartActivity("fault trial run");
            traces.TryAdd(trial!.TraceId, 0);
            try
            {
                var stored = await run(client, options, table, payload);
                Interlocked.Increment(ref completed);
                if (stored != payload)
                {
                    anomalies.Enqueue($"run {index} completed with '{stored}'");
                }
            }
            catch (WorkflowException failure)
            {
                Interlocked.Increment(ref failed);
                if (string.IsNullOrEmpty(failure.StepId) || failure.PartialOutputs is null)
                {
                    anomalies.Enqueue($"run {index} failed without its step or partial outputs: {failure.Message}");
                }

                if (failure.StepId == "createTable" && await ExistsAsync(clean, table))
                {
                    Interlocked.Increment(ref createdButFailed);
                    var said = failure.UnansweredSteps.Contains("createTable") || failure.Message.Contains("probably created it", StringComparison.Ordinal);
                    if (!said)
                    {
                        anomalies.Enqueue($"run {index} failed at createTable, the table exists, and the failure does not say it may: {failure.Message}");
                    }
                }
            }
            catch (Exception other)
            {
                anomalies.Enqueue($"run {index} ended with {other.GetType().Name}, not a WorkflowException: {other.Message}");
            }
        });

        return new FaultRow(fault, runs, completed, failed, createdButFailed, anomalies.ToList(), handler.Requests, handler.Faulted, logicalCalls);
    }

    private static async Task<bool> ExistsAsync(IAmazonDynamoDB client, string table)
    {
        try
        {
            await client.DescribeTableAsync(table);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }
}
