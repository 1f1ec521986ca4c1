using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using ArazzoGen.DurableHost;
using ArazzoGen.DurableHost.Workflows;
using ArazzoGen.DynamoDB;
using ArazzoGen.Runtime;
using ArazzoGen.Runtime.Durable;
using ArazzoGen.Samples.Simulation;

// Usage: --workflow train-then-deploy|ensure-table --run-id ID --calls FILE [--table NAME]
//        (--store DIR | --dynamodb-store TABLE) [--dynamodb URL] [--simulator FILE]
//        [--kill-at STEP[_poll]|Completed [--kill-before]]
// Prints WRITES, CHECKPOINT-BYTES and OUTPUTS lines; every AWS call is appended to the calls file
// before it is sent, so the count survives the kill.
var options = Arguments.Parse(args);
var calls = options["--calls"];
// "createModel" kills at the first write that puts the run at that step, "pollEndpoint poll" at that step's first poll, "Completed" at the end.
var killAt = options.TryGetValue("--kill-at", out var point) ? point.Replace('_', ' ') : null;
var trainThenDeploy = options["--workflow"] == "train-then-deploy";
// SageMaker's jobs take realistic durations on a clock 3000 times faster, which goes on from where the
// last process left the simulated account; dynalite's tables take real time.
var simulatorState = trainThenDeploy ? options["--simulator"] : null;
TimeProvider clock = simulatorState is null ? TimeProvider.System : new AcceleratedTimeProvider(3000, SimulatedSageMaker.SavedAt(simulatorState));
// A short lease on real time (the test's "a worker died" wait); the default on the simulated clock.
var lease = trainThenDeploy ? TimeSpan.FromMinutes(5) : TimeSpan.FromMilliseconds(500);

AmazonDynamoDBClient DynamoDb() => new(
    new BasicAWSCredentials("test", "test"),
    new AmazonDynamoDBConfig { ServiceURL = options["--dynamodb"], AuthenticationRegion = "us-east-1", HttpClientFactory = new CountingHttpClientFactory(calls) });

IWorkflowRunStore inner = options.TryGetValue("--store", out var directory)
    ? new FileRunStore(directory)
    : new DynamoDbRunStore(new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = options["--dynamodb"], AuthenticationRegion = "us-east-1" }), options["--dynamodb-store"]);
var store = new KillingStore(inner, killAt, options.ContainsKey("--kill-before"));
var workflowOptions = new WorkflowOptions
{
    TimeProvider = clock,
    Store = store,
    LeaseDuration = lease,
    // A process killed just after starting leaves a lease measured on a clock that ran ahead of the
    // simulated account's last save (3000x during the startup); wait it out rather than give up.
    LeaseWait = trainThenDeploy ? TimeSpan.FromHours(2) : TimeSpan.FromMinutes(1),
    // A table on a local dynalite is ACTIVE in well under a second: poll it every 50 ms.
    Polls = trainThenDeploy ? new Dictionary<string, PollOptions>() : new Dictionary<string, PollOptions> { ["waitForTable"] = new() { Delay = TimeSpan.FromMilliseconds(50) } },
};

object outputs;
var runId = options["--run-id"];
switch (options["--workflow"])
{
    case "train-then-deploy":
        // 24 and 20 simulated minutes (0.5 and 0.4 s): long enough that a step's first poll finds its job running.
        var sageMaker = new SimulatedSageMaker(clock, new SimulationOptions { TrainingDuration = TimeSpan.FromMinutes(20), EndpointCreationDuration = TimeSpan.FromMinutes(20) }, simulatorState);
        sageMaker.Event += e => File.AppendAllText(calls, e.Operation + "\n");
        var train = await new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker.Client), workflowOptions).RunAsync(
            new TrainThenDeployWorkflow.Inputs
            {
                TrainingJobName = "churn", TrainingImage = "xgboost:1", RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
                S3OutputPath = "s3://models/", InstanceType = "ml.m5.xlarge", InstanceCount = 1, VolumeSizeInGB = 30, MaxRuntimeInSeconds = 86400,
                ModelName = "churn", InferenceImage = "xgboost-inference:1", EndpointConfigName = "churn", VariantName = "AllTraffic",
                InitialInstanceCount = 1, HostingInstanceType = "ml.m5.large", EndpointName = "churn",
            },
            runId);
        outputs = new { train.TrainingJobArn, train.ModelArtifacts, train.ModelArn, train.EndpointArn, EndpointStatus = train.EndpointStatus?.Value, train.EndStepId, train.EndActionName };
        break;
    default:
        var table = await new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(DynamoDb()), workflowOptions).RunAsync(
            new EnsureTableWriteReadWorkflow.Inputs { TableName = options["--table"], ItemId = "user-42", Payload = "{\"score\":0.93}" },
            runId);
        outputs = new { table.CreatedTableArn, TableStatus = table.TableStatus?.Value, table.StoredPayload, table.WrittenBy, table.EndStepId, table.EndActionName };
        break;
}

Console.WriteLine($"WRITES {store.Writes}");
Console.WriteLine($"CHECKPOINT-BYTES {store.LargestCheckpoint}");
Console.WriteLine("OUTPUTS " + JsonSerializer.Serialize(outputs));
return 0;

namespace ArazzoGen.DurableHost
{
    internal static class Arguments
    {
        public static Dictionary<string, string> Parse(string[] args)
        {
            var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                parsed[args[i]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }

            return parsed;
        }
    }

    /// <summary>Kills this process (SIGKILL) at the first store write at a point (a step, a step's first poll, the end): before it (the write is lost) or just after it.</summary>
    internal sealed class KillingStore(IWorkflowRunStore inner, string? killAt, bool before) : IWorkflowRunStore
    {
        public int Writes { get; private set; }

        public int LargestCheckpoint { get; private set; }

        public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) =>
            inner.ReadAsync(workflowId, runId, cancellationToken);

        public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
        {
            Writes++;
            LargestCheckpoint = Math.Max(LargestCheckpoint, run.Checkpoint.Length);
            string at;
            using (var checkpoint = JsonDocument.Parse(run.Checkpoint))
            {
                // Where each write is: the tests pick the points to kill at from this.
                var step = checkpoint.RootElement.GetProperty("step").GetString() ?? run.Status.ToString();
                at = step + (checkpoint.RootElement.TryGetProperty("poll", out _) ? " poll" : string.Empty);
                Console.WriteLine($"WRITE {Writes} {at}");
            }

            if (at == killAt && before)
            {
                Kill();
            }

            var written = await inner.TryWriteAsync(run, expectedVersion, cancellationToken);
            if (at == killAt)
            {
                Kill();
            }

            return written;
        }

        private static void Kill()
        {
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }

    /// <summary>Appends each DynamoDB call's operation (its X-Amz-Target) to a file before sending it.</summary>
    internal sealed class CountingHttpClientFactory(string file) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Counting(file, new HttpClientHandler()));

        private sealed class Counting(string file, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "?";
                File.AppendAllText(file, target[(target.IndexOf('.') + 1)..] + "\n");
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
