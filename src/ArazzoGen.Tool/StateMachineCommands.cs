using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tool;

/// <summary>
/// <c>arazzogen asl</c> and <c>arazzogen iam</c>: each workflow's AWS Step Functions definition and
/// IAM policies, as the build puts them in <c>StateMachineDefinition</c>, <c>StateMachineRolePolicy</c>
/// and <c>RolePolicy</c> with <c>ArazzoStateMachines</c> set: the generator runs in process, bound
/// against the given SDK assemblies, and they are read from what it generated.
/// </summary>
internal static class StateMachineCommands
{
    /// <summary><c>arazzogen asl</c>: the state machine definitions.</summary>
    public static int RunAsl(string file, string? workflowId, string? outputPath, IReadOnlyList<string> references, TextWriter output) =>
        Run("asl", "StateMachineDefinition", ".asl.json", file, workflowId, outputPath, references, output);

    /// <summary><c>arazzogen iam</c>: the IAM policy the class's calls need, or (<paramref name="stateMachine"/>) the state machine's role.</summary>
    public static int RunIam(string file, string? workflowId, bool stateMachine, string? outputPath, IReadOnlyList<string> references, TextWriter output) =>
        Run("iam", stateMachine ? "StateMachineRolePolicy" : "RolePolicy", stateMachine ? ".state-machine-policy.json" : ".policy.json", file, workflowId, outputPath, references, output);

    private static int Run(string command, string constant, string extension, string file, string? workflowId, string? outputPath, IReadOnlyList<string> references, TextWriter output)
    {
        if (!File.Exists(file))
        {
            output.WriteLine($"arazzogen {command}: {file} does not exist.");
            return 2;
        }

        if (references.Count == 0)
        {
            output.WriteLine($"arazzogen {command}: give the AWS SDK assemblies the workflow calls (and AWSSDK.Core) with --reference: it is written from the bound workflow.");
            return 2;
        }

        var (generated, diagnostics) = Generate([file], references);
        var definitions = generated.Where(g => g.Value.ContainsKey(constant)).Select(g => (WorkflowId: g.Key, Definition: g.Value[constant])).ToList();
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
                ? $"arazzogen {command}: no workflow of {file} can be written as a state machine (see the warnings above)."
                : $"arazzogen {command}: {file} has no state machine for workflow '{workflowId}'; it has {(definitions.Count == 0 ? "none" : string.Join(", ", definitions.Select(d => d.WorkflowId)))}.");
            return 1;
        }

        if (outputPath is null)
        {
            if (chosen.Count > 1)
            {
                output.WriteLine($"arazzogen {command}: {file} has {chosen.Count} workflows ({string.Join(", ", chosen.Select(d => d.WorkflowId))}): choose one with --workflow, or give -o a folder.");
                return 2;
            }

            output.WriteLine(chosen[0].Definition);
            return 0;
        }

        if (chosen.Count == 1 && !OutputPath.IsFolder(outputPath))
        {
            File.WriteAllText(outputPath, chosen[0].Definition + "\n");
            return 0;
        }

        Directory.CreateDirectory(outputPath);
        foreach (var (id, definition) in chosen)
        {
            File.WriteAllText(Path.Combine(outputPath, id + extension), definition + "\n");
        }

        return 0;
    }

    /// <summary>The string constants of each generated workflow class for <paramref name="files"/> (by workflow id), with ArazzoStateMachines set, and the generator's diagnostics.</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Classes, ImmutableArray<Diagnostic> Diagnostics) Generate(IEnumerable<string> files, IEnumerable<string> references)
    {
        var run = CheckCommand.RunGenerator(files, references, new Dictionary<string, string> { ["build_property.ArazzoStateMachines"] = "true" });
        return (GeneratedConstants.ByWorkflowId(run), run.Diagnostics);
    }
}
