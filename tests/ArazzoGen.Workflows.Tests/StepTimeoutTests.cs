using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Arazzo 1.1's step <c>timeout</c> (workflows/step-timeout.arazzo.yaml): "the maximum number of
/// milli-seconds to wait for the step to complete before aborting and failing the step", so its
/// failure actions decide what follows, on the workflow's clock.
/// </summary>
public class StepTimeoutTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();
    private readonly List<CancellationToken> _tokens = new();

    private WorkflowOptions Options => new() { TimeProvider = _clock, TransientRetries = 0 };

    /// <summary>Answers that come only when the call is cancelled (a call that hangs), or at once.</summary>
    private void DescribeAnswers(params Func<CancellationToken, Task<DescribeTrainingJobResponse>>[] answers)
    {
        var next = 0;
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var token = call.Arg<CancellationToken>();
                lock (_tokens)
                {
                    _tokens.Add(token);
                }

                return answers[Math.Min(next++, answers.Length - 1)](token);
            });
    }

    private static Task<DescribeTrainingJobResponse> Hangs(CancellationToken token) =>
        Task.Delay(Timeout.Infinite, token).ContinueWith<DescribeTrainingJobResponse>(_ => throw new OperationCanceledException(token), TaskScheduler.Default);

    private static Task<DescribeTrainingJobResponse> Status(TrainingJobStatus status) =>
        Ok(new DescribeTrainingJobResponse { TrainingJobStatus = status });

    [Fact]
    public async Task A_call_not_answered_within_the_timeout_is_cancelled_and_the_failure_action_retries_it()
    {
        DescribeAnswers(Hangs, _ => Status(TrainingJobStatus.Completed));

        var outputs = await new DescribeWithinTimeoutWorkflow(new DescribeWithinTimeoutWorkflow.Clients(_sageMaker), Options)
            .RunAsync(new DescribeWithinTimeoutWorkflow.Inputs { TrainingJobName = "job" })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TrainingJobStatus.Completed, outputs.Status);
        Assert.Equal(2, _tokens.Count);
        Assert.True(_tokens[0].IsCancellationRequested); // the first call was aborted, not left running
        Assert.Contains(TimeSpan.FromSeconds(30), _clock.Delays); // the step's clock, on the workflow's TimeProvider
        Assert.Contains(TimeSpan.FromSeconds(1), _clock.Delays); // then the action's retryAfter
    }

    [Fact]
    public async Task With_no_failure_action_left_the_timed_out_step_fails_the_workflow_naming_the_timeout()
    {
        DescribeAnswers(Hangs);

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new DescribeWithinTimeoutWorkflow(new DescribeWithinTimeoutWorkflow.Clients(_sageMaker), Options)
                .RunAsync(new DescribeWithinTimeoutWorkflow.Inputs { TrainingJobName = "job" })
                .WaitAsync(TimeSpan.FromSeconds(30)));

        // Tried twice (the retry gives the step its time again), each time cut off at 30 s.
        Assert.Equal(("describe", 2), (error.StepId, error.Attempt));
        var timeout = Assert.IsType<WorkflowStepTimeoutException>(error.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(30), timeout.Timeout);
        Assert.Contains("reached its timeout of 30000 ms", error.Message);
        Assert.Equal(2, _tokens.Count(t => t.IsCancellationRequested));
    }

    [Fact]
    public async Task A_call_answered_at_once_needs_no_timer()
    {
        DescribeAnswers(_ => Status(TrainingJobStatus.Completed));

        await new DescribeWithinTimeoutWorkflow(new DescribeWithinTimeoutWorkflow.Clients(_sageMaker), Options)
            .RunAsync(new DescribeWithinTimeoutWorkflow.Inputs { TrainingJobName = "job" });

        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task A_poll_waits_no_longer_than_its_steps_timeout_and_then_fails_the_step()
    {
        DescribeAnswers(_ => Status(TrainingJobStatus.InProgress));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new WaitForTrainingWithinTimeoutWorkflow(new WaitForTrainingWithinTimeoutWorkflow.Clients(_sageMaker), Options)
                .RunAsync(new WaitForTrainingWithinTimeoutWorkflow.Inputs { TrainingJobName = "job" })
                .WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsType<WorkflowStepTimeoutException>(error.InnerException);
        // The poll's waits (5 s, doubling, up to 60 s) end exactly at the step's 10 minutes; the call
        // after them is not sent, since the step's time is up.
        Assert.Equal(TimeSpan.FromMinutes(10), _clock.Delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d));
        Assert.Equal(_clock.Delays.Count, _tokens.Count);
    }

    [Fact]
    public async Task A_step_that_runs_a_workflow_cancels_that_run_when_its_time_runs_out()
    {
        DescribeAnswers(_ => Status(TrainingJobStatus.InProgress));
        var clock = new TestClock { AutoAdvance = false };

        var run = new TrainWaitWithinTimeoutWorkflow(new TrainWaitWithinTimeoutWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = clock, TransientRetries = 0 })
            .RunAsync(new TrainWaitWithinTimeoutWorkflow.Inputs { TrainingJobName = "job" });
        // Past the outer step's minute, far short of the inner poll's ten: only the outer timeout can end it.
        clock.Advance(TimeSpan.FromSeconds(61));
        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("wait", error.StepId);
        var timeout = Assert.IsType<WorkflowStepTimeoutException>(error.InnerException);
        Assert.Equal(("wait", TimeSpan.FromMinutes(1)), (timeout.StepId, timeout.Timeout));
    }
}
