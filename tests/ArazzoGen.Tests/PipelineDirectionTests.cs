using System.Text.RegularExpressions;
using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests;

/// <summary>
/// Data flows one way, Parse -> Validate -> Bind -> Emit: no stage's code refers to a later one,
/// the model refers to none, and Emit reads only Bind's model, never its binders.
/// </summary>
public class PipelineDirectionTests
{
    private static readonly string Source = Path.Combine(RepoPaths.Root, "src", "ArazzoGen");

    public static TheoryData<string, string> Forbidden => new()
    {
        { "Model", @"\bArazzoGen\.(Parse|Validate|Bind|Emit)\b" },
        { "Parse", @"\bArazzoGen\.(Validate|Bind|Emit)\b" },
        { "Validate", @"\bArazzoGen\.(Bind|Emit)\b" },
        { "Bind", @"\bArazzoGen\.Emit\b|\bCSharpLiteral\b|\bCodeRenderer\b" },
        // Bind takes Validate's resolved workflows as they are: it merges no actions, resolves no references, builds no flow graph.
        { "Bind", @"\b(ActionMerger|EffectiveParameters|FlowGraph|WorkflowResolver)\b" },
        { "Emit", @"\bArazzoGen\.Bind(?!\.Model\b)\b|\bIdentifiers\.|\bWorkflowBinder\b" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void No_stage_refers_to_a_later_one(string folder, string pattern)
    {
        var offenders = Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, i)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && Regex.IsMatch(x.line, pattern))
            .Select(x => $"{Path.GetRelativePath(Source, x.file)}:{x.i + 1}: {x.line.Trim()}");

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_check_sees_a_backwards_reference()
    {
        Assert.Matches(Forbidden.First(r => (string)r[0] == "Bind")[1].ToString()!, "using ArazzoGen.Emit;");
        Assert.DoesNotMatch(Forbidden.Single(r => (string)r[0] == "Emit")[1].ToString()!, "using ArazzoGen.Bind.Model;");
        Assert.Matches(Forbidden.Single(r => (string)r[0] == "Emit")[1].ToString()!, "using ArazzoGen.Bind;");
    }
}
