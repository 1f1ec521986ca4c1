using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Checks what every runtime expression refers to: declared inputs, existing steps and outputs
/// (and that the step can have run by then), workflows, components, source descriptions, and
/// that request/response expressions are used only where a call has happened.
/// </summary>
internal static class ReferenceRules
{
    public static void Check(ArazzoDocument document, Workflow workflow, FlowGraph flow, DiagnosticBag diagnostics)
    {
        foreach (var use in ExpressionWalker.InWorkflow(workflow))
        {
            Check(document, workflow, flow, use, diagnostics);
        }
    }

    /// <summary>Expressions outside any workflow (component parameters): only document-wide references can be checked.</summary>
    public static void CheckValue(ArazzoDocument document, ValueNode value, DiagnosticBag diagnostics)
    {
        foreach (var expression in ExpressionWalker.InValue(value))
        {
            CheckDocumentWide(document, expression, diagnostics);
        }
    }

    public static void CheckComponentKind(ComponentReference reference, string kind, DiagnosticBag diagnostics)
    {
        var expression = reference.Expression;
        if (expression.Segment(0) != kind)
        {
            diagnostics.Add(DiagnosticDescriptors.MalformedExpression, expression.Span, expression.Text, $"this reference must point to $components.{kind}.<name>");
        }
    }

    private static void Check(ArazzoDocument document, Workflow workflow, FlowGraph flow, ExpressionUse use, DiagnosticBag diagnostics)
    {
        var expression = use.Expression;
        switch (expression.Root)
        {
            case ExpressionRoot.Inputs:
                CheckInput(workflow, expression, diagnostics);
                break;
            case ExpressionRoot.Steps:
                CheckStepOutput(workflow, flow, use, diagnostics);
                break;
            case ExpressionRoot.Outputs when use.Place == ExpressionPlace.StepResult && use.Step?.WorkflowId is { IsQualified: true }:
                break; // The outputs of a workflow of another document: Bind checks them against it.
            case ExpressionRoot.Outputs:
                // In the results of a step that runs a workflow, $outputs are that workflow's outputs.
                var owner = CalledHere(document, use) ?? workflow;
                var name = expression.Path[0];
                var outputs = owner.Outputs.Select(o => o.Name.Value).ToList();
                if (!outputs.Contains(name))
                {
                    diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowOutputRef, expression.Span, owner.WorkflowId.Value, name, NameSuggester.Hint(name, outputs));
                }

                break;
            case ExpressionRoot.StatusCode when use.Place == ExpressionPlace.WorkflowOutputs || (use.Place == ExpressionPlace.StepResult && use.Step?.WorkflowId is not null):
                break; // The status of the last call of the run, or of the workflow the step ran (README, "Arazzo conformance").
            case ExpressionRoot.Url or ExpressionRoot.Method or ExpressionRoot.StatusCode or ExpressionRoot.Request or ExpressionRoot.Response:
                var where = use.Place switch
                {
                    ExpressionPlace.StepResult when use.Step?.WorkflowId is not null =>
                        "a step that runs a workflow (it makes no call of its own; read that workflow's results with $outputs.<name>, and its last call's status with $statusCode)",
                    ExpressionPlace.StepRequest => "a step's parameters or request body (they are evaluated before the call)",
                    ExpressionPlace.WorkflowParameters => "workflow-level parameters (they are evaluated before each call)",
                    ExpressionPlace.WorkflowOutputs => "workflow outputs (there is no single call to read; copy it to a step output first; $statusCode is the last call's)",
                    _ => null,
                };
                if (where is not null)
                {
                    diagnostics.Add(DiagnosticDescriptors.ExpressionNotAvailable, expression.Span, expression.Text, where);
                }

                break;
            default:
                CheckDocumentWide(document, expression, diagnostics);
                break;
        }
    }

    /// <summary>The workflow a step runs, when the expression is in that step's results.</summary>
    private static Workflow? CalledHere(ArazzoDocument document, ExpressionUse use) =>
        use.Place == ExpressionPlace.StepResult && use.Step is { WorkflowId: not null } step
            ? WorkflowStepRules.CalledWorkflow(step, DocumentIndex.For(document).ById)
            : null;

    private static void CheckDocumentWide(ArazzoDocument document, RuntimeExpression expression, DiagnosticBag diagnostics)
    {
        switch (expression.Root)
        {
            case ExpressionRoot.Workflows:
                CheckWorkflowMember(document, expression, diagnostics);
                break;
            case ExpressionRoot.Components:
                CheckComponent(document.Components, expression, diagnostics);
                break;
            case ExpressionRoot.SourceDescriptions:
                TargetRules.CheckSource(document, expression.Path[0], expression.Span, diagnostics);
                break;
        }
    }

    private static void CheckInput(Workflow workflow, RuntimeExpression expression, DiagnosticBag diagnostics)
    {
        // An object input's declared properties are checked as far as the expression reads into them.
        var properties = workflow.Inputs?.Properties ?? EquatableArray<InputProperty>.Empty;
        var path = string.Empty;
        foreach (var name in expression.Path)
        {
            var property = properties.FirstOrDefault(p => p.Name.Value == name);
            if (property is null)
            {
                var declared = properties.Select(p => path + p.Name.Value);
                diagnostics.Add(DiagnosticDescriptors.UnknownInput, expression.Span, workflow.WorkflowId.Value, path + name, NameSuggester.Hint(path + name, declared));
                return;
            }

            if (property.Properties.Count == 0)
            {
                return;
            }

            path += name + ".";
            properties = property.Properties;
        }
    }

    private static void CheckStepOutput(Workflow workflow, FlowGraph flow, ExpressionUse use, DiagnosticBag diagnostics)
    {
        var expression = use.Expression;
        var stepId = expression.Path[0];
        var index = flow.IndexOf(stepId);
        if (index < 0)
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownStepTarget, expression.Span, workflow.WorkflowId.Value, stepId, NameSuggester.Hint(stepId, workflow.Steps.Select(s => s.StepId.Value)));
            return;
        }

        var step = workflow.Steps[index];
        var output = expression.Path[2];
        var outputs = step.Outputs.Select(o => o.Name.Value).ToList();
        if (!outputs.Contains(output))
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownStepOutput, expression.Span, stepId, output, NameSuggester.Hint(output, outputs));
            return;
        }

        var user = use.Step is null ? -1 : flow.IndexOf(use.Step.StepId.Value);
        var canHaveRun = use.Place switch
        {
            ExpressionPlace.StepRequest => flow.CanRunBefore(index, user),
            ExpressionPlace.StepResult => index == user || flow.CanRunBefore(index, user),
            ExpressionPlace.WorkflowOutputs => flow.Reachable[index],
            _ => true,
        };
        if (!canHaveRun)
        {
            var where = use.Step is null ? "the workflow ends" : $"step '{use.Step.StepId.Value}'";
            diagnostics.Add(DiagnosticDescriptors.StepNeverRunBefore, expression.Span, expression.Text, stepId, where);
        }
    }

    private static void CheckWorkflowMember(ArazzoDocument document, RuntimeExpression expression, DiagnosticBag diagnostics)
    {
        var workflowId = expression.Path[0];
        var index = DocumentIndex.For(document);
        if (!index.ById.TryGetValue(workflowId, out var target))
        {
            // A workflow of another document that this one runs or depends on ($sourceDescriptions.<name>.<id>): Bind checks its members there.
            if (!QualifiedWorkflowIds(document).Contains(workflowId))
            {
                diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowTarget, expression.Span, workflowId, NameSuggester.Hint(workflowId, index.Ids));
            }

            return;
        }

        var kind = expression.Path[1];
        var name = expression.Path[2];
        var names = kind == "inputs"
            ? target.Inputs?.Properties.Select(p => p.Name.Value).ToList() ?? new System.Collections.Generic.List<string>()
            : target.Outputs.Select(o => o.Name.Value).ToList();
        if (!names.Contains(name))
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowMember, expression.Span, workflowId, kind.TrimEnd('s'), name, NameSuggester.Hint(name, names));
        }
    }

    /// <summary>The workflowIds this document names in other documents, in dependsOn, steps and actions.</summary>
    private static System.Collections.Generic.HashSet<string> QualifiedWorkflowIds(ArazzoDocument document) =>
        new(document.Workflows
                .SelectMany(w => w.DependsOn
                    .Concat(w.Steps.Select(s => s.WorkflowId).OfType<Reference>())
                    .Concat(w.Steps.SelectMany(s => ActionMerger.OnSuccess(s, w, document.Components).Concat(ActionMerger.OnFailure(s, w, document.Components))).Select(a => a.WorkflowId).OfType<Reference>()))
                .Where(q => q.IsQualified)
                .Select(q => q.Name),
            System.StringComparer.Ordinal);

    private static void CheckComponent(Components components, RuntimeExpression expression, DiagnosticBag diagnostics)
    {
        var kind = expression.Path[0];
        var name = expression.Path[1];
        var names = (kind switch
        {
            "inputs" => components.Inputs.Select(c => c.Name.Value),
            "parameters" => components.Parameters.Select(c => c.Name.Value),
            "successActions" => components.SuccessActions.Select(c => c.Name.Value),
            _ => components.FailureActions.Select(c => c.Name.Value),
        }).ToList();
        if (!names.Contains(name))
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownComponent, expression.Span, kind, name, NameSuggester.Hint(name, names));
        }
    }
}
