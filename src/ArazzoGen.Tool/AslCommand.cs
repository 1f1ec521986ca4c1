using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArazzoGen.Tool;

/// <summary>
/// <c>arazzogen asl</c>: each workflow's AWS Step Functions definition, as the build puts it in
/// <c>StateMachineDefinition</c> with <c>ArazzoStateMachines</c> set: the generator runs in process,
/// bound against the given SDK assemblies, and the definitions are read from what it generated.
/// </summary>
internal static class AslCommand
{
    public static int Run(string file, string? workflowId, string? outputPath, IReadOnlyList<string> references, TextWriter output)
    {
        if (!File.Exists(file))
        {
            output.WriteLine($"arazzogen asl: {file} does not exist.");
            return 2;
        }

        if (references.Count == 0)
        {
            output.WriteLine("arazzogen asl: give the AWS SDK assemblies the workflow calls (and AWSSDK.Core) with --reference: a state machine is written from the bound workflow.");
            return 2;
        }

        var (definitions, diagnostics) = Generate([file], references);
        foreach (var diagnostic in diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            output.WriteLine(diagnostic.ToString());
        }

        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return 1;
        }

        var chosen = definitions.Where(d => workflowId is null || d.WorkflowId == workflowId).ToList();
        if (chosen.Count == 0)
        {
            output.WriteLine(workflowId is null
                ? $"arazzogen asl: no workflow of {file} can be written as a state machine (see the warnings above)."
                : $"arazzogen asl: {file} has no state machine for workflow '{workflowId}'; it has {(definitions.Count == 0 ? "none" : string.Join(", ", definitions.Select(d => d.WorkflowId)))}.");
            return 1;
        }

        if (outputPath is null)
        {
            if (chosen.Count > 1)
            {
                output.WriteLine($"arazzogen asl: {file} has {chosen.Count} workflows ({string.Join(", ", chosen.Select(d => d.WorkflowId))}): choose one with --workflow, or give -o a folder.");
                return 2;
            }

            output.WriteLine(chosen[0].Definition);
            return 0;
        }

        var isFolder = Directory.Exists(outputPath) || outputPath.EndsWith('/') || outputPath.EndsWith(Path.DirectorySeparatorChar);
        if (chosen.Count == 1 && !isFolder)
        {
            File.WriteAllText(outputPath, chosen[0].Definition + "\n");
            return 0;
        }

        Directory.CreateDirectory(outputPath);
        foreach (var (id, definition) in chosen)
        {
            File.WriteAllText(Path.Combine(outputPath, id + ".asl.json"), definition + "\n");
        }

        return 0;
    }

    /// <summary>The generator's state machine definitions for <paramref name="files"/> (by workflow id) and its diagnostics.</summary>
    public static (IReadOnlyList<(string WorkflowId, string Definition)> Definitions, ImmutableArray<Diagnostic> Diagnostics) Generate(IEnumerable<string> files, IEnumerable<string> references)
    {
        var run = CheckCommand.RunGenerator(files, references, new Dictionary<string, string> { ["build_property.ArazzoStateMachines"] = "true" });
        var definitions = new List<(string, string)>();
        foreach (var tree in run.GeneratedTrees)
        {
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                var constants = type.Members.OfType<FieldDeclarationSyntax>()
                    .SelectMany(f => f.Declaration.Variables)
                    .Where(v => v.Initializer?.Value is LiteralExpressionSyntax)
                    .ToDictionary(v => v.Identifier.ValueText, v => ((LiteralExpressionSyntax)v.Initializer!.Value).Token.ValueText, StringComparer.Ordinal);
                if (constants.TryGetValue("WorkflowId", out var id) && constants.TryGetValue("StateMachineDefinition", out var definition))
                {
                    definitions.Add((id, definition));
                }
            }
        }

        return (definitions, run.Diagnostics);
    }
}
