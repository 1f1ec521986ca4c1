using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Steps that run other workflows (workflows/amazon-sagemaker-train-and-deploy-composed-workflow.yml):
/// train-and-deploy runs train-model, then deploy-model with what training produced.
/// </summary>
public class ComposedWorkflowTests
{
    private const string Artifacts = "s3://models/churn/model.tar.gz";

    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private static TrainAndDeployWorkflow.Inputs Inputs() => new()
    {
        JobName = "churn",
        TrainingImage = "xgboost:1",
        InferenceImage = "xgboost-inference:1",
        RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
        S3OutputPath = "s3://models/churn/",
        EndpointName = "churn",
    };

    private TrainAndDeployWorkflow Workflow() =>
        new(new TrainAndDeployWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock });

    private void TrainingGoes(string artifacts, params string[] statuses)
    {
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new CreateTrainingJobResponse { TrainingJobArn = "arn:training-job/churn" }));
        var responses = statuses.Select(s => Ok(new DescribeTrainingJobResponse
        {
            TrainingJobStatus = TrainingJobStatus.FindValue(s),
            ModelArtifacts = s == "Completed" && artifacts.Length > 0 ? new ModelArtifacts { S3ModelArtifacts = artifacts } : null,
            FailureReason = s == "Failed" ? "AlgorithmError: out of memory" : null,
        })).ToArray();
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(responses[0], responses.Skip(1).ToArray());
    }

    private void DeploymentSucceeds()
    {
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse { ModelArn = "arn:model/churn-model" }));
        _sageMaker.CreateEndpointConfigAsync(Arg.Any<CreateEndpointConfigRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointConfigResponse()));
        _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointResponse { EndpointArn = "arn:endpoint/churn" }));
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(
            Ok(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.Creating }),
            Ok(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.InService }));
    }

    [Fact]
    public async Task The_called_workflows_run_in_turn_with_the_inputs_passed_and_their_outputs_read_back()
    {
        TrainingGoes(Artifacts, "InProgress", "InProgress", "Completed");
        DeploymentSucceeds();

        var outputs = await Workflow().RunAsync(Inputs());

        Assert.Equal(TrainingJobStatus.Completed, outputs.TrainingStatus);
        Assert.Equal("arn:endpoint/churn", outputs.EndpointArn);
        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus); // read as $workflows.deploy-model.outputs.endpointStatus
        Assert.Equal(("deploy", (string?)null), (outputs.EndStepId, outputs.EndActionName));

        // Parameters became the called workflows' inputs; their defaults applied where none was passed.
        await _sageMaker.Received(1).CreateTrainingJobAsync(
            Arg.Is<CreateTrainingJobRequest>(r => r.TrainingJobName == "churn" && r.AlgorithmSpecification.TrainingImage == "xgboost:1"
                && r.ResourceConfig.InstanceType == TrainingInstanceType.MlM5Xlarge && r.ResourceConfig.InstanceCount == 1),
            Arg.Any<CancellationToken>());
        await _sageMaker.Received(3).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());

        // deploy-model got train-model's artifacts through $steps.train.outputs.modelArtifacts.
        await _sageMaker.Received(1).CreateModelAsync(
            Arg.Is<CreateModelRequest>(r => r.ModelName == "churn-model" && r.PrimaryContainer.ModelDataUrl == Artifacts && r.PrimaryContainer.Image == "xgboost-inference:1"),
            Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).CreateEndpointConfigAsync(
            Arg.Is<CreateEndpointConfigRequest>(r => r.ProductionVariants.Single().InstanceType == ProductionVariantInstanceType.MlM5Large),
            Arg.Any<CancellationToken>());

        // Polls in the called workflows use the caller's options (its clock): 5, 10 for training, 5 for the endpoint.
        Assert.Equal(new[] { 5, 10, 5 }, _clock.Delays.Select(d => (int)d.TotalSeconds));
    }

    [Fact]
    public async Task A_called_workflow_that_ends_unsuccessfully_takes_the_callers_failure_action()
    {
        TrainingGoes(Artifacts, "InProgress", "Failed");

        var outputs = await Workflow().RunAsync(Inputs());

        Assert.Equal(("train", "trainingDidNotComplete"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(TrainingJobStatus.Failed, outputs.TrainingStatus);
        Assert.Equal("AlgorithmError: out of memory", outputs.FailureReason);
        Assert.Null(outputs.EndpointArn);
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateModelAsync(default!, default);
    }

    [Fact]
    public async Task A_called_workflow_that_throws_fails_the_callers_step_and_keeps_the_aws_error()
    {
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<CreateTrainingJobResponse>(Error<ResourceLimitExceededException>("ResourceLimitExceeded")));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Workflow().RunAsync(Inputs()));

        Assert.Equal(("train-and-deploy", "train", 1), (error.WorkflowId, error.StepId, error.Attempt));
        Assert.Equal(("ResourceLimitExceeded", 400), (error.ErrorCode, error.StatusCode));
        var inner = Assert.IsType<WorkflowStepFailedException>(error.InnerException);
        Assert.Equal(("train-model", "startTraining"), (inner.WorkflowId, inner.StepId));
        Assert.Contains("train-model", error.Message);
        await _sageMaker.DidNotReceiveWithAnyArgs().DescribeTrainingJobAsync(default!, default);
    }

    [Fact]
    public async Task A_required_value_missing_at_run_time_fails_the_step_that_passes_it_before_any_call_it_would_make()
    {
        TrainingGoes(artifacts: string.Empty, "Completed"); // Completed, but no artifacts reported

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Workflow().RunAsync(Inputs()));

        Assert.Equal("deploy", error.StepId);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Contains("'modelDataUrl' is required", error.Message);
        var partial = Assert.IsType<TrainAndDeployWorkflow.Outputs>(error.PartialOutputs);
        Assert.Equal(TrainingJobStatus.Completed, partial.TrainingStatus);
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateModelAsync(default!, default);
    }

    [Fact]
    public async Task Cancelling_while_a_called_workflow_polls_cancels_the_caller()
    {
        var clock = new TestClock { AutoAdvance = false };
        TrainingGoes(Artifacts, "InProgress");
        using var cancellation = new CancellationTokenSource();
        var run = new TrainAndDeployWorkflow(new TrainAndDeployWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = clock })
            .RunAsync(Inputs(), cancellation.Token);
        for (var i = 0; i < 500 && clock.Delays.Count == 0; i++)
        {
            await Task.Delay(10); // until train-model's first poll wait has started
        }

        cancellation.Cancel();

        var error = await Assert.ThrowsAsync<WorkflowCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(("train-and-deploy", "train"), (error.WorkflowId, error.StepId));
        await _sageMaker.Received(1).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
    }
}
