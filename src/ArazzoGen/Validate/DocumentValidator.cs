using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// The Validate stage: the spec's rules that need the whole document but no C# symbols —
/// unique ids, existing targets, resolvable references, dependsOn, and every runtime expression.
/// </summary>
internal static class DocumentValidator
{
    /// <param name="workflows">The document's workflows as <see cref="WorkflowResolver"/> resolved them, in document order.</param>
    public static void Validate(ArazzoDocument document, EquatableArray<ResolvedWorkflow> workflows, DiagnosticBag diagnostics)
    {
        ReportDuplicates(document.Workflows.Select(w => w.WorkflowId), DiagnosticDescriptors.DuplicateWorkflowId, diagnostics);
        ReportDuplicates(document.SourceDescriptions.Select(s => s.Name), DiagnosticDescriptors.DuplicateSourceName, diagnostics);
        DependencyRules.Check(document, diagnostics);
        VersionRules.Check(document, diagnostics);
        AsyncApiRules.Check(document, diagnostics);
        WorkflowStepRules.Check(document, workflows, diagnostics);

        foreach (var component in document.Components.Parameters)
        {
            ReferenceRules.CheckValue(document, component.Value.Value, diagnostics);
        }

        // The resolved workflows have their payloads replaced; both lists are in document order.
        for (var i = 0; i < document.Workflows.Count && i < workflows.Count; i++)
        {
            var (workflow, resolved) = (document.Workflows[i], workflows[i]);
            var flow = FlowGraph.Build(resolved);
            StepRules.Check(document, workflow, flow, diagnostics);
            StepDependencyRules.Check(workflow, flow, diagnostics);
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
        var ids = DocumentIndex.For(document).ById;
        foreach (var workflow in document.Workflows)
        {
            DocumentValidator.ReportDuplicates(workflow.DependsOn.Select(d => (Located<string>)d), DiagnosticDescriptors.DuplicateDependency, diagnostics);
            foreach (var dependency in workflow.DependsOn)
            {
                if (dependency.IsQualified)
                {
                    TargetRules.CheckArazzoSource(document, dependency, diagnostics);
                }
                else if (!ids.ContainsKey(dependency.Value))
                {
                    diagnostics.Add(DiagnosticDescriptors.UnknownDependency, dependency.Span, dependency.Value, NameSuggester.Hint(dependency.Value, ids.Keys));
                }
            }
        }

        // Each workflow on a cycle reports it once, at its dependsOn entry that starts it.
        var index = DocumentIndex.For(document);
        var cycles = Cycles.Find(index.Ids, id => index.ById.TryGetValue(id, out var w) ? w.DependsOn.Select(d => d.Value) : Enumerable.Empty<string>());
        foreach (var workflow in document.Workflows)
        {
            if (cycles.TryGetValue(workflow.WorkflowId.Value, out var cycle) && workflow.DependsOn.FirstOrDefault(d => d.Value == cycle.Path[1]) is { } at)
            {
                diagnostics.Add(DiagnosticDescriptors.CyclicDependency, at.Span, workflow.WorkflowId.Value, cycle.ToString());
            }
        }
    }
}
