using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>Checks names that point at steps, workflows and source descriptions.</summary>
internal static class TargetRules
{
    public static void CheckStep(FlowGraph flow, Located<string> stepId, DiagnosticBag diagnostics)
    {
        if (flow.IndexOf(stepId.Value) < 0)
        {
            var workflow = flow.Workflow;
            diagnostics.Add(DiagnosticDescriptors.UnknownStepTarget, stepId.Span, workflow.WorkflowId.Value, stepId.Value, NameSuggester.Hint(stepId.Value, workflow.Steps.Select(s => s.StepId.Value)));
        }
    }

    public static void CheckWorkflow(ArazzoDocument document, Reference workflowId, DiagnosticBag diagnostics)
    {
        if (workflowId.IsQualified)
        {
            CheckArazzoSource(document, workflowId, diagnostics);
            return;
        }

        var index = DocumentIndex.For(document);
        if (!index.ById.ContainsKey(workflowId.Value))
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowTarget, workflowId.Span, workflowId.Value, NameSuggester.Hint(workflowId.Value, index.Ids));
        }
    }

    /// <summary><c>$sourceDescriptions.name.x</c>: the name must be a source description of this document.</summary>
    public static void CheckSourceQualified(ArazzoDocument document, Reference name, DiagnosticBag diagnostics)
    {
        if (name.Error is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.MalformedExpression, name.Span, name.Value, name.Error);
            return;
        }

        CheckSource(document, name.Source!, name.Span, diagnostics);
    }

    /// <summary><c>$sourceDescriptions.name.workflowId</c>: the name must be a source description of type arazzo.</summary>
    public static void CheckArazzoSource(ArazzoDocument document, Reference name, DiagnosticBag diagnostics)
    {
        CheckSourceQualified(document, name, diagnostics);
        if (name.Source is not null && document.SourceDescriptions.FirstOrDefault(s => s.Name.Value == name.Source) is { } source && source.EffectiveType != "arazzo")
        {
            diagnostics.Add(DiagnosticDescriptors.NotAnArazzoSource, name.Span, name.Value, name.Source, source.EffectiveType);
        }
    }

    public static void CheckSource(ArazzoDocument document, string name, SourceSpan span, DiagnosticBag diagnostics)
    {
        var names = document.SourceDescriptions.Select(s => s.Name.Value).ToList();
        if (!names.Contains(name))
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownSourceDescription, span, name, NameSuggester.Hint(name, names));
        }
    }
}
