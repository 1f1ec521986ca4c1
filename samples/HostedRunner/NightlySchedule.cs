using ArazzoGen.Hosting;
using HostedRunner.Workflows;
using Microsoft.Extensions.Hosting;

namespace HostedRunner;

/// <summary>
/// Queues a train-then-deploy run every simulated night (a timer on the container's clock), then, after
/// the last one has ended, stops the host.
/// </summary>
internal sealed class NightlySchedule(WorkflowRunQueue queue, WorkflowRunsStatus status, TimeProvider clock, IHostApplicationLifetime lifetime, NightlySchedule.Settings settings) : BackgroundService
{
    internal sealed record Settings(int Nights);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var nightly = new PeriodicTimer(TimeSpan.FromHours(24), clock);
        for (var night = 1; night <= settings.Nights; night++)
        {
            var name = $"nightly-{night}";
            await queue.EnqueueAsync<TrainThenDeployWorkflow>(name, async (workflow, ct) =>
            {
                var outputs = await workflow.RunAsync(Inputs(name), ct);
                Console.WriteLine($"{name}: endpoint {outputs.EndpointArn} is {outputs.EndpointStatus}");
            }, stoppingToken);
            if (night < settings.Nights)
            {
                await nightly.WaitForNextTickAsync(stoppingToken);
            }
        }

        while (status.Completed + status.Failed < settings.Nights)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
        }

        lifetime.StopApplication();
    }

    private static TrainThenDeployWorkflow.Inputs Inputs(string name) => new()
    {
        TrainingJobName = name,
        TrainingImage = "xgboost:1",
        RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
        S3OutputPath = "s3://models/",
        InstanceType = "ml.m5.xlarge",
        InstanceCount = 1,
        VolumeSizeInGB = 30,
        MaxRuntimeInSeconds = 86400,
        ModelName = name,
        InferenceImage = "xgboost-inference:1",
        EndpointConfigName = name,
        VariantName = "AllTraffic",
        InitialInstanceCount = 1,
        HostingInstanceType = "ml.m5.large",
        EndpointName = name,
    };
}
