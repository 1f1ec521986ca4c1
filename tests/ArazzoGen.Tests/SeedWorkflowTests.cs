using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests;

public class SeedWorkflowTests
{
    [Theory]
    [InlineData("amazon-sagemaker-register-latest-completed-training-workflow.yml")]
    [InlineData("amazon-sagemaker-train-and-poll-job-workflow.yml")]
    [InlineData("amazon-sagemaker-train-then-deploy-workflow.yml")]
    public void SageMaker_seeds_parse_and_validate_without_diagnostics(string file)
    {
        var (run, _) = SdkCompilation.Generate(new[] { (file, File.ReadAllText(RepoPaths.Workflow(file))) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Single(run.GeneratedTrees);
    }

    [Fact]
    public void Neptune_seed_gets_exactly_its_two_retry_success_action_warnings_at_their_lines_and_compiles()
    {
        const string file = "amazon-neptune-ml-dataprocessing-to-training-workflow.yml";
        var (run, _) = SdkCompilation.Generate(new[] { ("/repo/workflows/" + file, File.ReadAllText(RepoPaths.Workflow(file))), SdkCompilation.NeptuneOpenApi("/repo") }, true, SdkCompilation.NeptuneBindings);
        var diagnostics = run.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).ToList();

        Assert.Equal(new[] { "73:13 ARZ0219", "117:13 ARZ0219" }, diagnostics.Select(GeneratorRunner.Describe));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("processingRunning", diagnostics[0].GetMessage());
    }

    [Fact]
    public void Seed_files_are_byte_for_byte_the_shared_workflows()
    {
        var shared = Path.Combine(RepoPaths.Root, "..", "shared", "workflows");
        if (!Directory.Exists(shared))
        {
            // A clone without ../shared beside it cannot compare; the files themselves are still tested above.
            return;
        }

        foreach (var file in RepoPaths.SeedFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(shared, file)), File.ReadAllBytes(RepoPaths.Workflow(file)));
        }
    }
}
