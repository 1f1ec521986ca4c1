using ArazzoGen.Testing;
using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests;

/// <summary>The README's first command, run the way a newcomer runs it (faster clock, same program).</summary>
[Collection(DotNetCliCollection.Name)]
public class SampleTests
{
    private static readonly string Project = Path.Combine(RepoPaths.Root, "samples", "TrainThenDeploy");

    [Fact]
    public void The_main_job_trains_and_deploys_end_to_end_on_the_simulator_and_prints_the_outputs()
    {
        // Exactly the README's first command (output is piped here, so it prints plain lines).
        var (exitCode, output) = DotNet.Run($"run --project \"{Project}\"");

        Assert.True(exitCode == 0, output);
        Assert.Contains("createTrainingJob (attempt 1): CreateTrainingJob -> created", output);
        Assert.Contains("DescribeTrainingJob -> InProgress/Training", output);
        Assert.Contains("DescribeEndpoint -> InService", output);
        Assert.Contains("Workflow ended after step pollEndpoint (endpointTerminal)", output);
        Assert.Contains("  EndpointStatus: InService", output);
        Assert.Contains("  ModelArtifacts: s3://ml-artifacts/churn/churn-xgboost-2026-11-21/output/model.tar.gz", output);
    }

    [Fact]
    public void The_hosted_sample_runs_a_scheduled_workflow_from_the_queue_and_reports_healthy()
    {
        var (exitCode, output) = DotNet.Run($"run --project \"{Path.Combine(RepoPaths.Root, "samples", "HostedRunner")}\" -- 1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("nightly-1: endpoint arn:aws:sagemaker:us-east-1:123456789012:endpoint/nightly-1 is InService", output);
        Assert.Contains("Health: Healthy: 0 runs in progress, 1 completed, 0 failed", output);
    }

    [Fact]
    public void The_pipeline_sample_retries_throttling_and_deletes_a_failed_endpoint()
    {
        var (exitCode, output) = DotNet.Run($"run --project \"{Project}\" -- --pipeline --throttle 1 --fail-endpoint --speed 3000 --plain");

        Assert.True(exitCode == 0, output);
        Assert.Contains("startPreprocessing (attempt 1): CreateProcessingJob -> ThrottlingException", output);
        Assert.Contains("startPreprocessing: retryThrottled, retrying in 2 s", output);
        Assert.Contains("startPreprocessing (attempt 2): CreateProcessingJob -> created", output);
        Assert.Contains("Workflow ended after step deleteFailedEndpoint (endpointDeleted)", output);
        Assert.Contains("  EndpointStatus: Failed", output);
    }

    [Fact]
    public void The_sample_killed_during_training_resumes_in_a_new_process_and_creates_each_resource_once()
    {
        var store = Directory.CreateTempSubdirectory("arazzo-sample-runs-").FullName;

        var (killed, crashOutput) = DotNet.Run($"run --project \"{Project}\" -- --store \"{store}\" --crash-after pollTrainingJob --speed 3000 --plain");
        var runId = crashOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Run id: ", StringComparison.Ordinal))["Run id: ".Length..];
        var (resumed, resumeOutput) = DotNet.Run($"run --project \"{Project}\" -- --store \"{store}\" --resume {runId} --speed 3000 --plain");

        Assert.True(killed == 137, crashOutput); // SIGKILL, as a crash or an OOM kill ends a process
        Assert.Contains("Crashing now (step 'pollTrainingJob' is polling)", crashOutput);
        Assert.DoesNotContain("EndpointStatus", crashOutput);
        Assert.True(resumed == 0, resumeOutput);
        Assert.Contains("  EndpointStatus: InService", resumeOutput);
        Assert.DoesNotContain("CreateTrainingJob -> created", resumeOutput);
        foreach (var create in new[] { "CreateTrainingJob", "CreateModel", "CreateEndpointConfig", "CreateEndpoint" })
        {
            Assert.Contains($"  {create}: 1", resumeOutput);
        }
    }
}
