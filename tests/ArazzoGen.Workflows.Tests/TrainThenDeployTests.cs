using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>The train-then-deploy seed, run against a fake IAmazonSageMaker on a manual clock.</summary>
public class TrainThenDeployTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private static TrainThenDeployWorkflow.Inputs Inputs(string job = "churn-2026-11-21") => new()
    {
        TrainingJobName = job,
        TrainingImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
        RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
        S3OutputPath = "s3://models/churn/",
        InstanceType = "ml.m5.xlarge",
        InstanceCount = 1,
        VolumeSizeInGB = 30,
        MaxRuntimeInSeconds = 3600,
        ModelName = "churn-model",
        InferenceImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/xgboost-inference:1",
        EndpointConfigName = "churn-config",
        VariantName = "AllTraffic",
        InitialInstanceCount = 1,
        HostingInstanceType = "ml.m5.large",
        EndpointName = "churn",
    };

    private TrainThenDeployWorkflow Workflow(WorkflowOptions? options = null) =>
        new(new TrainThenDeployWorkflow.Clients(_sageMaker), options ?? new WorkflowOptions { TimeProvider = _clock });

    private void TrainingGoes(params string[] statuses) =>
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(
                Ok(Describe(statuses[0])),
                statuses.Skip(1).Select(s => Ok(Describe(s))).ToArray());

    private static DescribeTrainingJobResponse Describe(string status) => new()
    {
        TrainingJobStatus = TrainingJobStatus.FindValue(status),
        ModelArtifacts = status == "Completed" ? new ModelArtifacts { S3ModelArtifacts = "s3://models/churn/model.tar.gz" } : null,
        FailureReason = status == "Failed" ? "AlgorithmError: out of memory" : null,
    };

    private void DeploymentSucceeds(int creatingPolls)
    {
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse { ModelArn = "arn:model/churn-model" }));
        _sageMaker.CreateEndpointConfigAsync(Arg.Any<CreateEndpointConfigRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointConfigResponse { EndpointConfigArn = "arn:endpoint-config/churn-config" }));
        _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointResponse { EndpointArn = "arn:endpoint/churn" }));
        var statuses = Enumerable.Repeat("Creating", creatingPolls).Append("InService").Select(s => Ok(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.FindValue(s) })).ToArray();
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(statuses[0], statuses.Skip(1).ToArray());
    }

    private void TrainingStarts() =>
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new CreateTrainingJobResponse { TrainingJobArn = "arn:training-job/churn" }));

    [Fact]
    public async Task Happy_path_trains_polls_deploys_and_reports_the_endpoint_in_service()
    {
        TrainingStarts();
        TrainingGoes("InProgress", "InProgress", "InProgress", "Completed");
        DeploymentSucceeds(creatingPolls: 2);

        var outputs = await Workflow().RunAsync(Inputs());

        Assert.Equal("arn:training-job/churn", outputs.TrainingJobArn);
        Assert.Equal("s3://models/churn/model.tar.gz", outputs.ModelArtifacts);
        Assert.Equal("arn:model/churn-model", outputs.ModelArn);
        Assert.Equal("arn:endpoint/churn", outputs.EndpointArn);
        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal(("pollEndpoint", "endpointTerminal"), (outputs.EndStepId, outputs.EndActionName));

        await _sageMaker.Received(4).DescribeTrainingJobAsync(Arg.Is<DescribeTrainingJobRequest>(r => r.TrainingJobName == "churn-2026-11-21"), Arg.Any<CancellationToken>());
        await _sageMaker.Received(3).DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>());
        // The default schedule: 5 s doubling, up to half the official waiter's delay (120 s training, 30 s endpoint).
        Assert.Equal(new[] { 5, 10, 20, 5, 10 }, _clock.Delays.Select(d => (int)d.TotalSeconds));
    }

    [Fact]
    public async Task The_request_carries_the_inputs_typed_as_the_sdk_wants_them()
    {
        TrainingStarts();
        TrainingGoes("Completed");
        DeploymentSucceeds(creatingPolls: 0);

        await Workflow().RunAsync(Inputs());

        await _sageMaker.Received(1).CreateTrainingJobAsync(
            Arg.Is<CreateTrainingJobRequest>(r =>
                r.TrainingJobName == "churn-2026-11-21"
                && r.AlgorithmSpecification.TrainingInputMode == TrainingInputMode.File // the schema default
                && r.ResourceConfig.InstanceType == TrainingInstanceType.MlM5Xlarge
                && r.ResourceConfig.InstanceCount == 1
                && r.StoppingCondition.MaxRuntimeInSeconds == 3600
                && r.InputDataConfig == null), // optional input not given: member left unset
            Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).CreateModelAsync(
            Arg.Is<CreateModelRequest>(r => r.PrimaryContainer.ModelDataUrl == "s3://models/churn/model.tar.gz" && r.ExecutionRoleArn == "arn:aws:iam::123456789012:role/SageMaker"),
            Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).CreateEndpointConfigAsync(
            Arg.Is<CreateEndpointConfigRequest>(r => r.ProductionVariants.Single().InstanceType == ProductionVariantInstanceType.MlM5Large && r.ProductionVariants.Single().InitialInstanceCount == 1),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Failed_training_ends_the_workflow_without_deploying()
    {
        TrainingStarts();
        TrainingGoes("InProgress", "Failed");

        var outputs = await Workflow().RunAsync(Inputs());

        Assert.Equal(("pollTrainingJob", "trainingFailed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Null(outputs.ModelArn);
        Assert.Null(outputs.EndpointStatus);
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateModelAsync(default!, default);
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateEndpointAsync(default!, default);
    }

    [Fact]
    public async Task A_service_error_fails_the_step_with_the_aws_error_code_and_what_was_created()
    {
        TrainingStarts();
        TrainingGoes("Completed");
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<CreateModelResponse>(Error<ResourceLimitExceededException>("ResourceLimitExceeded")));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Workflow().RunAsync(Inputs()));

        Assert.Equal(("train-then-deploy", "createModel", 1), (error.WorkflowId, error.StepId, error.Attempt));
        Assert.Equal(("ResourceLimitExceeded", 400, "req-error"), (error.ErrorCode, error.StatusCode, error.RequestId));
        Assert.Contains("createModel", error.Message);
        Assert.Contains("ResourceLimitExceeded", error.Message);
        Assert.IsType<ResourceLimitExceededException>(error.InnerException);
        // The failed call produced no result, so the step observed nothing (not an empty result's text).
        Assert.Null(error.LastObservedValue);
        var partial = Assert.IsType<TrainThenDeployWorkflow.Outputs>(error.PartialOutputs);
        Assert.Equal("arn:training-job/churn", partial.TrainingJobArn);
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateEndpointConfigAsync(default!, default);
    }

    [Fact]
    public async Task Missing_required_inputs_are_all_named_in_one_argument_exception_before_any_call()
    {
        var inputs = new TrainThenDeployWorkflow.Inputs
        {
            TrainingJobName = "",
            TrainingImage = null!,
            RoleArn = "arn:role",
            S3OutputPath = "s3://x",
            InstanceType = "ml.m5.xlarge",
            InstanceCount = 1,
            VolumeSizeInGB = 1,
            MaxRuntimeInSeconds = 60,
            ModelName = "m",
            InferenceImage = "i",
            EndpointConfigName = null!,
            VariantName = "v",
            InitialInstanceCount = 1,
            HostingInstanceType = "ml.m5.large",
            EndpointName = "e",
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Workflow().RunAsync(inputs));

        Assert.Contains("'trainingJobName' is required", error.Message);
        Assert.Contains("'trainingImage' is required", error.Message);
        Assert.Contains("'endpointConfigName' is required", error.Message);
        Assert.Empty(_sageMaker.ReceivedCalls());
    }

    [Fact]
    public async Task A_poll_that_outlives_its_deadline_throws_naming_the_step_attempts_and_last_status()
    {
        TrainingStarts();
        TrainingGoes("InProgress");
        var options = new WorkflowOptions
        {
            TimeProvider = _clock,
            Polls = { ["pollTrainingJob"] = new PollOptions { Delay = TimeSpan.FromMinutes(10), Deadline = TimeSpan.FromHours(1) } },
        };

        var error = await Assert.ThrowsAsync<WorkflowPollExhaustedException>(() => Workflow(options).RunAsync(Inputs()));

        Assert.Equal("pollTrainingJob", error.StepId);
        Assert.Equal(7, error.Attempt); // 6 waits of 10 minutes fit in the hour
        Assert.Equal(TimeSpan.FromHours(1), error.Elapsed);
        Assert.Contains("InProgress", error.LastObservedValue);
        Assert.All(_clock.Delays, d => Assert.Equal(TimeSpan.FromMinutes(10), d));
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateModelAsync(default!, default);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 2)]
    public async Task A_run_with_nothing_logging_reads_the_clock_once_per_wait_and_never_when_it_does_not_wait(int trainingPolls, int creatingPolls)
    {
        TrainingStarts();
        TrainingGoes([.. Enumerable.Repeat("InProgress", trainingPolls), "Completed"]);
        DeploymentSucceeds(creatingPolls);
        var clock = new CountingClock(_clock);

        var outputs = await Workflow(new WorkflowOptions { TimeProvider = clock }).RunAsync(Inputs());

        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal(trainingPolls + creatingPolls, _clock.Delays.Count);
        Assert.Equal(trainingPolls + creatingPolls, clock.Reads);
    }

    /// <summary>Counts the reads of a clock (its timers are the inner clock's, and not counted).</summary>
    private sealed class CountingClock(TimeProvider inner) : TimeProvider
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _reads);
            return inner.GetUtcNow();
        }

        public override long GetTimestamp()
        {
            Interlocked.Increment(ref _reads);
            return inner.GetTimestamp();
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, -60)]
    public async Task A_negative_poll_bound_ends_the_poll_at_its_first_wait_instead_of_lifting_it(int? maxAttempts, int? deadlineSeconds)
    {
        TrainingStarts();
        TrainingGoes("InProgress");
        var options = new WorkflowOptions
        {
            TimeProvider = _clock,
            Polls = { ["pollTrainingJob"] = new PollOptions { MaxAttempts = maxAttempts, Deadline = deadlineSeconds is { } s ? TimeSpan.FromSeconds(s) : null } },
        };

        var error = await Assert.ThrowsAsync<WorkflowPollExhaustedException>(() => Workflow(options).RunAsync(Inputs()).WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal(1, error.Attempt);
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task The_default_poll_bound_is_a_day_not_a_count()
    {
        TrainingStarts();
        TrainingGoes("InProgress");

        var error = await Assert.ThrowsAsync<WorkflowPollExhaustedException>(() => Workflow().RunAsync(Inputs()));

        // 5 + 10 + 20 + 40 s, then 60 s (half the 120 s waiter) until the next wait would pass 24 h.
        Assert.Equal(4 + 1438, _clock.Delays.Count);
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(45), error.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(60), _clock.Delays.Max());
    }

    [Fact]
    public async Task Cancellation_stops_a_poll_promptly_and_says_what_was_created()
    {
        var clock = new TestClock { AutoAdvance = false };
        TrainingStarts();
        TrainingGoes("InProgress");
        using var cancellation = new CancellationTokenSource();
        var run = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = clock })
            .RunAsync(Inputs(), cancellation.Token);
        await Eventually.True(() => clock.Delays.Count == 1); // the first 120 s wait has started

        cancellation.Cancel();

        var error = await Assert.ThrowsAsync<WorkflowCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("pollTrainingJob", error.StepId);
        Assert.Equal("arn:training-job/churn", Assert.IsType<TrainThenDeployWorkflow.Outputs>(error.PartialOutputs).TrainingJobArn);
        await _sageMaker.Received(1).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task One_instance_runs_twice_and_concurrently_with_independent_outputs()
    {
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => Ok(new CreateTrainingJobResponse { TrainingJobArn = "arn:" + call.Arg<CreateTrainingJobRequest>().TrainingJobName }));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => Ok(Describe(call.Arg<DescribeTrainingJobRequest>().TrainingJobName == "a" ? "Completed" : "Failed")));
        DeploymentSucceeds(creatingPolls: 1);
        var workflow = Workflow();

        var results = await Task.WhenAll(workflow.RunAsync(Inputs("a")), workflow.RunAsync(Inputs("b")));
        var again = await workflow.RunAsync(Inputs("b"));

        Assert.Equal(("arn:a", "endpointTerminal"), (results[0].TrainingJobArn, results[0].EndActionName));
        Assert.Equal(("arn:b", "trainingFailed"), (results[1].TrainingJobArn, results[1].EndActionName));
        Assert.Equal(("arn:b", "trainingFailed", null), (again.TrainingJobArn, again.EndActionName, again.ModelArn));
    }
}
