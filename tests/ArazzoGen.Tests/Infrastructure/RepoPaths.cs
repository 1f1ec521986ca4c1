namespace ArazzoGen.Tests.Infrastructure;

/// <summary>Locates the repository (and the seed workflows) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root => ArazzoGen.Testing.RepoRoot.Path;

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Workflow(string fileName) => Path.Combine(Workflows, fileName);

    public static readonly string[] SeedFiles =
    {
        "amazon-neptune-ml-dataprocessing-to-training-workflow.yml",
        "amazon-sagemaker-register-latest-completed-training-workflow.yml",
        "amazon-sagemaker-train-and-poll-job-workflow.yml",
        "amazon-sagemaker-train-then-deploy-workflow.yml",
    };

    /// <summary>The documents the generated-code tests run (hostile names, secrets, failure handling, actions that run workflows), as full paths.</summary>
    public static IEnumerable<string> TestWorkflowPaths => Directory.GetFiles(Path.Combine(Root, "tests", "ArazzoGen.Workflows.Tests", "workflows"), "*.yaml").OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Every workflow in workflows/: the seeds and the ones this project added.</summary>
    public static IEnumerable<string> WorkflowFiles => Directory.GetFiles(Workflows, "*.yml").Select(Path.GetFileName).OfType<string>().OrderBy(f => f, StringComparer.Ordinal);
}
