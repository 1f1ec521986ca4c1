using ArazzoGen.Testing;
using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests;

/// <summary>
/// The generator as a user meets it: `dotnet build` of a project that references it as an
/// analyzer fails with errors at the YAML lines, in the compiler's usual format.
/// </summary>
[Collection(DotNetCliCollection.Name)]
public class ConsumerBuildTests
{
    [Fact]
    public void Building_a_project_with_a_broken_workflow_fails_with_errors_at_the_yaml_lines()
    {
        var project = Path.Combine(RepoPaths.Root, "tests", "Fixtures", "BrokenConsumer", "BrokenConsumer.csproj");

        var (exitCode, output) = DotNet.Run($"build \"{project}\" -nologo --disable-build-servers -v:q");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("broken.arazzo.yaml(20,20): error ARZ0209: Workflow 'create-table' declares no input 'tabelName'; did you mean 'tableName'?", output);
        Assert.Contains("broken.arazzo.yaml(26,15): error ARZ0205: Workflow 'create-table' has no step 'waitForIt'", output);
        Assert.Contains("broken.arazzo.yaml(27,13): warning ARZ0224: Step 'describe' can never run", output);
        Assert.Contains("broken.arazzo.yaml(35,10): error ARZ0207: Step 'create' has no output 'tableArn'", output);
    }
}
