using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Steps that run another workflow of the same document (<c>workflowId</c>): their parameters are
/// that workflow's inputs (every one it requires, none it does not declare), and no chain of such
/// steps (or of goto and retry actions that run workflows) leads back to the workflow it started from.
/// </summary>
internal static class WorkflowStepRules
{
    public static void Check(ArazzoDocument document, EquatableArray<ResolvedWorkflow> workflows, DiagnosticBag diagnostics)
    {
        var index = DocumentIndex.For(document);
        foreach (var step in workflows.SelectMany(w => w.Steps))
        {
            if (CalledWorkflow(step.Step, index.ById) is { } called)
            {
                CheckInputs(step, called, diagnostics);
            }
        }

        // Each workflow on a cycle reports it once, at the step or action that starts it.
        var byId = workflows.GroupBy(w => w.WorkflowId).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
        var cycles = Cycles.Find(index.Ids, id => byId.TryGetValue(id, out var w) ? w.Runs.Select(r => r.Value) : Enumerable.Empty<string>());
        foreach (var workflow in workflows)
        {
            if (cycles.TryGetValue(workflow.WorkflowId, out var cycle) && workflow.Runs.FirstOrDefault(r => r.Value == cycle.Path[1]) is { } at)
            {
                diagnostics.Add(DiagnosticDescriptors.WorkflowCallCycle, at.Span, workflow.WorkflowId, cycle.ToString());
            }
        }
    }

    /// <summary>The workflow of this document a step runs; null for operation steps and workflows of other documents.</summary>
    public static Workflow? CalledWorkflow(Step step, IReadOnlyDictionary<string, Workflow> byId) =>
        step.WorkflowId is { IsQualified: false } id && byId.TryGetValue(id.Value, out var called) ? called : null;

    private static void CheckInputs(ResolvedStep step, Workflow called, DiagnosticBag diagnostics)
    {
        var inputs = called.Inputs?.Properties ?? EquatableArray<InputProperty>.Empty;
        CheckPassedInputs(
            step,
            called.WorkflowId.Value,
            inputs.Select(p => p.Name.Value).ToList(),
            inputs.Where(p => p.IsRequired && p.Default is null).Select(p => p.Name.Value),
            diagnostics);
    }

    /// <summary>
    /// What a step passes to the workflow it runs: ARZ0210 for a parameter that is none of its inputs,
    /// ARZ0228 for a required input not passed. Bind runs it too, for a workflow of another document.
    /// </summary>
    public static void CheckPassedInputs(ResolvedStep step, string calledId, IReadOnlyCollection<string> declared, IEnumerable<string> required, DiagnosticBag diagnostics)
    {
        var passed = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var parameter in step.OwnParameters)
        {
            passed.Add(parameter.Name.Value);
            if (!declared.Contains(parameter.Name.Value))
            {
                diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowMember, parameter.Name.Span, calledId, "input", parameter.Name.Value, NameSuggester.Hint(parameter.Name.Value, declared));
            }
        }

        var missing = required.Where(r => !passed.Contains(r)).Select(r => $"'{r}'").ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(DiagnosticDescriptors.MissingWorkflowInput, step.Step.WorkflowId!.Span, step.StepId, calledId, missing.Count > 1 ? "s" : string.Empty, string.Join(", ", missing), missing.Count > 1 ? "them" : "it");
        }
    }
}
