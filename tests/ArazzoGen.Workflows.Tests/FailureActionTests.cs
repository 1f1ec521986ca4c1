using System.Net;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Failure actions (workflows/training-failure-handling.arazzo.yaml): retry limits, the spec's
/// one-retry default, goto, workflow-level actions merged after the step's own, AWS error codes
/// (which tell throttling from limits, though both answer 400) and transport failures.
/// </summary>
public class FailureActionTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private Task<CheckTrainingJobWorkflow.Outputs> Run() =>
        // The document's failure actions see every failure: the default transient layer below them is TransientRetryTests'.
        new CheckTrainingJobWorkflow(new CheckTrainingJobWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock, TransientRetries = 0 })
            .RunAsync(new CheckTrainingJobWorkflow.Inputs { TrainingJobName = "job" });

    private void DescribeAnswers(params Task<DescribeTrainingJobResponse>[] answers) =>
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(answers[0], answers.Skip(1).ToArray());

    private static Task<DescribeTrainingJobResponse> Throttled() =>
        Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException"));

    private static Task<DescribeTrainingJobResponse> Completed() =>
        Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed });

    [Fact]
    public async Task Throttling_is_retried_after_retryAfter_until_the_call_succeeds()
    {
        DescribeAnswers(Throttled(), Throttled(), Completed());

        var outputs = await Run();

        Assert.Equal(("describe", "done"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal(TrainingJobStatus.Completed, outputs.Status);
        Assert.Equal(new[] { 5.0, 5.0 }, _clock.Delays.Select(d => d.TotalSeconds));
        await _sageMaker.Received(3).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_exhausted_retry_limit_falls_through_to_later_actions_and_then_fails_naming_step_and_attempts()
    {
        DescribeAnswers(Throttled());

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(Run);

        Assert.Equal(("describe", 4, "ThrottlingException", 400), (error.StepId, error.Attempt, error.ErrorCode, error.StatusCode));
        Assert.Contains("attempt 4", error.Message);
        await _sageMaker.Received(4).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
        await _sageMaker.DidNotReceiveWithAnyArgs().StopTrainingJobAsync(default!, default);
    }

    [Fact]
    public async Task A_retry_without_retryLimit_retries_once_after_the_waiter_delay()
    {
        DescribeAnswers(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(Run);

        Assert.Equal(2, error.Attempt);
        Assert.Equal(new[] { 120.0 }, _clock.Delays.Select(d => d.TotalSeconds)); // DescribeTrainingJob's waiter delay
    }

    [Fact]
    public async Task A_limit_error_goes_to_the_cleanup_step_though_it_shares_status_400_with_throttling()
    {
        DescribeAnswers(Fail<DescribeTrainingJobResponse>(Error<ResourceLimitExceededException>("ResourceLimitExceeded")));
        _sageMaker.StopTrainingJobAsync(Arg.Any<StopTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new StopTrainingJobResponse()));

        var outputs = await Run();

        Assert.Equal(("stop", null), (outputs.EndStepId, outputs.EndActionName));
        Assert.Null(outputs.Status);
        await _sageMaker.Received(1).StopTrainingJobAsync(Arg.Is<StopTrainingJobRequest>(r => r.TrainingJobName == "job"), Arg.Any<CancellationToken>());
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task A_workflow_level_failure_action_applies_after_the_steps_own()
    {
        DescribeAnswers(Fail<DescribeTrainingJobResponse>(Error<ResourceNotFoundException>("ResourceNotFound")));

        var outputs = await Run();

        Assert.Equal(("describe", "giveUpWhenMissing"), (outputs.EndStepId, outputs.EndActionName));
    }

    [Fact]
    public async Task A_transport_failure_has_no_status_code_and_matches_no_status_criteria()
    {
        DescribeAnswers(Task.FromException<DescribeTrainingJobResponse>(new HttpRequestException("connection reset")));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(Run);

        Assert.Null(error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("connection reset", error.Message);
    }

    [Fact]
    public async Task A_goto_cycle_with_no_way_out_is_ended_by_the_step_budget()
    {
        _sageMaker.DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>()).Returns(_ => Ok(new DescribeEndpointResponse()));
        var workflow = new PingPongWorkflow(new PingPongWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock, StepBudget = 50 });

        var error = await Assert.ThrowsAsync<WorkflowStepBudgetExceededException>(() => workflow.RunAsync(new PingPongWorkflow.Inputs()));

        Assert.Contains("50 step transitions", error.Message);
        await _sageMaker.Received(50).DescribeEndpointAsync(Arg.Any<DescribeEndpointRequest>(), Arg.Any<CancellationToken>());
    }
}
