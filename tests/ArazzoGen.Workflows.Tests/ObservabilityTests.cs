using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using Polly;
using Polly.Retry;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>Trace spans, structured logs and the Polly pipeline around each SDK call.</summary>
public class ObservabilityTests
{
    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly TestClock _clock = new();

    private Task<CheckTrainingJobWorkflow.Outputs> Run(WorkflowOptions options, string job) =>
        new CheckTrainingJobWorkflow(new CheckTrainingJobWorkflow.Clients(_sageMaker), options)
            .RunAsync(new CheckTrainingJobWorkflow.Inputs { TrainingJobName = job });

    /// <summary>Records every span of the ArazzoGen activity source (other tests' runs too: filter by a parent span).</summary>
    private static ActivityListener ListenToSpans(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task Each_run_and_each_call_is_a_span_on_the_ArazzoGen_activity_source()
    {
        var job = "traced-" + Guid.NewGuid();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToSpans(spans);
        _sageMaker.DescribeTrainingJobAsync(Arg.Is<DescribeTrainingJobRequest>(r => r.TrainingJobName == job), Arg.Any<CancellationToken>())
            .Returns(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException")), Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed }));

        using (var parent = new Activity("test-" + job).Start())
        {
            await Run(new WorkflowOptions { TimeProvider = _clock, TransientRetries = 0 }, job); // the workflow's own retry, one span per attempt
        }

        var workflow = Assert.Single(spans, s => s.OperationName == "workflow check-training-job" && s.GetTagItem("arazzo.end.action") as string == "done" && s.Parent?.OperationName == "test-" + job);
        var calls = spans.Where(s => s.OperationName == "step describe" && s.ParentSpanId == workflow.SpanId).OrderBy(s => (int)s.GetTagItem("arazzo.step.attempt")!).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(ActivityStatusCode.Error, calls[0].Status);
        Assert.Equal("ThrottlingException", calls[0].StatusDescription);
        Assert.Equal(200, calls[1].GetTagItem("http.response.status_code"));
    }

    /// <summary>
    /// An answer that is already there takes the call's fast path; one that comes later is awaited in a
    /// frame of its own. Either way each call's span is a child of the workflow's, not of the call before.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_spans_are_siblings_whether_the_answer_is_there_at_once_or_comes_later(bool later)
    {
        var job = "siblings-" + Guid.NewGuid();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenToSpans(spans);
        var answers = 0;
        _sageMaker.DescribeTrainingJobAsync(Arg.Is<DescribeTrainingJobRequest>(r => r.TrainingJobName == job), Arg.Any<CancellationToken>())
            .Returns(_ => Answer(++answers == 1
                ? Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException"))
                : Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed })));

        using (var parent = new Activity("test-" + job).Start())
        {
            await Run(new WorkflowOptions { TimeProvider = _clock, TransientRetries = 0 }, job);
            Assert.Same(parent, Activity.Current); // the caller goes on under its own span
        }

        var workflow = Assert.Single(spans, s => s.OperationName == "workflow check-training-job" && s.Parent?.OperationName == "test-" + job);
        Assert.Equal(2, spans.Count(s => s.OperationName == "step describe" && s.ParentSpanId == workflow.SpanId));

        async Task<DescribeTrainingJobResponse> Later(Task<DescribeTrainingJobResponse> answer)
        {
            await Task.Yield();
            return await answer;
        }

        Task<DescribeTrainingJobResponse> Answer(Task<DescribeTrainingJobResponse> answer) => later ? Later(answer) : answer;
    }

    [Fact]
    public async Task Logs_say_which_step_failed_retried_and_how_the_workflow_ended()
    {
        using var logs = new RecordingLogs();
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException")), Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed }));

        await Run(new WorkflowOptions { TimeProvider = _clock, LoggerFactory = logs.Factory, TransientRetries = 0 }, "logged");

        Assert.Contains("Workflow check-training-job step describe attempt 1 failed with ThrottlingException (status 400)", logs.Messages);
        Assert.Contains("Workflow check-training-job step describe retrying (throttled, retry 1) in 5 s", logs.Messages);
        Assert.Contains("Workflow check-training-job ended after step describe (done) in 5 s", logs.Messages);
        Assert.All(logs.Categories, c => Assert.Equal(typeof(CheckTrainingJobWorkflow).FullName, c));
    }

    [Fact]
    public async Task A_workflow_creates_its_logger_once_for_all_its_runs_not_once_per_run()
    {
        // A logger factory takes a lock to create a logger: runs starting together would contend for it.
        using var logs = new RecordingLogs();
        var factory = Substitute.For<Microsoft.Extensions.Logging.ILoggerFactory>();
        factory.CreateLogger(Arg.Any<string>()).Returns(call => logs.Factory.CreateLogger(call.Arg<string>()));
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed }));
        var workflow = new CheckTrainingJobWorkflow(new CheckTrainingJobWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = _clock, LoggerFactory = factory });

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => workflow.RunAsync(new CheckTrainingJobWorkflow.Inputs { TrainingJobName = "once-" + i })));

        factory.Received(1).CreateLogger(typeof(CheckTrainingJobWorkflow).FullName!);
        factory.ReceivedWithAnyArgs(1).CreateLogger(default!);
        Assert.Equal(3, logs.Messages.Count(m => m.StartsWith("Workflow check-training-job ended after step describe", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_resilience_pipeline_wraps_each_call_inside_the_workflows_own_retries()
    {
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<DescribeTrainingJobResponse>(Error<AmazonSageMakerException>("ThrottlingException")), Ok(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed }));
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Constant, ShouldHandle = new PredicateBuilder().Handle<AmazonSageMakerException>() })
            .Build();

        var outputs = await Run(new WorkflowOptions { TimeProvider = _clock, ResiliencePipeline = pipeline }, "resilient");

        Assert.Equal("done", outputs.EndActionName);
        // Polly retried inside the call (its 200 ms wait on the same clock); the workflow's own 5 s retry never ran.
        Assert.Equal(new[] { 0.2 }, _clock.Delays.Select(d => d.TotalSeconds));
        await _sageMaker.Received(2).DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>());
    }
}
