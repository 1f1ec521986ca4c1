using System.Reflection;
using System.Text.RegularExpressions;
using ArazzoGen.Bind;
using ArazzoGen.Runtime;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// A generated Run derives from the runtime's WorkflowRun, so its members share one scope with the
/// runtime's: a step named like one of the runtime's methods must not hide it.
/// </summary>
public class RunMemberNameTests
{
    [Fact]
    public void Every_method_a_run_inherits_that_a_steps_method_could_hide_is_reserved()
    {
        // A step's method is its PascalCase id + "Async": the runtime's methods of that shape are the ones a step could hide.
        var inherited = typeof(WorkflowRun)
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly)
            .Select(m => m.Name)
            .Where(n => n.EndsWith("Async", StringComparison.Ordinal))
            .Select(n => n[..^"Async".Length])
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(inherited, WorkflowBinder.RuntimeRunMethods.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Steps_named_like_the_runtimes_methods_get_methods_of_their_own_and_hide_nothing()
    {
        var yaml = File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml"));
        var renamed = Regex.Replace(Regex.Replace(Regex.Replace(yaml, @"\bcreateModel\b", "start"), @"\bcreateEndpoint\b", "releaseLease"), @"\bpollEndpoint\b", "call");
        Assert.NotEqual(yaml, renamed);

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/train-then-deploy.yml", renamed) });

        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var code = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("private async global::System.Threading.Tasks.ValueTask<Step?> Start2Async()", code);
        Assert.Contains("private async global::System.Threading.Tasks.ValueTask<Step?> ReleaseLease2Async()", code);
        Assert.Contains("private async global::System.Threading.Tasks.ValueTask<Step?> Call2Async()", code);
        Assert.Contains("await StartAsync(this, StepIds)", code);
    }
}
