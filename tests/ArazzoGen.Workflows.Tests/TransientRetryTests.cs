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
/// The default second retry layer (WorkflowOptions.TransientRetries): a transient failure the SDK
/// gave up on is tried again inside the same step attempt, before the workflow's own actions see it;
/// anything else goes straight to them.
/// </summary>
public class TransientRetryTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private Task<CheckTrainingJobWorkflow.Outputs> Run(WorkflowOptions options) =>
        new CheckTrainingJobWorkflow(new CheckTrainingJobWorkflow.Clients(_sageMaker), options)
            .RunAsync(new CheckTrainingJobWorkflow.Inputs { TrainingJobName = "job" });

    private void Answers(params Task<DescribeTrainingJobResponse>[] answers) =>
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(answers[0], answers.Skip(1).ToArray());

    private static Task<DescribeTrainingJobResponse> Completed => Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed });

    [Theory]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest)]
    [InlineData("InternalFailure", HttpStatusCode.InternalServerError)]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)]
    public async Task Two_transient_failures_are_retried_inside_the_first_attempt_with_backoff_and_jitter(string code, HttpStatusCode status)
    {
        Answers(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>(code, status)), Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>(code, status)), Completed);

        var outputs = await Run(new WorkflowOptions { TimeProvider = _clock });

        Assert.Equal("done", outputs.EndActionName);
        await _sageMaker.Received(3).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
        // Polly's exponential backoff with jitter around 1 s and 2 s, not the workflow's 'throttled' retry (5 s).
        Assert.Equal(2, _clock.Delays.Count);
        Assert.All(_clock.Delays, d => Assert.InRange(d.TotalSeconds, 0.01, 4.0));
    }

    [Fact]
    public async Task A_transport_failure_is_transient_too()
    {
        Answers(Task.FromException<DescribeTrainingJobResponse>(new IOException("Connection reset by peer")), Completed);

        var outputs = await Run(new WorkflowOptions { TimeProvider = _clock });

        Assert.Equal("done", outputs.EndActionName);
        await _sageMaker.Received(2).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task After_its_retries_the_workflows_own_retry_action_decides()
    {
        var throttled = Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException"));
        Answers(throttled, throttled, throttled, throttled, throttled, Completed);

        await Run(new WorkflowOptions { TimeProvider = _clock });

        // By default the call is tried 4 more times (1 s, 2 s, 4 s, 8 s with jitter), then the workflow's own retry.
        await _sageMaker.Received(6).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
        Assert.Equal(5, _clock.Delays.Count);
        Assert.All(_clock.Delays.Take(4), d => Assert.InRange(d.TotalSeconds, 0.01, 20.0));
        Assert.True(_clock.Delays.Take(4).Sum(d => d.TotalSeconds) > 3, "the four delays back off");
        Assert.Equal(TimeSpan.FromSeconds(5), _clock.Delays[4]); // the document's retryAfter, once the layer below gave up
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        Answers(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ValidationException")));

        await Assert.ThrowsAsync<WorkflowStepFailedException>(() => Run(new WorkflowOptions { TimeProvider = _clock }));

        await _sageMaker.Received(1).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
        Assert.Empty(_clock.Delays);
    }

    [Fact]
    public async Task Zero_turns_it_off_so_the_workflows_retry_sees_the_first_failure()
    {
        Answers(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException")), Completed);

        await Run(new WorkflowOptions { TimeProvider = _clock, TransientRetries = 0 });

        Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, _clock.Delays);
    }
}
