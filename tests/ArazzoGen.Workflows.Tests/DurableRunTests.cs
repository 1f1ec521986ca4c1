using System.Text;
using System.Text.Json;
using Amazon.SageMaker;
using ArazzoGen.Runtime;
using ArazzoGen.Runtime.Durable;
using ArazzoGen.Samples.Simulation;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Durable runs in one test process: a "process" is a workflow instance with its own worker id, and
/// its death is a store that stops writing for good (the checkpoint it was about to write is lost, as
/// it is when a process is killed). The simulated SageMaker is the AWS side that outlives them all.
/// Real process kills are in ArazzoGen.Tests (DurableSampleTests).
/// </summary>
public class DurableRunTests : IClassFixture<QuickDynaliteFixture>
{
    private readonly TestClock _clock = new();
    private readonly QuickDynaliteFixture _dynalite;

    public DurableRunTests(QuickDynaliteFixture dynalite) => _dynalite = dynalite;

    /// <summary>A new, empty store of each kind: memory, files, a DynamoDB table on dynalite.</summary>
    private async Task<IWorkflowRunStore> NewStoreAsync(string kind)
    {
        switch (kind)
        {
            case "memory":
                return new InMemoryRunStore();
            case "file":
                return new FileRunStore(Directory.CreateTempSubdirectory("arazzo-runs-").FullName);
            default:
                var table = "runs-" + Guid.NewGuid().ToString("N")[..12];
                var client = _dynalite.CreateClient();
                await ArazzoGen.DynamoDB.DynamoDbRunStore.CreateTableAsync(client, table);
                return new ArazzoGen.DynamoDB.DynamoDbRunStore(client, table);
        }
    }

    private static TrainThenDeployWorkflow.Inputs Inputs => SampleInputs.TrainThenDeploy();

    private static readonly string[] Creates = { "CreateTrainingJob", "CreateModel", "CreateEndpointConfig", "CreateEndpoint" };

    private TrainThenDeployWorkflow Process(SimulatedSageMaker sageMaker, IWorkflowRunStore store, string worker) =>
        new(new TrainThenDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock, Store = store, WorkerId = worker });

    [Fact]
    public async Task A_durable_run_gets_a_run_id_and_its_finished_checkpoint_answers_a_resume_with_no_AWS_call()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = new InMemoryRunStore();
        var outputs = await Process(sageMaker, store, "a").RunAsync(Inputs);
        var calls = sageMaker.Events.Count;

        var resumed = await Process(sageMaker, store, "b").ResumeAsync(outputs.RunId!);

        Assert.NotNull(outputs.RunId);
        Assert.Equal(calls, sageMaker.Events.Count);
        Assert.Equal(
            (outputs.TrainingJobArn, outputs.ModelArtifacts, outputs.ModelArn, outputs.EndpointArn, outputs.EndpointStatus, outputs.EndStepId, outputs.EndActionName, outputs.LastStatusCode),
            (resumed.TrainingJobArn, resumed.ModelArtifacts, resumed.ModelArn, resumed.EndpointArn, resumed.EndpointStatus, resumed.EndStepId, resumed.EndActionName, resumed.LastStatusCode));
        Assert.Equal(RunStatus.Completed, Assert.Single(store.Runs).Status);
    }

    [Fact]
    public async Task Without_a_store_a_run_has_no_run_id_and_a_run_id_without_a_store_is_refused_before_any_call()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock });

        var outputs = await workflow.RunAsync(Inputs);
        var calls = sageMaker.Events.Count;
        var noStore = await Assert.ThrowsAsync<ArgumentException>(() => workflow.RunAsync(Inputs, "run-1"));
        var badId = await Assert.ThrowsAsync<ArgumentException>(() => Process(sageMaker, new InMemoryRunStore(), "a").RunAsync(Inputs, "no spaces/or slashes"));

        Assert.Null(outputs.RunId);
        Assert.Contains("no Store", noStore.Message);
        Assert.Equal("runId", badId.ParamName);
        Assert.Equal(calls, sageMaker.Events.Count);
    }

    /// <summary>
    /// The run dies at every checkpoint write in turn, either just before it (the step's call was
    /// made, the record still says the run is in that step) or just after it; a new process resumes.
    /// Every run ends like an uninterrupted one, with each resource created once.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Killed_at_any_checkpoint_a_resumed_run_ends_like_an_uninterrupted_one_and_creates_each_resource_once(bool beforeTheWrite)
    {
        var reference = await Process(new SimulatedSageMaker(_clock), new InMemoryRunStore(), "reference").RunAsync(Inputs);
        var counting = new InMemoryRunStore();
        await Process(new SimulatedSageMaker(_clock), counting, "counting").RunAsync(Inputs);
        var writes = counting.Writes;

        for (var killAt = 1; killAt <= writes; killAt++)
        {
            var sageMaker = new SimulatedSageMaker(_clock);
            var store = new InMemoryRunStore();
            var dying = new DyingStore(store, killAt, beforeTheWrite);
            await Assert.ThrowsAnyAsync<Exception>(() => Process(sageMaker, dying, "first").RunAsync(Inputs, "run-1"));
            Assert.True(dying.Died, $"the first process was to die at write {killAt}");

            var outputs = await Process(sageMaker, store, "second").RunAsync(Inputs, "run-1");

            Assert.Equal(
                (reference.TrainingJobArn, reference.ModelArtifacts, reference.ModelArn, reference.EndpointArn, reference.EndpointStatus, reference.EndStepId, reference.EndActionName),
                (outputs.TrainingJobArn, outputs.ModelArtifacts, outputs.ModelArn, outputs.EndpointArn, outputs.EndpointStatus, outputs.EndStepId, outputs.EndActionName));
            foreach (var create in Creates)
            {
                Assert.True(sageMaker.CallsTo(create) == 1, $"{create} was called {sageMaker.CallsTo(create)} times when the first process died at write {killAt} ({(beforeTheWrite ? "before" : "after")} it)");
            }
        }
    }

    /// <summary>
    /// A workflow whose steps run other workflows (train-model, then deploy-model): they are durable runs
    /// of their own under ids derived from the parent's, so a parent that dies inside one resumes it
    /// where it was, and a finished one answers from its checkpoint.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_composed_run_killed_at_any_checkpoint_of_it_or_its_child_runs_resumes_them_and_creates_each_resource_once(bool beforeTheWrite)
    {
        var inputs = new TrainAndDeployWorkflow.Inputs
        {
            JobName = "churn", TrainingImage = "xgboost:1", InferenceImage = "xgboost-inference:1",
            RoleArn = "arn:aws:iam::123456789012:role/SageMaker", S3OutputPath = "s3://models/churn/", EndpointName = "churn",
        };
        TrainAndDeployWorkflow Composed(SimulatedSageMaker sageMaker, IWorkflowRunStore store, string worker) =>
            new(new TrainAndDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock, Store = store, WorkerId = worker });
        var counting = new InMemoryRunStore();
        var reference = await Composed(new SimulatedSageMaker(_clock), counting, "reference").RunAsync(inputs, "run-1");
        Assert.Equal(3, counting.Runs.Count); // the parent and its two child runs

        for (var killAt = 1; killAt <= counting.Writes; killAt++)
        {
            var sageMaker = new SimulatedSageMaker(_clock);
            var store = new InMemoryRunStore();
            await Assert.ThrowsAnyAsync<Exception>(() => Composed(sageMaker, new DyingStore(store, killAt, beforeTheWrite), "first").RunAsync(inputs, "run-1"));

            var outputs = await Composed(sageMaker, store, "second").RunAsync(inputs, "run-1");

            Assert.Equal(
                (reference.TrainingStatus, reference.EndpointArn, reference.EndpointStatus, reference.EndStepId, reference.EndActionName),
                (outputs.TrainingStatus, outputs.EndpointArn, outputs.EndpointStatus, outputs.EndStepId, outputs.EndActionName));
            foreach (var create in new[] { "CreateTrainingJob", "CreateModel", "CreateEndpoint" })
            {
                Assert.True(sageMaker.CallsTo(create) == 1, $"{create} was called {sageMaker.CallsTo(create)} times when the first process died at write {killAt} ({(beforeTheWrite ? "before" : "after")} it)");
            }
        }
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("file")]
    [InlineData("dynamodb")]
    public async Task A_second_worker_waits_while_the_first_holds_the_run_and_takes_it_over_when_its_lease_runs_out(string kind)
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = await NewStoreAsync(kind);
        // The first worker dies while polling training: its lease (5 minutes after its last checkpoint, plus the poll's wait) is left behind.
        var dying = new DyingStore(store, killAt: 3, beforeTheWrite: false);
        await Assert.ThrowsAnyAsync<Exception>(() => Process(sageMaker, dying, "first").RunAsync(Inputs, "run-1"));
        var held = (await store.ReadAsync(TrainThenDeployWorkflow.WorkflowId, "run-1", default))!;

        var impatient = new TrainThenDeployWorkflow(
            new TrainThenDeployWorkflow.Clients(sageMaker.Client),
            new WorkflowOptions { TimeProvider = _clock, Store = store, WorkerId = "impatient", LeaseWait = TimeSpan.FromMinutes(1) });
        var busy = await Assert.ThrowsAsync<WorkflowRunLeasedException>(() => impatient.ResumeAsync("run-1"));
        var outputs = await Process(sageMaker, store, "second").ResumeAsync("run-1");

        Assert.Equal(("first", held.LeaseExpires), (busy.Owner, busy.LeaseExpires));
        Assert.Contains("is being advanced by worker 'first'", busy.Message);
        Assert.True(_clock.GetUtcNow() > held.LeaseExpires, "the second worker took over only after the lease ran out");
        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.All(Creates, create => Assert.Equal(1, sageMaker.CallsTo(create)));
        Assert.Equal(("second", RunStatus.Completed), ((await store.ReadAsync(TrainThenDeployWorkflow.WorkflowId, "run-1", default))!.Owner, (await store.ReadAsync(TrainThenDeployWorkflow.WorkflowId, "run-1", default))!.Status));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("file")]
    [InlineData("dynamodb")]
    public async Task Of_two_workers_writing_the_same_version_only_one_succeeds(string kind)
    {
        var store = await NewStoreAsync(kind);
        var first = new StoredRun("w", "r", 1, "a", DateTimeOffset.UnixEpoch, RunStatus.Running, Encoding.UTF8.GetBytes("{}"));
        Assert.True(await store.TryWriteAsync(first, 0, default));
        Assert.False(await store.TryWriteAsync(first with { Owner = "b" }, 0, default));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.TryWriteAsync(first with { Version = 2, Owner = "w" + i }, 1, default).AsTask()));

        Assert.Equal(1, results.Count(r => r));
        var stored = (await store.ReadAsync("w", "r", default))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal("w" + Array.IndexOf(results, true), stored.Owner);
        Assert.Equal("{}", Encoding.UTF8.GetString(stored.Checkpoint.Span));
    }

    [Fact]
    public async Task The_DynamoDB_store_makes_one_GetItem_to_start_and_one_PutItem_per_checkpoint()
    {
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(
            new Amazon.Runtime.BasicAWSCredentials("test", "test"),
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{_dynalite.Port}", AuthenticationRegion = "us-east-1", HttpClientFactory = new CountingHttpClientFactory(calls) });
        var table = "runs-" + Guid.NewGuid().ToString("N")[..12];
        await ArazzoGen.DynamoDB.DynamoDbRunStore.CreateTableAsync(client, table);
        calls.Clear();
        var store = new ArazzoGen.DynamoDB.DynamoDbRunStore(client, table);
        var writes = new List<int>();
        var sageMaker = new SimulatedSageMaker(_clock);

        await Process(sageMaker, new Counting(store, writes), "a").RunAsync(Inputs, "run-1");

        var polls = sageMaker.CallsTo("DescribeTrainingJob") - 1 + sageMaker.CallsTo("DescribeEndpoint") - 1;
        Assert.Equal(1, calls.Count(c => c == "GetItem"));
        // The start, five steps, one per poll wait, the end.
        Assert.Equal(1 + 5 + polls + 1, calls.Count(c => c == "PutItem"));
        Assert.Equal(calls.Count(c => c == "PutItem"), writes.Count);
        Assert.Equal(calls.Count, calls.Count(c => c is "GetItem" or "PutItem"));
    }

    /// <summary>Names each DynamoDB call (its X-Amz-Target) as it is sent.</summary>
    private sealed class CountingHttpClientFactory(System.Collections.Concurrent.ConcurrentQueue<string> calls) : Amazon.Runtime.HttpClientFactory
    {
        public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => new(new Counting(calls, new HttpClientHandler()));

        private sealed class Counting(System.Collections.Concurrent.ConcurrentQueue<string> calls, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "?";
                calls.Enqueue(target[(target.IndexOf('.') + 1)..]);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    /// <summary>Keeps the size of every checkpoint written.</summary>
    private sealed class Counting(IWorkflowRunStore inner, List<int> sizes) : IWorkflowRunStore
    {
        public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) => inner.ReadAsync(workflowId, runId, cancellationToken);

        public ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
        {
            sizes.Add(run.Checkpoint.Length);
            return inner.TryWriteAsync(run, expectedVersion, cancellationToken);
        }
    }

    [Fact]
    public async Task A_cancelled_run_gives_up_its_lease_so_another_worker_resumes_it_at_once()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = new InMemoryRunStore();
        using var shutdown = new CancellationTokenSource();
        // The host shuts down while the run polls training.
        var stopping = new CancellingStore(store, atWrite: 4, shutdown);
        await Assert.ThrowsAsync<WorkflowCanceledException>(() => Process(sageMaker, stopping, "first").RunAsync(Inputs, "run-1", shutdown.Token));
        var released = Assert.Single(store.Runs);

        var next = new TrainThenDeployWorkflow(
            new TrainThenDeployWorkflow.Clients(sageMaker.Client),
            new WorkflowOptions { TimeProvider = _clock, Store = store, WorkerId = "next", LeaseWait = TimeSpan.Zero });
        var outputs = await next.ResumeAsync("run-1");

        Assert.Equal(("first", RunStatus.Running), (released.Owner, released.Status));
        Assert.True(released.LeaseExpires <= _clock.GetUtcNow());
        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal(1, sageMaker.CallsTo("CreateTrainingJob"));
    }

    [Fact]
    public async Task A_worker_that_lost_its_lease_stops_instead_of_advancing_the_run_twice()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = new InMemoryRunStore();
        var stolen = new StealingStore(store, atWrite: 3);

        var lost = await Assert.ThrowsAsync<WorkflowRunLeaseLostException>(() => Process(sageMaker, stolen, "paused").RunAsync(Inputs, "run-1"));

        Assert.Equal("run-1", lost.RunId);
        Assert.Contains("another worker ('thief')", lost.Message);
        Assert.Equal("thief", Assert.Single(store.Runs).Owner);
    }

    [Fact]
    public async Task A_checkpoint_of_another_version_of_the_workflow_is_refused_naming_both_versions()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = new InMemoryRunStore();
        await Assert.ThrowsAnyAsync<Exception>(() => Process(sageMaker, new DyingStore(store, killAt: 2, beforeTheWrite: false), "first").RunAsync(Inputs, "run-1"));
        var stored = Assert.Single(store.Runs);
        var older = Encoding.UTF8.GetString(stored.Checkpoint.Span).Replace(TrainThenDeployWorkflow.StateVersion, "0123456789abcdef");
        Assert.True(await store.TryWriteAsync(stored with { Version = stored.Version + 1, Checkpoint = Encoding.UTF8.GetBytes(older) }, stored.Version, default));
        var calls = sageMaker.Events.Count;

        var refused = await Assert.ThrowsAsync<WorkflowRunVersionException>(() => Process(sageMaker, store, "second").ResumeAsync("run-1"));

        Assert.Contains("0123456789abcdef", refused.StoredVersion);
        Assert.Contains(TrainThenDeployWorkflow.StateVersion, refused.CurrentVersion);
        Assert.Contains("version 0123456789abcdef", refused.Message);
        Assert.Contains("this is version " + TrainThenDeployWorkflow.StateVersion, refused.Message);
        Assert.Equal(calls, sageMaker.Events.Count);
    }

    [Fact]
    public async Task A_run_id_names_one_run_so_other_inputs_under_it_are_refused()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = new InMemoryRunStore();
        await Process(sageMaker, store, "a").RunAsync(Inputs, "run-1");
        var other = SampleInputs.TrainThenDeploy(trainingJobName: "another");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Process(sageMaker, store, "b").RunAsync(other, "run-1"));
        var same = await Process(sageMaker, store, "b").RunAsync(Inputs, "run-1");

        Assert.Contains("was started with other inputs", refused.Message);
        Assert.Equal(EndpointStatus.InService, same.EndpointStatus);
        Assert.Equal(1, sageMaker.CallsTo("CreateTrainingJob"));
    }

    [Fact]
    public async Task A_failed_run_reports_its_failure_again_when_resumed_with_no_AWS_call()
    {
        var sageMaker = new SimulatedSageMaker(_clock, new SimulationOptions { ThrottledCallsPerOperation = 5 }); // past the default transient retries (4)
        var store = new InMemoryRunStore();
        var failed = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Process(sageMaker, store, "a").RunAsync(Inputs, "run-1"));
        var calls = sageMaker.Events.Count;

        var again = await Assert.ThrowsAsync<WorkflowRunFailedException>(() => Process(sageMaker, store, "b").ResumeAsync("run-1"));

        Assert.Equal("run-1", failed.RunId);
        Assert.Equal(RunStatus.Failed, Assert.Single(store.Runs).Status);
        Assert.Equal(("createTrainingJob", "ThrottlingException", nameof(WorkflowStepFailedException)), (again.StepId, again.ErrorCode, again.FailureType));
        Assert.Contains(failed.Message, again.Message);
        Assert.Equal(calls, sageMaker.Events.Count);
    }

    [Fact]
    public async Task A_poll_resumed_after_a_crash_keeps_counting_toward_its_bound()
    {
        var sageMaker = new SimulatedSageMaker(_clock, new SimulationOptions { TrainingDuration = TimeSpan.FromHours(30) });
        var store = new InMemoryRunStore();
        var polls = new Dictionary<string, PollOptions> { ["pollTrainingJob"] = new PollOptions { MaxAttempts = 6 } };
        TrainThenDeployWorkflow Worker(IWorkflowRunStore s, string id) =>
            new(new TrainThenDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock, Store = s, WorkerId = id, Polls = polls });
        // Dies after its fourth poll checkpoint (writes: start, pollTrainingJob, then one per poll).
        await Assert.ThrowsAnyAsync<Exception>(() => Worker(new DyingStore(store, killAt: 6, beforeTheWrite: false), "first").RunAsync(Inputs, "run-1"));
        var before = sageMaker.CallsTo("DescribeTrainingJob");

        var exhausted = await Assert.ThrowsAsync<WorkflowPollExhaustedException>(() => Worker(store, "second").ResumeAsync("run-1"));

        Assert.Equal(7, sageMaker.CallsTo("DescribeTrainingJob"));
        Assert.True(before < 7);
        Assert.Equal(7, exhausted.Attempt);
    }

    [Fact]
    public async Task Secrets_are_never_stored_in_clear_and_a_resume_needs_them_again_or_the_protector()
    {
        var sageMaker = Substitute.For<IAmazonSageMaker>();
        var created = new List<string>();
        sageMaker.CreateModelAsync(Arg.Any<Amazon.SageMaker.Model.CreateModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(c =>
            {
                var name = c.Arg<Amazon.SageMaker.Model.CreateModelRequest>().ModelName;
                created.Add(name);
                return new Amazon.SageMaker.Model.CreateModelResponse { ModelArn = "arn:model/" + created.Count, HttpStatusCode = System.Net.HttpStatusCode.OK };
            });
        // The resumed run first reads back the model its crashed step may have created; SageMaker answers as for any missing model.
        sageMaker.DescribeModelAsync(Arg.Any<Amazon.SageMaker.Model.DescribeModelRequest>(), Arg.Any<CancellationToken>())
            .Returns<Task<Amazon.SageMaker.Model.DescribeModelResponse>>(c => throw new Amazon.SageMaker.AmazonSageMakerException(
                "Could not find model \"" + c.Arg<Amazon.SageMaker.Model.DescribeModelRequest>().ModelName + "\".", Amazon.Runtime.ErrorType.Sender, "ValidationException", "req-1", System.Net.HttpStatusCode.BadRequest));
        var inputs = new RegisterWithSecretWorkflow.Inputs { ModelName = "m", ApiKey = "key-0f1e2d3c4b5a", SigningSecret = "sig-9a8b7c6d" };
        RegisterWithSecretWorkflow Worker(IWorkflowRunStore store, IWorkflowSecretProtector? protector = null) =>
            new(new RegisterWithSecretWorkflow.Clients(sageMaker), new WorkflowOptions { TimeProvider = _clock, Store = store, SecretProtector = protector, WorkerId = Guid.NewGuid().ToString() });

        var plain = new InMemoryRunStore();
        await Assert.ThrowsAnyAsync<Exception>(() => Worker(new DyingStore(plain, killAt: 2, beforeTheWrite: false)).RunAsync(inputs, "run-1"));
        var withheld = await Assert.ThrowsAsync<WorkflowSecretWithheldException>(() => Worker(plain).ResumeAsync("run-1"));

        var protectedStore = new InMemoryRunStore();
        var protector = new ReversingProtector();
        await Assert.ThrowsAnyAsync<Exception>(() => Worker(new DyingStore(protectedStore, killAt: 2, beforeTheWrite: false), protector).RunAsync(inputs, "run-1"));
        created.Clear();
        var resumed = await Worker(protectedStore, protector).ResumeAsync("run-1");

        foreach (var run in plain.Runs.Concat(protectedStore.Runs))
        {
            var text = Encoding.UTF8.GetString(run.Checkpoint.Span);
            Assert.DoesNotContain("key-0f1e2d3c4b5a", text);
            Assert.DoesNotContain("sig-9a8b7c6d", text);
        }

        Assert.Contains("secret input 'apiKey'", withheld.Message);
        Assert.Contains("\"withheld\":true", Encoding.UTF8.GetString(plain.Runs.Single().Checkpoint.Span));
        // The resumed run sent the step after the crash with the secret the protector kept (the register step's output).
        Assert.Equal(new[] { "copy-key-0f1e2d3c4b5a" }, created);
        Assert.Equal("registerCopy", resumed.EndStepId);
    }

    [Fact]
    public async Task Inputs_with_SDK_structures_come_back_from_the_checkpoint_member_for_member()
    {
        var sageMaker = new SimulatedSageMaker(_clock);
        var store = new FileRunStore(Directory.CreateTempSubdirectory("arazzo-runs-").FullName);
        var channel = new Amazon.SageMaker.Model.Channel
        {
            ChannelName = "train",
            ContentType = "text/csv",
            CompressionType = CompressionType.Gzip,
            InputMode = TrainingInputMode.Pipe,
            DataSource = new Amazon.SageMaker.Model.DataSource
            {
                S3DataSource = new Amazon.SageMaker.Model.S3DataSource { S3Uri = "s3://data/train/", S3DataType = S3DataType.S3Prefix, AttributeNames = new List<string> { "a", "b" } },
            },
            ShuffleConfig = new Amazon.SageMaker.Model.ShuffleConfig { Seed = 9_007_199_254_740_993 },
        };
        var inputs = SampleInputs.TrainThenDeploy(new List<Amazon.SageMaker.Model.Channel> { channel });
        // Dies right after its first checkpoint, before calling anything: the resumed run builds every request from stored inputs.
        await Assert.ThrowsAnyAsync<Exception>(() => Process(sageMaker, new DyingStore(store, killAt: 1, beforeTheWrite: false), "first").RunAsync(inputs, "run-1"));

        await Process(sageMaker, store, "second").ResumeAsync("run-1");

        var sent = Assert.Single(sageMaker.Requests.OfType<Amazon.SageMaker.Model.CreateTrainingJobRequest>());
        var resumed = Assert.Single(sent.InputDataConfig);
        Assert.Equal(
            (channel.ChannelName, channel.ContentType, channel.CompressionType, channel.InputMode, channel.DataSource.S3DataSource.S3Uri, channel.DataSource.S3DataSource.S3DataType, channel.ShuffleConfig.Seed),
            (resumed.ChannelName, resumed.ContentType, resumed.CompressionType, resumed.InputMode, resumed.DataSource.S3DataSource.S3Uri, resumed.DataSource.S3DataSource.S3DataType, resumed.ShuffleConfig.Seed));
        Assert.Equal(new[] { "a", "b" }, resumed.DataSource.S3DataSource.AttributeNames);
        Assert.Null(resumed.DataSource.FileSystemDataSource);
    }

    [Fact]
    public async Task A_recursive_SDK_structure_in_a_result_comes_back_from_the_checkpoint_whole()
    {
        using var client = _dynalite.CreateClient();
        var table = "items-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateTableAsync(new Amazon.DynamoDBv2.Model.CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = new List<Amazon.DynamoDBv2.Model.AttributeDefinition> { new() { AttributeName = "pk", AttributeType = Amazon.DynamoDBv2.ScalarAttributeType.S } },
            KeySchema = new List<Amazon.DynamoDBv2.Model.KeySchemaElement> { new() { AttributeName = "pk", KeyType = Amazon.DynamoDBv2.KeyType.HASH } },
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
        });
        await ArazzoGen.DynamoDB.DynamoDbRunStore.CreateTableAsync(client, table); // waits until it is ACTIVE
        await client.PutItemAsync(table, new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>
        {
            ["pk"] = new() { S = "k" },
            ["n"] = new() { N = "12345678901234567890.5" },
            ["flag"] = new() { BOOL = true },
            ["nothing"] = new() { NULL = true },
            ["bytes"] = new() { B = new MemoryStream(new byte[] { 0, 1, 254, 255 }) },
            ["names"] = new() { SS = new List<string> { "x", "y" } },
            ["nested"] = new() { M = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { ["list"] = new() { L = new List<Amazon.DynamoDBv2.Model.AttributeValue> { new() { S = "deep" }, new() { N = "2" }, new() { M = new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> { ["z"] = new() { BOOL = false } } } } } } },
        });
        var store = new FileRunStore(Directory.CreateTempSubdirectory("arazzo-runs-").FullName);
        ReadItemWorkflow Worker(string id) => new(new ReadItemWorkflow.Clients(client), new WorkflowOptions { Store = store, WorkerId = id });

        var read = await Worker("a").RunAsync(new ReadItemWorkflow.Inputs { TableName = table, Key = "k" }, "run-1");
        var resumed = await Worker("b").ResumeAsync("run-1");

        Assert.Equal(7, read.Item!.Count);
        Assert.Equal(Describe(read.Item), Describe(resumed.Item!));
        Assert.Contains("\"deep\"", Describe(resumed.Item!));
    }

    private static string Describe(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) =>
        "{" + string.Join(",", item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Describe(p.Value)}")) + "}";

    private static string Describe(Amazon.DynamoDBv2.Model.AttributeValue value) =>
        value.S is not null ? $"\"{value.S}\""
        : value.N is not null ? "N" + value.N
        : value.BOOL is { } flag ? (flag ? "true" : "false")
        : value.NULL is true ? "null"
        : value.B is not null ? "B" + Convert.ToBase64String(value.B.ToArray())
        : value.SS is { Count: > 0 } ss ? "SS[" + string.Join(",", ss) + "]"
        : value.L is { Count: > 0 } l ? "[" + string.Join(",", l.Select(Describe)) + "]"
        : value.M is { Count: > 0 } m ? Describe(m)
        : "?";

    [Fact]
    public async Task A_durable_run_sends_its_own_idempotency_token_and_the_same_one_when_it_repeats_the_call()
    {
        var sageMaker = Substitute.For<IAmazonSageMaker>();
        var tokens = new List<string?>();
        sageMaker.StartPipelineExecutionAsync(Arg.Any<Amazon.SageMaker.Model.StartPipelineExecutionRequest>(), Arg.Any<CancellationToken>())
            .Returns(c =>
            {
                tokens.Add(c.Arg<Amazon.SageMaker.Model.StartPipelineExecutionRequest>().ClientRequestToken);
                return new Amazon.SageMaker.Model.StartPipelineExecutionResponse { PipelineExecutionArn = "arn:execution/" + tokens.Count, HttpStatusCode = System.Net.HttpStatusCode.OK };
            });
        var inputs = new StartPipelineWorkflow.Inputs { PipelineName = "nightly-training" };
        StartPipelineWorkflow Worker(IWorkflowRunStore? store, string id) =>
            new(new StartPipelineWorkflow.Clients(sageMaker), new WorkflowOptions { TimeProvider = _clock, Store = store, WorkerId = id });
        var store = new InMemoryRunStore();

        await Worker(null, "memory").RunAsync(inputs);
        // The first process calls, then dies before the checkpoint that records it; the second repeats the call.
        await Assert.ThrowsAnyAsync<Exception>(() => Worker(new DyingStore(store, killAt: 2, beforeTheWrite: true), "first").RunAsync(inputs, "run-1"));
        await Worker(store, "second").ResumeAsync("run-1");
        await Worker(store, "third").RunAsync(inputs, "run-2");

        Assert.Equal(4, tokens.Count);
        Assert.Null(tokens[0]); // not durable: the SDK's own random token, filled in when it sends
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", tokens[1]);
        Assert.Equal(tokens[1], tokens[2]);
        Assert.NotEqual(tokens[1], tokens[3]);
    }

    /// <summary>Reverses text: enough to show the checkpoint holds the protector's output, not the secret.</summary>
    private sealed class ReversingProtector : IWorkflowSecretProtector
    {
        public string Protect(string plaintext) => new(plaintext.Reverse().ToArray());

        public string Unprotect(string protectedText) => new(protectedText.Reverse().ToArray());
    }

    /// <summary>A process that dies at its Nth write: before it (the write is lost) or after it; it writes nothing after dying.</summary>
    private sealed class DyingStore(IWorkflowRunStore inner, int killAt, bool beforeTheWrite) : IWorkflowRunStore
    {
        private int _writes;

        public bool Died { get; private set; }

        public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) => inner.ReadAsync(workflowId, runId, cancellationToken);

        public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
        {
            if (Died)
            {
                throw new IOException("this process is dead");
            }

            if (++_writes == killAt && beforeTheWrite)
            {
                Died = true;
                throw new IOException("killed before its write");
            }

            var written = await inner.TryWriteAsync(run, expectedVersion, cancellationToken);
            if (_writes == killAt)
            {
                Died = true;
                throw new IOException("killed after its write");
            }

            return written;
        }
    }

    /// <summary>Cancels the run (a host shutting down) at its Nth write, after the write.</summary>
    private sealed class CancellingStore(IWorkflowRunStore inner, int atWrite, CancellationTokenSource shutdown) : IWorkflowRunStore
    {
        private int _writes;

        public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) => inner.ReadAsync(workflowId, runId, cancellationToken);

        public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
        {
            var written = await inner.TryWriteAsync(run, expectedVersion, cancellationToken);
            if (++_writes == atWrite)
            {
                shutdown.Cancel();
            }

            return written;
        }
    }

    /// <summary>Another worker ("thief") takes the run over just before this worker's Nth write, as it would after this one paused past its lease.</summary>
    private sealed class StealingStore(IWorkflowRunStore inner, int atWrite) : IWorkflowRunStore
    {
        private int _writes;

        public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) => inner.ReadAsync(workflowId, runId, cancellationToken);

        public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
        {
            if (++_writes == atWrite)
            {
                var current = (await inner.ReadAsync(run.WorkflowId, run.RunId, cancellationToken))!;
                await inner.TryWriteAsync(current with { Version = current.Version + 1, Owner = "thief" }, current.Version, cancellationToken);
            }

            return await inner.TryWriteAsync(run, expectedVersion, cancellationToken);
        }
    }
}
