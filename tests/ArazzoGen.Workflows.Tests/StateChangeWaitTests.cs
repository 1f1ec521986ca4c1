using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Polls woken by state-change events (WorkflowOptions.StateChanges): the generated poll of a
/// SageMaker training job waits for an event naming its job, falls back to the AWS waiter's delay,
/// and lets the Describe after an event decide.
/// </summary>
public class StateChangeWaitTests
{
    private const string TrainingJobStateChange = "SageMaker Training Job State Change";

    private readonly IAmazonSageMaker _sageMaker = Substitute.For<IAmazonSageMaker>();
    private readonly StateChanges _stateChanges = new();

    public StateChangeWaitTests() =>
        _sageMaker.CreateTrainingJobAsync(Arg.Any<CreateTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new CreateTrainingJobResponse { TrainingJobArn = "arn:job" }));

    private static TrainAndPollJobWorkflow.Inputs Inputs => new()
    {
        TrainingJobName = "churn-1",
        TrainingImage = "image",
        RoleArn = "arn:role",
        S3OutputPath = "s3://out",
        InstanceType = "ml.m5.large",
        InstanceCount = 1,
        VolumeSizeInGB = 10,
        MaxRuntimeInSeconds = 600,
        TrainingInputMode = "File",
    };

    private TrainAndPollJobWorkflow Workflow(TimeProvider clock, StateChanges? stateChanges) =>
        new(new TrainAndPollJobWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = clock, StateChanges = stateChanges });

    /// <summary>Describe answers these statuses in turn; <paramref name="during"/> runs inside call n (1-based), as an event arriving while the call is in flight.</summary>
    private void Statuses(string[] statuses, Action<int>? during = null)
    {
        var calls = 0;
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var n = Interlocked.Increment(ref calls);
            during?.Invoke(n);
            return Ok(new DescribeTrainingJobResponse { TrainingJobName = "churn-1", TrainingJobStatus = TrainingJobStatus.FindValue(statuses[Math.Min(n, statuses.Length) - 1]) });
        });
    }

    private int DescribeCalls => _sageMaker.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IAmazonSageMaker.DescribeTrainingJobAsync));

    [Fact]
    public async Task Without_state_changes_the_poll_keeps_its_backoff_schedule()
    {
        var clock = new TestClock();
        Statuses(["InProgress", "InProgress", "InProgress", "Completed"]);

        await Workflow(clock, stateChanges: null).RunAsync(Inputs);

        Assert.Equal(new[] { 5.0, 10.0, 20.0 }, clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task With_state_changes_and_no_event_the_poll_calls_every_waiter_delay_in_case_one_is_lost()
    {
        var clock = new TestClock();
        Statuses(["InProgress", "InProgress", "InProgress", "Completed"]);

        var outputs = await Workflow(clock, _stateChanges).RunAsync(Inputs);

        Assert.Equal(TrainingJobStatus.Completed, outputs.TrainingJobStatus);
        // DescribeTrainingJob's waiter (TrainingJobCompletedOrStopped) polls every 120 s.
        Assert.Equal(new[] { 120.0, 120.0, 120.0 }, clock.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(4, DescribeCalls);
    }

    [Fact]
    public async Task A_poll_that_keeps_no_outputs_waits_for_events_and_falls_back_to_the_waiter_delay_too()
    {
        var clock = new TestClock();
        Statuses(["InProgress", "InProgress", "Completed"], during: n =>
        {
            if (n == 2)
            {
                _stateChanges.Publish(TrainingJobStateChange, "churn-1");
            }
        });
        var workflow = new WaitForTrainingKeepingNothingWorkflow(
            new WaitForTrainingKeepingNothingWorkflow.Clients(_sageMaker), new WorkflowOptions { TimeProvider = clock, StateChanges = _stateChanges });

        var outputs = await workflow.RunAsync(new WaitForTrainingKeepingNothingWorkflow.Inputs { TrainingJobName = "churn-1" });

        Assert.Equal("waitForTraining", outputs.EndStepId);
        Assert.Equal(new[] { 120.0 }, clock.Delays.Select(d => d.TotalSeconds)); // the event during call 2 skipped the second wait
        Assert.Equal(3, DescribeCalls);
    }

    [Fact]
    public async Task An_event_that_arrives_while_the_poll_is_calling_skips_the_next_wait()
    {
        var clock = new TestClock();
        Statuses(["InProgress", "Completed"], during: n =>
        {
            if (n == 1)
            {
                _stateChanges.Publish(TrainingJobStateChange, "churn-1");
            }
        });

        var outputs = await Workflow(clock, _stateChanges).RunAsync(Inputs);

        Assert.Equal(TrainingJobStatus.Completed, outputs.TrainingJobStatus);
        Assert.Empty(clock.Delays);
        Assert.Equal(2, DescribeCalls);
    }

    [Fact]
    public async Task Events_of_other_jobs_and_other_kinds_do_not_wake_the_poll()
    {
        var clock = new TestClock();
        Statuses(["InProgress", "Completed"], during: n =>
        {
            if (n == 1)
            {
                _stateChanges.Publish(TrainingJobStateChange, "churn-2");
                _stateChanges.Publish("SageMaker Processing Job State Change", "churn-1");
            }
        });

        await Workflow(clock, _stateChanges).RunAsync(Inputs);

        Assert.Equal(new[] { 120.0 }, clock.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task An_event_wakes_a_waiting_poll_at_once_and_the_describe_after_it_decides()
    {
        var clock = new TestClock { AutoAdvance = false };
        var startedAt = clock.GetUtcNow();
        Statuses(["InProgress", "InProgress", "Completed"]);

        var run = Workflow(clock, _stateChanges).RunAsync(Inputs);
        await Eventually.True(() => clock.Delays.Count == 1);
        // Early (the job is still InProgress, as SageMaker may send several events per change): one more call, then it waits again.
        _stateChanges.Publish(TrainingJobStateChange, "CHURN-1");
        await Eventually.True(() => clock.Delays.Count == 2);
        Assert.Equal(2, DescribeCalls);
        _stateChanges.Publish(TrainingJobStateChange, "churn-1");
        var outputs = await run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(TrainingJobStatus.Completed, outputs.TrainingJobStatus);
        Assert.Equal(3, DescribeCalls);
        Assert.Equal(startedAt, clock.GetUtcNow()); // no interval ran out: both waits ended on events
    }

    [Fact]
    public async Task Cancelling_a_run_that_waits_for_an_event_ends_the_wait()
    {
        var clock = new TestClock { AutoAdvance = false };
        Statuses(["InProgress"]);
        using var cancel = new CancellationTokenSource();

        var run = Workflow(clock, _stateChanges).RunAsync(Inputs, cancel.Token);
        await Eventually.True(() => clock.Delays.Count == 1);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, DescribeCalls);
    }

    [Fact]
    public async Task A_poll_override_of_the_delay_is_kept_as_the_fallback()
    {
        var clock = new TestClock();
        Statuses(["InProgress", "Completed"]);
        var options = new WorkflowOptions
        {
            TimeProvider = clock,
            StateChanges = _stateChanges,
            Polls = new Dictionary<string, PollOptions> { ["pollTrainingJob"] = new() { Delay = TimeSpan.FromSeconds(300) } },
        };

        await new TrainAndPollJobWorkflow(new TrainAndPollJobWorkflow.Clients(_sageMaker), options).RunAsync(Inputs);

        Assert.Equal(new[] { 300.0 }, clock.Delays.Select(d => d.TotalSeconds));
    }

    [Theory]
    [InlineData("""{"version":"0","detail-type":"SageMaker Training Job State Change","source":"aws.sagemaker","detail":{"TrainingJobName":"churn-1","TrainingJobStatus":"Completed"}}""", true)]
    [InlineData("""{"Type":"Notification","MessageId":"m","Message":"{\"detail-type\":\"SageMaker Training Job State Change\",\"detail\":{\"TrainingJobName\":\"churn-1\"}}"}""", true)]
    [InlineData("""{"detail-type":"SageMaker Training Job State Change","detail":{"TrainingJobName":""}}""", false)]
    [InlineData("""{"detail-type":"SageMaker Model State Change","detail":{"ModelName":"churn-1"}}""", false)]
    [InlineData("""not json""", false)]
    [InlineData("""[1,2]""", false)]
    public void EventBridge_events_are_read_from_their_json_as_SQS_or_SNS_delivers_them(string json, bool read)
    {
        Assert.Equal(read, _stateChanges.Publish(json));
        Assert.Equal(read ? 1 : 0, _stateChanges.Published);
    }
}
