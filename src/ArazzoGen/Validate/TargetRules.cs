using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;

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

    public static void CheckWorkflow(ArazzoDocument document, Located<string> workflowId, DiagnosticBag diagnostics)
    {
        if (QualifiedName.Parse(workflowId.Value).IsQualified)
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
    public static void CheckSourceQualified(ArazzoDocument document, Located<string> text, DiagnosticBag diagnostics)
    {
        var name = QualifiedName.Parse(text.Value);
        if (name.Error is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.MalformedExpression, text.Span, text.Value, name.Error);
            return;
        }

        CheckSource(document, name.Source!, text.Span, diagnostics);
    }

    /// <summary><c>$sourceDescriptions.name.workflowId</c>: the name must be a source description of type arazzo.</summary>
    public static void CheckArazzoSource(ArazzoDocument document, Located<string> text, DiagnosticBag diagnostics)
    {
        CheckSourceQualified(document, text, diagnostics);
        var name = QualifiedName.Parse(text.Value);
        if (name.Source is not null && document.SourceDescriptions.FirstOrDefault(s => s.Name.Value == name.Source) is { } source && source.EffectiveType != "arazzo")
        {
            diagnostics.Add(DiagnosticDescriptors.NotAnArazzoSource, text.Span, text.Value, name.Source, source.EffectiveType);
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
