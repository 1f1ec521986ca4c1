using Amazon.Neptunedata;
using Amazon.Neptunedata.Model;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>The register-latest, train-and-poll and Neptune ML seeds.</summary>
public class OtherSeedTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private RegisterLatestCompletedTrainingWorkflow Register() =>
        new(new RegisterLatestCompletedTrainingWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock });

    private static RegisterLatestCompletedTrainingWorkflow.Inputs RegisterInputs => new()
    {
        ModelName = "churn",
        InferenceImage = "image",
        ExecutionRoleArn = "arn:role",
    };

    [Fact]
    public async Task Register_latest_with_no_completed_job_ends_after_the_list_without_an_index_error()
    {
        _sageMaker.ListTrainingJobsAsync(Arg.Any<ListTrainingJobsRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new ListTrainingJobsResponse { TrainingJobSummaries = new List<TrainingJobSummary>() }));

        var outputs = await Register().RunAsync(RegisterInputs);

        Assert.Equal(("listCompletedTrainingJobs", "noCompletedJob"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Null(outputs.LatestTrainingJobName);
        await _sageMaker.DidNotReceiveWithAnyArgs().DescribeTrainingJobAsync(default!, default);
    }

    [Fact]
    public async Task Register_latest_lists_newest_completed_first_and_registers_its_artifacts()
    {
        _sageMaker.ListTrainingJobsAsync(Arg.Any<ListTrainingJobsRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new ListTrainingJobsResponse { TrainingJobSummaries = new() { new TrainingJobSummary { TrainingJobName = "newest" } } }));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed, ModelArtifacts = new ModelArtifacts { S3ModelArtifacts = "s3://a/model.tar.gz" } }));
        _sageMaker.CreateModelAsync(Arg.Any<CreateModelRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateModelResponse { ModelArn = "arn:model/churn" }));

        var outputs = await Register().RunAsync(RegisterInputs);

        Assert.Equal(("newest", "s3://a/model.tar.gz", "arn:model/churn"), (outputs.LatestTrainingJobName, outputs.ModelArtifacts, outputs.ModelArn));
        Assert.Equal(("createModel", null), (outputs.EndStepId, outputs.EndActionName));
        await _sageMaker.Received(1).ListTrainingJobsAsync(
            Arg.Is<ListTrainingJobsRequest>(r => r.StatusEquals == TrainingJobStatus.Completed && r.SortBy == SortBy.CreationTime && r.SortOrder == SortOrder.Descending && r.MaxResults == 1),
            Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).DescribeTrainingJobAsync(Arg.Is<DescribeTrainingJobRequest>(r => r.TrainingJobName == "newest"), Arg.Any<CancellationToken>());
        await _sageMaker.Received(1).CreateModelAsync(Arg.Is<CreateModelRequest>(r => r.PrimaryContainer.ModelDataUrl == "s3://a/model.tar.gz" && r.PrimaryContainer.Image == "image"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Train_and_poll_reports_a_stopped_job_as_its_terminal_status()
    {
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateTrainingJobResponse { TrainingJobArn = "arn:job" }));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.InProgress }), Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Stopped }));
        var workflow = new TrainAndPollJobWorkflow(new TrainAndPollJobWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock });

        var outputs = await workflow.RunAsync(new TrainAndPollJobWorkflow.Inputs
        {
            TrainingJobName = "job",
            TrainingImage = "image",
            RoleArn = "arn:role",
            S3OutputPath = "s3://out",
            InstanceType = "ml.m5.large",
            InstanceCount = 2,
            VolumeSizeInGB = 10,
            MaxRuntimeInSeconds = 600,
            TrainingInputMode = "Pipe",
        });

        Assert.Equal(TrainingJobStatus.Stopped, outputs.TrainingJobStatus);
        Assert.Equal(("pollTrainingJob", "trainingTerminal"), (outputs.EndStepId, outputs.EndActionName));
        await _sageMaker.Received(1).CreateTrainingJobAsync(Arg.Is<CreateTrainingJobRequest>(r => r.AlgorithmSpecification.TrainingInputMode == TrainingInputMode.Pipe), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Neptune_ml_processes_then_trains_through_the_sdk_names_and_polls_with_retryAfter()
    {
        var neptune = Substitute.For<IAmazonNeptunedata>();
        neptune.StartMLDataProcessingJobAsync(Arg.Any<StartMLDataProcessingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new StartMLDataProcessingJobResponse { Id = "dp-1" }));
        neptune.GetMLDataProcessingJobAsync(Arg.Any<GetMLDataProcessingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new GetMLDataProcessingJobResponse { Status = "InProgress" }), Ok(new GetMLDataProcessingJobResponse { Status = "Completed" }));
        neptune.StartMLModelTrainingJobAsync(Arg.Any<StartMLModelTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new StartMLModelTrainingJobResponse { Id = "mt-1" }));
        neptune.GetMLModelTrainingJobAsync(Arg.Any<GetMLModelTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new GetMLModelTrainingJobResponse { Status = "InProgress" }), Ok(new GetMLModelTrainingJobResponse { Status = "InProgress" }), Ok(new GetMLModelTrainingJobResponse { Status = "Completed" }));
        var workflow = new MlDataprocessingToTrainingWorkflow(new MlDataprocessingToTrainingWorkflow.Clients(neptune), new WorkflowOptions { TimeProvider = _clock });

        var outputs = await workflow.RunAsync(new MlDataprocessingToTrainingWorkflow.Inputs
        {
            InputDataS3Location = "s3://graph/export/",
            ProcessedDataS3Location = "s3://graph/processed/",
            TrainModelS3Location = "s3://graph/model/",
            ModelName = "rgcn",
        });

        Assert.Equal(("dp-1", "mt-1", "Completed"), (outputs.ProcessingJobId, outputs.TrainingJobId, outputs.TrainingStatus));
        Assert.Equal(("pollTraining", "trainingDone"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(new[] { 60.0, 60.0, 60.0 }, _clock.Delays.Select(d => d.TotalSeconds)); // retryAfter: 60
        await neptune.Received(1).StartMLDataProcessingJobAsync(Arg.Is<StartMLDataProcessingJobRequest>(r => r.InputDataS3Location == "s3://graph/export/" && r.ProcessedDataS3Location == "s3://graph/processed/"), Arg.Any<CancellationToken>());
        await neptune.Received(2).GetMLDataProcessingJobAsync(Arg.Is<GetMLDataProcessingJobRequest>(r => r.Id == "dp-1"), Arg.Any<CancellationToken>());
        await neptune.Received(1).StartMLModelTrainingJobAsync(Arg.Is<StartMLModelTrainingJobRequest>(r => r.DataProcessingJobId == "dp-1" && r.TrainModelS3Location == "s3://graph/model/"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Neptune_ml_success_retry_poll_is_bounded_by_its_retryLimit_and_never_falls_through()
    {
        var neptune = Substitute.For<IAmazonNeptunedata>();
        neptune.StartMLDataProcessingJobAsync(Arg.Any<StartMLDataProcessingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new StartMLDataProcessingJobResponse { Id = "dp-1" }));
        neptune.GetMLDataProcessingJobAsync(Arg.Any<GetMLDataProcessingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new GetMLDataProcessingJobResponse { Status = "InProgress" }));
        var workflow = new MlDataprocessingToTrainingWorkflow(new MlDataprocessingToTrainingWorkflow.Clients(neptune), new WorkflowOptions { TimeProvider = _clock });

        var error = await Assert.ThrowsAsync<WorkflowPollExhaustedException>(() => workflow.RunAsync(new MlDataprocessingToTrainingWorkflow.Inputs
        {
            InputDataS3Location = "s3://in",
            ProcessedDataS3Location = "s3://processed",
            TrainModelS3Location = "s3://model",
        }));

        Assert.Equal(("pollProcessing", 121), (error.StepId, error.Attempt));
        Assert.Contains("limit of 120 polls", error.Message);
        Assert.Equal(120, _clock.Delays.Count);
        await neptune.DidNotReceiveWithAnyArgs().StartMLModelTrainingJobAsync(default!, default);
        Assert.Equal("dp-1", Assert.IsType<MlDataprocessingToTrainingWorkflow.Outputs>(error.PartialOutputs).ProcessingJobId);
    }
}
