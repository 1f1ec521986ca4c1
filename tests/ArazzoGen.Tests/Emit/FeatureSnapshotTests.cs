using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArazzoGen.Tests.Emit;

/// <summary>
/// One approved snapshot per shape of generated code, small enough to review on its own: a plain
/// call, a poll, a page loop, failure retries, a restart (goto loop), a step that runs a workflow,
/// dependsOn, and an RFC 9535 criterion. The whole-document snapshots stay beside them.
/// </summary>
public class FeatureSnapshotTests
{
    private static readonly Lazy<IReadOnlyList<MethodDeclarationSyntax>> Methods = new(() =>
    {
        var files = RepoPaths.WorkflowFiles.Select(RepoPaths.Workflow).Concat(RepoPaths.TestWorkflowPaths).Select(p => (p, File.ReadAllText(p)));
        var (run, _) = SdkCompilation.Generate(files, true, SdkCompilation.NeptuneBindings);
        return run.GeneratedTrees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()).ToList();
    });

    public static TheoryData<string, string, string> Features => new()
    {
        { "plain-call", "EnsureTableWriteReadWorkflow", "PutItemAsync" },
        { "poll", "EnsureTableWriteReadWorkflow", "WaitForTableAsync" },
        { "page-loop", "ScanAllWorkflow", "ScanAsync" },
        { "failure-retries", "NameCollisionsWorkflow", "DescribeAsync" },
        { "restart-goto-loop", "RestartOnUnavailableWorkflow", "ExecuteAsync" },
        { "workflow-call", "CheckAbsentTableWorkflow", "MustBeAbsentAsync" },
        { "depends-on", "TrainOnPreparedDataWorkflow", "ExecuteAsync" },
        { "error-status-success", "TableMustNotExistWorkflow", "DescribeMissingAsync" },
    };

    [Theory]
    [MemberData(nameof(Features))]
    public void Each_shape_of_generated_code_matches_its_approved_snapshot(string feature, string workflowClass, string method)
    {
        var found = Methods.Value.Single(m => m.Identifier.Text == method && m.Ancestors().OfType<ClassDeclarationSyntax>().Any(c => c.Identifier.Text == workflowClass));

        Snapshot.Match("feature-" + feature, found.NormalizeWhitespace(eol: "\n").ToFullString() + "\n");
    }
}
