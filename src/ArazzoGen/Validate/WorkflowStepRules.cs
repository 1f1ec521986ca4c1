using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Steps that run another workflow of the same document (<c>workflowId</c>): their parameters are
/// that workflow's inputs (every one it requires, none it does not declare), and no chain of such
/// steps (or of goto and retry actions that run workflows) leads back to the workflow it started from.
/// </summary>
internal static class WorkflowStepRules
{
    public static void Check(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        var index = DocumentIndex.For(document);
        foreach (var workflow in document.Workflows)
        {
            foreach (var step in workflow.Steps)
            {
                if (CalledWorkflow(step, index.ById) is { } called)
                {
                    CheckInputs(document, step, called, diagnostics);
                }
            }
        }

        // Each workflow on a cycle reports it once, at the step or action that starts it.
        var cycles = Cycles.Find(index.Ids, id => index.ById.TryGetValue(id, out var w) ? RunsOf(w, index.ById, document.Components).Select(r => r.Called.WorkflowId.Value) : Enumerable.Empty<string>());
        foreach (var workflow in document.Workflows)
        {
            if (cycles.TryGetValue(workflow.WorkflowId.Value, out var cycle)
                && RunsOf(workflow, index.ById, document.Components).FirstOrDefault(r => r.Called.WorkflowId.Value == cycle.Path[1]) is { Reference: { } at })
            {
                diagnostics.Add(DiagnosticDescriptors.WorkflowCallCycle, at.Span, workflow.WorkflowId.Value, cycle.ToString());
            }
        }
    }

    /// <summary>The workflow of this document a step runs; null for operation steps and workflows of other documents.</summary>
    public static Workflow? CalledWorkflow(Step step, IReadOnlyDictionary<string, Workflow> byId) =>
        step.WorkflowId is { IsQualified: false } id && byId.TryGetValue(id.Value, out var called) ? called : null;

    /// <summary>The workflows of this document a workflow runs: from its steps, and from the goto and retry actions of each step.</summary>
    public static IEnumerable<(Workflow Called, Located<string> Reference)> RunsOf(Workflow workflow, IReadOnlyDictionary<string, Workflow> byId, Components components)
    {
        foreach (var step in workflow.Steps)
        {
            if (CalledWorkflow(step, byId) is { } called)
            {
                yield return (called, step.WorkflowId!);
            }

            foreach (var action in ActionMerger.OnSuccess(step, workflow, components).Concat(ActionMerger.OnFailure(step, workflow, components)))
            {
                if (action.WorkflowId is { IsQualified: false } id && action.Type.Value != ActionKind.End && byId.TryGetValue(id.Value, out var target)
                    && !RestartsItself(workflow, action))
                {
                    yield return (target, id);
                }
            }
        }
    }

    /// <summary>
    /// A goto to the workflow it is in: a restart from its first step, compiled as a jump within the
    /// same run (bounded by the step budget), so it is no call cycle.
    /// </summary>
    public static bool RestartsItself(Workflow workflow, WorkflowAction action) =>
        action.Type.Value == ActionKind.Goto && action.WorkflowId?.Value == workflow.WorkflowId.Value;


    private static void CheckInputs(ArazzoDocument document, Step step, Workflow called, DiagnosticBag diagnostics)
    {
        var inputs = called.Inputs?.Properties ?? EquatableArray<InputProperty>.Empty;
        CheckPassedInputs(
            step,
            document.Components,
            called.WorkflowId.Value,
            inputs.Select(p => p.Name.Value).ToList(),
            inputs.Where(p => p.IsRequired && p.Default is null).Select(p => p.Name.Value),
            diagnostics);
    }

    /// <summary>
    /// What a step passes to the workflow it runs: ARZ0210 for a parameter that is none of its inputs,
    /// ARZ0228 for a required input not passed. Bind runs it too, for a workflow of another document.
    /// </summary>
    public static void CheckPassedInputs(Step step, Components components, string calledId, IReadOnlyCollection<string> declared, IEnumerable<string> required, DiagnosticBag diagnostics)
    {
        var passed = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var parameter in EffectiveParameters.OfStep(step, components))
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
            diagnostics.Add(DiagnosticDescriptors.MissingWorkflowInput, step.WorkflowId!.Span, step.StepId.Value, calledId, missing.Count > 1 ? "s" : string.Empty, string.Join(", ", missing), missing.Count > 1 ? "them" : "it");
        }
    }
}
