using Amazon.SageMaker;
using ArazzoGen.Runtime;
using ArazzoGen.Samples.Simulation;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using Polly;
using Polly.Retry;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Every branch of the two SageMaker deployment workflows, run against the in-process simulated
/// SageMaker (jobs take their real durations on a manual clock): completed, training failed,
/// endpoint failed, throttled then recovered.
/// </summary>
public class SimulatedSageMakerTests
{
    private readonly TestClock _clock = new();

    private static TrainThenDeployWorkflow.Inputs TrainThenDeployInputs => SampleInputs.TrainThenDeploy();

    private static PreprocessTrainDeployWorkflow.Inputs PipelineInputs => SampleInputs.Pipeline();

    private (SimulatedSageMaker SageMaker, TrainThenDeployWorkflow Workflow) TrainThenDeploy(SimulationOptions simulation, ResiliencePipeline? pipeline = null)
    {
        var sageMaker = new SimulatedSageMaker(_clock, simulation);
        return (sageMaker, new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock, ResiliencePipeline = pipeline }));
    }

    private (SimulatedSageMaker SageMaker, PreprocessTrainDeployWorkflow Workflow) Pipeline(SimulationOptions simulation)
    {
        var sageMaker = new SimulatedSageMaker(_clock, simulation);
        // The pipeline's own retryThrottled action is under test: no default transient layer below it.
        return (sageMaker, new PreprocessTrainDeployWorkflow(new PreprocessTrainDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock, TransientRetries = 0 }));
    }

    [Fact]
    public async Task Train_then_deploy_completes_with_the_endpoint_in_service()
    {
        var (sageMaker, workflow) = TrainThenDeploy(new SimulationOptions { TrainingDuration = TimeSpan.FromMinutes(41), EndpointCreationDuration = TimeSpan.FromMinutes(8) });

        var outputs = await workflow.RunAsync(TrainThenDeployInputs);

        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal("s3://models/churn/output/model.tar.gz", outputs.ModelArtifacts);
        Assert.Equal(("pollEndpoint", "endpointTerminal"), (outputs.EndStepId, outputs.EndActionName));
        // 45 min of training (Starting 1, Downloading 2, Training 41, Uploading 1) polled at 0, 5, 15, 35, 75 s, then every 60 s;
        // 8 min of endpoint creation polled at 0, 5, 15 s, then every 15 s.
        Assert.Equal(PollDelay.UpTo(TimeSpan.FromSeconds(120)).Against(TimeSpan.FromMinutes(45)).Calls, sageMaker.CallsTo("DescribeTrainingJob"));
        Assert.Equal(49, sageMaker.CallsTo("DescribeTrainingJob"));
        Assert.Equal(PollDelay.UpTo(TimeSpan.FromSeconds(30)).Against(TimeSpan.FromMinutes(8)).Calls, sageMaker.CallsTo("DescribeEndpoint"));
        Assert.Contains(sageMaker.Events, e => e.Operation == "DescribeTrainingJob" && e.Outcome == "InProgress/Downloading");
        Assert.Contains(sageMaker.Events, e => e.Operation == "DescribeTrainingJob" && e.Outcome == "InProgress/Uploading");
    }

    [Fact]
    public async Task Train_then_deploy_ends_without_deploying_when_training_fails()
    {
        var (sageMaker, workflow) = TrainThenDeploy(new SimulationOptions { FailTraining = true });

        var outputs = await workflow.RunAsync(TrainThenDeployInputs);

        Assert.Equal(("pollTrainingJob", "trainingFailed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Null(outputs.ModelArn);
        Assert.Equal(0, sageMaker.CallsTo("CreateModel") + sageMaker.CallsTo("CreateEndpoint"));
    }

    [Fact]
    public async Task Train_then_deploy_reports_a_failed_endpoint_as_its_terminal_status()
    {
        var (_, workflow) = TrainThenDeploy(new SimulationOptions { FailEndpoint = true });

        var outputs = await workflow.RunAsync(TrainThenDeployInputs);

        Assert.Equal(EndpointStatus.Failed, outputs.EndpointStatus);
        Assert.Equal(("pollEndpoint", "endpointTerminal"), (outputs.EndStepId, outputs.EndActionName));
    }

    [Fact]
    public async Task Train_then_deploy_has_no_throttling_retry_of_its_own_so_throttling_past_the_default_transient_retries_fails_it_clearly()
    {
        var (sageMaker, workflow) = TrainThenDeploy(new SimulationOptions { ThrottledCallsPerOperation = 5 });

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(TrainThenDeployInputs));

        Assert.Equal(("createTrainingJob", "ThrottlingException"), (error.StepId, error.ErrorCode));
        Assert.Equal(5, sageMaker.CallsTo("CreateTrainingJob")); // the call, then WorkflowOptions.TransientRetries (4)
    }

    [Fact]
    public async Task Train_then_deploy_rides_out_throttling_with_the_default_transient_retries()
    {
        var (sageMaker, workflow) = TrainThenDeploy(new SimulationOptions { ThrottledCallsPerOperation = 4 });

        var outputs = await workflow.RunAsync(TrainThenDeployInputs);

        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal(5, sageMaker.CallsTo("CreateTrainingJob"));
        Assert.Equal(5, sageMaker.CallsTo("CreateEndpoint"));
    }

    [Fact]
    public async Task Train_then_deploy_recovers_from_throttling_through_a_resilience_pipeline()
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromSeconds(1), ShouldHandle = new PredicateBuilder().Handle<AmazonSageMakerException>(e => e.ErrorCode == "ThrottlingException") })
            .Build();
        var (sageMaker, workflow) = TrainThenDeploy(new SimulationOptions { ThrottledCallsPerOperation = 2 }, pipeline);

        var outputs = await workflow.RunAsync(TrainThenDeployInputs);

        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal(3, sageMaker.CallsTo("CreateTrainingJob"));
        Assert.Equal(3, sageMaker.CallsTo("CreateEndpoint"));
    }

    [Fact]
    public async Task Pipeline_preprocesses_trains_and_deploys()
    {
        var (sageMaker, workflow) = Pipeline(new SimulationOptions { ProcessingDuration = TimeSpan.FromMinutes(12) });

        var outputs = await workflow.RunAsync(PipelineInputs);

        Assert.Equal(("waitForEndpoint", "deployed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:processing-job/churn-preprocess", outputs.ProcessingJobArn);
        Assert.Equal("s3://models/churn-train/output/model.tar.gz", outputs.ModelArtifacts);
        Assert.Equal(PollDelay.UpTo(TimeSpan.FromSeconds(60)).Against(TimeSpan.FromMinutes(12)).Calls, sageMaker.CallsTo("DescribeProcessingJob"));
        Assert.Equal(new[] { "CreateProcessingJob", "CreateTrainingJob", "CreateModel", "CreateEndpointConfig", "CreateEndpoint" },
            sageMaker.Events.Where(e => e.Operation.StartsWith("Create", StringComparison.Ordinal)).Select(e => e.Operation));
    }

    [Fact]
    public async Task Pipeline_ends_before_training_when_preprocessing_fails()
    {
        var (sageMaker, workflow) = Pipeline(new SimulationOptions { FailProcessing = true });

        var outputs = await workflow.RunAsync(PipelineInputs);

        Assert.Equal(("waitForPreprocessing", "preprocessingFailed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Contains("KeyError", outputs.ProcessingFailure);
        Assert.Equal(0, sageMaker.CallsTo("CreateTrainingJob"));
    }

    [Fact]
    public async Task Pipeline_ends_without_deploying_when_training_fails()
    {
        var (sageMaker, workflow) = Pipeline(new SimulationOptions { FailTraining = true });

        var outputs = await workflow.RunAsync(PipelineInputs);

        Assert.Equal(("waitForTraining", "trainingFailed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(TrainingJobStatus.Failed, outputs.TrainingStatus);
        Assert.Contains("out of memory", outputs.TrainingFailure);
        Assert.Equal(0, sageMaker.CallsTo("CreateModel"));
    }

    [Fact]
    public async Task Pipeline_deletes_an_endpoint_that_fails()
    {
        var (sageMaker, workflow) = Pipeline(new SimulationOptions { FailEndpoint = true });

        var outputs = await workflow.RunAsync(PipelineInputs);

        Assert.Equal(("deleteFailedEndpoint", "endpointDeleted"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(EndpointStatus.Failed, outputs.EndpointStatus);
        Assert.Contains("health check", outputs.EndpointFailure);
        Assert.Equal(1, sageMaker.CallsTo("DeleteEndpoint"));
    }

    [Fact]
    public async Task Pipeline_retries_throttled_calls_and_recovers()
    {
        var (sageMaker, workflow) = Pipeline(new SimulationOptions { ThrottledCallsPerOperation = 2 });

        var outputs = await workflow.RunAsync(PipelineInputs);

        Assert.Equal(("waitForEndpoint", "deployed"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(3, sageMaker.CallsTo("CreateProcessingJob"));
        Assert.Equal(3, sageMaker.CallsTo("CreateEndpoint"));
        Assert.Equal(2 * 8, _clock.Delays.Count(d => d == TimeSpan.FromSeconds(2))); // two 2 s retries for each of the 8 operations
    }

    [Fact]
    public async Task Pipeline_stops_the_training_job_when_it_can_no_longer_watch_it()
    {
        var sageMaker = new SimulatedSageMaker(_clock, new SimulationOptions());
        var watched = 0;
        sageMaker.Event += e =>
        {
            if (e.Operation == "DescribeTrainingJob")
            {
                watched++;
            }
        };
        // A client that loses access to DescribeTrainingJob after two polls (an expired role, say).
        var client = FailingAfter(sageMaker.Client, "DescribeTrainingJobAsync", () => watched >= 2);
        var workflow = new PreprocessTrainDeployWorkflow(new PreprocessTrainDeployWorkflow.Clients(client), new WorkflowOptions { TimeProvider = _clock });

        var outputs = await workflow.RunAsync(PipelineInputs);

        Assert.Equal(("stopTraining", "trainingStopped"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(1, sageMaker.CallsTo("StopTrainingJob"));
    }

    private static IAmazonSageMaker FailingAfter(IAmazonSageMaker inner, string method, Func<bool> fail) =>
        FailingProxy.Create(inner, method, fail);

    public class FailingProxy : System.Reflection.DispatchProxy
    {
        private IAmazonSageMaker _inner = null!;
        private string _method = null!;
        private Func<bool> _fail = null!;

        public static IAmazonSageMaker Create(IAmazonSageMaker inner, string method, Func<bool> fail)
        {
            var proxy = Create<IAmazonSageMaker, FailingProxy>();
            var failing = (FailingProxy)(object)proxy;
            (failing._inner, failing._method, failing._fail) = (inner, method, fail);
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == _method && _fail())
            {
                var error = Aws.Error<AmazonSageMakerException>("AccessDeniedException");
                var fromException = typeof(Task).GetMethod(nameof(Task.FromException), 1, new[] { typeof(Exception) })!.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
                return fromException.Invoke(null, new object[] { error });
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
