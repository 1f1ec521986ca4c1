using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;

namespace ArazzoGen.Validate;

/// <summary>
/// The Validate stage: the spec's rules that need the whole document but no C# symbols —
/// unique ids, existing targets, resolvable references, dependsOn, and every runtime expression.
/// </summary>
internal static class DocumentValidator
{
    public static void Validate(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        ReportDuplicates(document.Workflows.Select(w => w.WorkflowId), DiagnosticDescriptors.DuplicateWorkflowId, diagnostics);
        ReportDuplicates(document.SourceDescriptions.Select(s => s.Name), DiagnosticDescriptors.DuplicateSourceName, diagnostics);
        DependencyRules.Check(document, diagnostics);
        WorkflowStepRules.Check(document, diagnostics);

        foreach (var component in document.Components.Parameters)
        {
            ReferenceRules.CheckValue(document, component.Value.Value, diagnostics);
        }

        foreach (var workflow in document.Workflows)
        {
            var flow = FlowGraph.Build(workflow, document.Components);
            StepRules.Check(document, workflow, flow, diagnostics);
            ReferenceRules.Check(document, workflow, flow, diagnostics);
        }
    }

    public static void ReportDuplicates(IEnumerable<Located<string>> names, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, DiagnosticBag diagnostics, params object[] extraArgs)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!seen.Add(name.Value))
            {
                diagnostics.Add(descriptor, name.Span, new object[] { name.Value }.Concat(extraArgs).ToArray());
            }
        }
    }
}

/// <summary>dependsOn: every entry names a workflow of this document (or of an arazzo source), and there is no cycle.</summary>
internal static class DependencyRules
{
    public static void Check(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        var ids = document.Workflows.Select(w => w.WorkflowId.Value).ToList();
        foreach (var workflow in document.Workflows)
        {
            foreach (var dependency in workflow.DependsOn)
            {
                if (QualifiedName.Parse(dependency.Value).IsQualified)
                {
                    TargetRules.CheckSourceQualified(document, dependency, diagnostics);
                }
                else if (!ids.Contains(dependency.Value))
                {
                    diagnostics.Add(DiagnosticDescriptors.UnknownDependency, dependency.Span, dependency.Value, NameSuggester.Hint(dependency.Value, ids));
                }
            }
        }

        // Depth-first search for a cycle; each workflow reports the first cycle through it once.
        var byId = document.Workflows.GroupBy(w => w.WorkflowId.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var workflow in document.Workflows)
        {
            var path = FindCycle(workflow.WorkflowId.Value, byId);
            if (path is not null)
            {
                var at = workflow.DependsOn.First(d => d.Value == path[1]);
                diagnostics.Add(DiagnosticDescriptors.CyclicDependency, at.Span, workflow.WorkflowId.Value, string.Join(" -> ", path));
            }
        }
    }

    private static List<string>? FindCycle(string start, Dictionary<string, Workflow> byId)
    {
        var stack = new Stack<(string Id, List<string> Path)>();
        stack.Push((start, new List<string> { start }));
        var visited = new HashSet<string>();
        while (stack.Count > 0)
        {
            var (id, path) = stack.Pop();
            if (!byId.TryGetValue(id, out var workflow))
            {
                continue;
            }

            foreach (var dependency in workflow.DependsOn.Select(d => d.Value))
            {
                if (dependency == start)
                {
                    return new List<string>(path) { start };
                }

                if (visited.Add(dependency))
                {
                    stack.Push((dependency, new List<string>(path) { dependency }));
                }
            }
        }

        return null;
    }
}
