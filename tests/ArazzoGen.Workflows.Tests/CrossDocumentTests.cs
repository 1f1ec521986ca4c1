using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// workflows/cross-document.arazzo.yaml runs train-model and deploy-model of another AdditionalFile
/// (workflows/amazon-sagemaker-train-and-deploy-composed-workflow.yml) through a 'type: arazzo' source.
/// </summary>
public class CrossDocumentTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();

    private NightlyRetrainWorkflow Workflow() =>
        new(new NightlyRetrainWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = new TestClock() });

    private void TrainingEnds(string status)
    {
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateTrainingJobResponse()));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DescribeTrainingJobResponse
        {
            TrainingJobStatus = TrainingJobStatus.FindValue(status),
            ModelArtifacts = status == "Completed" ? new ModelArtifacts { S3ModelArtifacts = "s3://models/churn/2026-11-22/model.tar.gz" } : null,
        }));
    }

    [Fact]
    public async Task Workflows_of_the_other_document_run_with_the_parameters_passed()
    {
        TrainingEnds("Completed");
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse()));
        _sageMaker.CreateEndpointConfigAsync(Arg.Any<CreateEndpointConfigRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointConfigResponse()));
        _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointResponse { EndpointArn = "arn:endpoint/churn-2026-11-22" }));
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.InService }));

        var outputs = await Workflow().RunAsync(new NightlyRetrainWorkflow.Inputs { Date = "2026-11-22" });

        Assert.Equal("s3://models/churn/2026-11-22/model.tar.gz", outputs.ModelArtifacts);
        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        await _sageMaker.Received(1).CreateTrainingJobAsync(Arg.Is<CreateTrainingJobRequest>(r => r.TrainingJobName == "churn-2026-11-22"), Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).CreateModelAsync(
            Arg.Is<CreateModelRequest>(r => r.ModelName == "churn-2026-11-22" && r.PrimaryContainer.ModelDataUrl == "s3://models/churn/2026-11-22/model.tar.gz"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_the_other_documents_workflow_does_not_complete_the_callers_failure_action_ends_it()
    {
        TrainingEnds("Failed");

        var outputs = await Workflow().RunAsync(new NightlyRetrainWorkflow.Inputs { Date = "2026-11-22" });

        Assert.Equal(("train", "keepYesterdaysModel"), (outputs.EndStepId, outputs.EndActionName));
        await _sageMaker.DidNotReceiveWithAnyArgs().CreateModelAsync(default!, default);
    }
}

/// <summary>dependsOn a workflow of another document (deploy-after-training in workflows/cross-document.arazzo.yaml).</summary>
public class CrossDocumentDependsOnTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();

    [Fact]
    public async Task The_other_documents_workflow_runs_first_and_its_outputs_feed_the_steps()
    {
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateTrainingJobResponse()));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DescribeTrainingJobResponse
        {
            TrainingJobStatus = TrainingJobStatus.Completed,
            ModelArtifacts = new ModelArtifacts { S3ModelArtifacts = "s3://models/churn/model.tar.gz" },
        }));
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse()));
        _sageMaker.CreateEndpointConfigAsync(Arg.Any<CreateEndpointConfigRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointConfigResponse()));
        _sageMaker.CreateEndpointAsync(Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateEndpointResponse()));
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.InService }));

        var outputs = await new DeployAfterTrainingWorkflow(new DeployAfterTrainingWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = new TestClock() })
            .RunAsync(new DeployAfterTrainingWorkflow.Inputs { JobName = "churn", Image = "xgboost:1", RoleArn = "arn:aws:iam::1:role/r", S3OutputPath = "s3://models/churn/" });

        Assert.Equal((TrainingJobStatus.Completed, EndpointStatus.InService), (outputs.TrainingStatus, outputs.EndpointStatus));
        Received.InOrder(() =>
        {
            _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>());
            _sageMaker.CreateModelAsync(Arg.Is<CreateModelRequest>(r => r.PrimaryContainer.ModelDataUrl == "s3://models/churn/model.tar.gz"), Arg.Any<CancellationToken>());
        });
    }
}
