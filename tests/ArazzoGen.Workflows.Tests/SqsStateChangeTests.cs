using Amazon.SageMaker;
using Amazon.SQS;
using Amazon.SQS.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Samples.Simulation;
using ArazzoGen.Sqs;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Event-driven waits over HTTP: SageMaker state-change events, as an EventBridge rule delivers them
/// to an SQS queue, read by <see cref="SqsStateChangeListener"/> with the real AWSSDK.SQS client from
/// local-aws-sqs on loopback.
/// </summary>
public class SqsStateChangeTests : IClassFixture<SqsFixture>
{
    private readonly SqsFixture _sqs;

    public SqsStateChangeTests(SqsFixture sqs) => _sqs = sqs;

    private async Task<(AmazonSQSClient Client, string QueueUrl)> QueueAsync()
    {
        var client = _sqs.CreateClient();
        var queue = await client.CreateQueueAsync("sagemaker-state-changes-" + Guid.NewGuid().ToString("N")[..8]);
        return (client, queue.QueueUrl);
    }

    [Fact]
    public async Task The_listener_tells_the_runs_of_each_event_and_deletes_each_message_once_used()
    {
        var (client, queueUrl) = await QueueAsync();
        var stateChanges = new StateChanges();
        using var listener = new SqsStateChangeListener(client, stateChanges, new SqsStateChangeOptions { QueueUrl = queueUrl, WaitTimeSeconds = 1 });
        await listener.StartAsync(CancellationToken.None);

        await client.SendMessageAsync(queueUrl, """{"version":"0","detail-type":"SageMaker Endpoint State Change","source":"aws.sagemaker","detail":{"EndpointName":"churn","EndpointStatus":"IN_SERVICE"}}""");
        await client.SendMessageAsync(queueUrl, """{"detail-type":"SageMaker Model State Change","source":"aws.sagemaker","detail":{"ModelName":"churn"}}""");
        await Eventually.True(() => listener.Deleted == 2);
        await listener.StopAsync(CancellationToken.None);

        Assert.Equal(2, listener.Received);
        Assert.Equal(1, stateChanges.Published); // the model event is not one a poll waits on
        var left = await client.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal(0, left.ApproximateNumberOfMessages + left.ApproximateNumberOfMessagesNotVisible);
    }

    [Fact]
    public void A_listener_without_a_queue_url_is_refused_before_it_starts()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqsStateChangeListener(_sqs.CreateClient(), new StateChanges(), new SqsStateChangeOptions()));

        Assert.Contains("QueueUrl", error.Message);
    }

    [Fact]
    public async Task A_host_runs_train_then_deploy_woken_only_by_the_simulators_events_through_the_queue()
    {
        var (client, queueUrl) = await QueueAsync();
        var clock = new AcceleratedTimeProvider(speed: 600);
        // SageMaker sends EventBridge an event per state change; the rule's target is the queue.
        var sageMaker = new SimulatedSageMaker(clock, new SimulationOptions
        {
            TrainingDuration = TimeSpan.FromMinutes(10),
            EndpointCreationDuration = TimeSpan.FromMinutes(4),
            StateChanged = json => client.SendMessageAsync(queueUrl, json).GetAwaiter().GetResult(),
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test" });
        // Fallbacks of 12 hours: within this run only an event can wake a poll.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Arazzo:Workflows:train-then-deploy:Polls:pollTrainingJob:Delay"] = "12:00:00",
            ["Arazzo:Workflows:train-then-deploy:Polls:pollEndpoint:Delay"] = "12:00:00",
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(sageMaker.Client);
        builder.Services.AddSingleton<IAmazonSQS>(client);
        builder.Services.AddArazzoWorkflows();
        builder.Services.AddArazzoSqsStateChanges(queueUrl, options => options.WaitTimeSeconds = 1);
        using var host = builder.Build();
        await host.StartAsync();

        var outputs = await host.Services.GetRequiredService<TrainThenDeployWorkflow>().RunAsync(SampleInputs.TrainThenDeploy()).WaitAsync(TimeSpan.FromMinutes(3));
        await host.StopAsync();

        Assert.Equal(EndpointStatus.InService, outputs.EndpointStatus);
        // One call to start each poll, then one per event at most: training sends 5 (Starting,
        // Downloading, Training, Uploading, Completed), the endpoint 2 (Creating, InService).
        Assert.InRange(sageMaker.CallsTo("DescribeTrainingJob"), 2, 6);
        Assert.InRange(sageMaker.CallsTo("DescribeEndpoint"), 2, 3);
    }
}
