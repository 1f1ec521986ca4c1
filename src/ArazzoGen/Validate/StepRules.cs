using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>Rules on a workflow's steps and actions: unique ids and names, existing targets, parameter shape.</summary>
internal static class StepRules
{
    public static void Check(ArazzoDocument document, Workflow workflow, FlowGraph flow, DiagnosticBag diagnostics)
    {
        DocumentValidator.ReportDuplicates(workflow.Steps.Select(s => s.StepId), DiagnosticDescriptors.DuplicateStepId, diagnostics, workflow.WorkflowId.Value);
        CheckActions(document, flow, workflow.SuccessActions, "successActions", diagnostics);
        CheckActions(document, flow, workflow.FailureActions, "failureActions", diagnostics);
        CheckParameters(document, workflow.Parameters, isOperationStep: false, diagnostics);

        var looping = flow.StepsThatNeverEnd();
        if (looping.Count > 0)
        {
            var first = workflow.Steps[looping[0]];
            var names = string.Join(", ", looping.Select(i => $"'{workflow.Steps[i].StepId.Value}'"));
            diagnostics.Add(DiagnosticDescriptors.GotoCycleWithoutEnd, first.StepId.Span, looping.Count > 1 ? "s" : string.Empty, names, workflow.WorkflowId.Value, looping.Count > 1 ? "them" : "it");
        }

        // By name: a source declared twice is one source (ARZ0204 says so), not a reason to qualify every operation.
        var openApiSources = document.SourceDescriptions.Where(s => s.EffectiveType == "openapi").Select(s => s.Name.Value).Distinct().Count();
        for (var i = 0; i < workflow.Steps.Count; i++)
        {
            var step = workflow.Steps[i];
            CheckActions(document, flow, step.OnSuccess, "successActions", diagnostics);
            CheckActions(document, flow, step.OnFailure, "failureActions", diagnostics);
            CheckParameters(document, step.Parameters, isOperationStep: step.OperationId is not null || step.OperationPath is not null, diagnostics);
            CheckCriteria(step.SuccessCriteria, diagnostics);
            if (step.RequestBody is { } body)
            {
                DocumentValidator.ReportDuplicates(body.Replacements.Select(r => r.Target), DiagnosticDescriptors.DuplicateReplacementTarget, diagnostics);
            }

            if (step.OperationId is { } operationId)
            {
                if (operationId.IsQualified)
                {
                    TargetRules.CheckSourceQualified(document, operationId, diagnostics);
                }
                else if (openApiSources > 1)
                {
                    diagnostics.Add(DiagnosticDescriptors.UnqualifiedOperationId, operationId.Span, operationId.Value, openApiSources);
                }
            }

            if (step.OperationPath is { } path)
            {
                if (path.Source is { } pathSource)
                {
                    TargetRules.CheckSource(document, pathSource, path.Span, diagnostics);
                }
                else
                {
                    diagnostics.Add(DiagnosticDescriptors.MalformedOperationPath, path.Span, path.Value);
                }
            }

            if (step.WorkflowId is { } target)
            {
                TargetRules.CheckWorkflow(document, target, diagnostics);
            }

            if (!flow.Reachable[i])
            {
                diagnostics.Add(DiagnosticDescriptors.UnreachableStep, step.StepId.Span, step.StepId.Value, workflow.WorkflowId.Value);
            }
        }
    }

    private static void CheckActions(ArazzoDocument document, FlowGraph flow, IEnumerable<ActionOrReference> actions, string componentKind, DiagnosticBag diagnostics)
    {
        var list = actions.ToList();
        var components = componentKind == "successActions" ? document.Components.SuccessActions : document.Components.FailureActions;
        // Actions are unique by name once references are resolved (a component referenced twice, or one named like an inline action).
        var names = new List<Located<string>>();
        foreach (var action in list)
        {
            if (ActionMerger.Resolve(action, components) is { } resolved)
            {
                names.Add(new Located<string>(resolved.Name.Value, action.Reference?.Expression.Span ?? action.Action!.Name.Span));
            }
        }

        DocumentValidator.ReportDuplicates(names, DiagnosticDescriptors.DuplicateActionName, diagnostics);
        foreach (var entry in list)
        {
            if (entry.Reference is { } reference)
            {
                ReferenceRules.CheckComponentKind(reference, componentKind, diagnostics);
                continue;
            }

            var action = entry.Action!;
            CheckCriteria(action.Criteria, diagnostics);
            if (action.Type.Value == ActionKind.End)
            {
                if ((action.StepId ?? (action.WorkflowId is { } workflowTarget ? (Located<string>)workflowTarget : null)) is { } ignored)
                {
                    diagnostics.Add(DiagnosticDescriptors.TargetOnEndAction, ignored.Span, action.Name.Value, action.StepId is not null ? "stepId" : "workflowId", ignored.Value);
                }

                continue;
            }

            if (action.StepId is { } stepId)
            {
                TargetRules.CheckStep(flow, stepId, diagnostics);
            }

            if (action.WorkflowId is { } workflowId)
            {
                TargetRules.CheckWorkflow(document, workflowId, diagnostics);
            }
        }
    }

    private static void CheckCriteria(IEnumerable<Criterion> criteria, DiagnosticBag diagnostics)
    {
        // Keyed by text, not by a tuple: generic code over a value type is JIT-compiled afresh in every compiler process.
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var criterion in criteria)
        {
            var condition = criterion.Context is { } context ? "c" + CompositeKey.Of(context.Text, criterion.Condition.Value) : "-" + criterion.Condition.Value;
            if (!seen.Add($"{(int)criterion.Type.Value}:{condition}"))
            {
                diagnostics.Add(DiagnosticDescriptors.DuplicateCriterion, criterion.Condition.Span);
            }
        }
    }

    private static void CheckParameters(ArazzoDocument document, IEnumerable<ParameterOrReference> parameters, bool isOperationStep, DiagnosticBag diagnostics)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var entry in parameters)
        {
            if (entry.Reference is { } reference)
            {
                ReferenceRules.CheckComponentKind(reference, "parameters", diagnostics);
                // "MUST NOT include duplicate parameters": a referenced one counts by what it resolves to.
                if (EffectiveParameters.Resolve(entry, document.Components) is { } resolved
                    && !seen.Add(CompositeKey.Of(resolved.In?.Value ?? string.Empty, resolved.Name.Value)))
                {
                    diagnostics.Add(DiagnosticDescriptors.DuplicateParameter, reference.Expression.Span, resolved.Name.Value, resolved.In?.Value ?? "(no location)");
                }

                continue;
            }

            var parameter = entry.Parameter!;
            if (isOperationStep && parameter.In is null)
            {
                diagnostics.Add(DiagnosticDescriptors.ParameterInRequired, parameter.Name.Span, parameter.Name.Value);
            }

            var location = parameter.In?.Value ?? string.Empty;
            if (!seen.Add(CompositeKey.Of(location, parameter.Name.Value)))
            {
                diagnostics.Add(DiagnosticDescriptors.DuplicateParameter, parameter.Name.Span, parameter.Name.Value, location.Length == 0 ? "(no location)" : location);
            }
        }
    }
}
