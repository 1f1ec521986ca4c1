using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArazzoGen.Tests.Emit;

/// <summary>
/// The shape of the generated code over every workflow in the repository: it reads like careful
/// hand-written code, so a step method that cannot loop has no loop.
/// </summary>
public class GeneratedShapeTests
{
    private static readonly Lazy<(GeneratorDriverRunResult Run, Compilation Output)> Everything = new(() =>
        SdkCompilation.Generate(
            RepoPaths.WorkflowFiles.Select(RepoPaths.Workflow).Concat(RepoPaths.TestWorkflowPaths).Select(p => (p, File.ReadAllText(p))).Append(SdkCompilation.NeptuneOpenApi(RepoPaths.Root)),
            SdkCompilation.S3AndKms,
            true,
            SdkCompilation.NeptuneBindings));

    private static IEnumerable<MethodDeclarationSyntax> StepMethods() =>
        Everything.Value.Run.Results[0].GeneratedSources
            .SelectMany(s => CSharpSyntaxTree.ParseText(s.SourceText).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Where(m => m.ReturnType.ToString().Contains("ValueTask", StringComparison.Ordinal) && m.Modifiers.Any(SyntaxKind.AsyncKeyword));

    [Fact]
    public void Every_workflow_in_the_repository_is_generated_and_compiles_without_warnings()
    {
        var (run, output) = Everything.Value;

        Assert.Null(run.Results[0].Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id + " " + d.GetMessage() + " @ " + d.Location.SourceTree?.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line]));
    }

    [Fact]
    public void A_workflow_failure_action_on_the_error_code_is_decided_by_one_helper_every_step_asks()
    {
        var pipeline = Everything.Value.Run.Results[0].GeneratedSources.Single(s => s.HintName.StartsWith("PreprocessTrainDeployWorkflow", StringComparison.Ordinal)).SourceText.ToString();
        // Every step of the pipeline calls an operation, and none overrides retryThrottled.
        var operationSteps = File.ReadAllLines(RepoPaths.Workflow("amazon-sagemaker-preprocess-train-deploy-pipeline-workflow.yml")).Count(l => l.StartsWith("  - stepId:", StringComparison.Ordinal));

        // Once in the helper; waitForTraining's own cannotWatchTraining names the code too.
        Assert.Single(pipeline.Split('\n'), l => l.Contains("Criteria.Equal(call.ErrorCode, \"ThrottlingException\")", StringComparison.Ordinal) && !l.Contains("cannotWatchTraining", StringComparison.Ordinal));
        Assert.Equal(1, Count(pipeline, "private static bool RetryThrottledApplies<TResponse>("));
        Assert.Equal(operationSteps, Count(pipeline, "if (RetryThrottledApplies(call, ref retriesRetryThrottled)) // retryThrottled"));
        Assert.True(operationSteps >= 8, $"{operationSteps} steps call an operation");

        static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
    }

    [Fact]
    public void No_step_method_that_cannot_loop_contains_a_loop()
    {
        var methods = StepMethods().ToList();
        Assert.True(methods.Count > 40, $"only {methods.Count} step methods found");

        var pointless = methods
            .Where(m => m.DescendantNodes().OfType<WhileStatementSyntax>().Any() && !m.DescendantNodes().OfType<ContinueStatementSyntax>().Any())
            .Select(m => m.Identifier.Text);

        Assert.Empty(pointless);
        Assert.Contains(methods, m => !m.DescendantNodes().OfType<WhileStatementSyntax>().Any());
    }

    [Fact]
    public void A_looping_step_builds_its_request_inside_the_loop_so_each_call_sends_the_current_values()
    {
        var builtOutside = StepMethods()
            .Where(m => m.Body!.Statements.OfType<WhileStatementSyntax>().Any())
            .Where(m => m.Body!.Statements.OfType<LocalDeclarationStatementSyntax>().Any(d => d.Declaration.Variables.Any(v => v.Identifier.Text == "request")))
            .Select(m => m.Identifier.Text);

        Assert.Empty(builtOutside);
    }
}
