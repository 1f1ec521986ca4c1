using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// A step's <c>dependsOn</c> (Arazzo 1.1): the steps that MUST complete before it. ArazzoGen runs a
/// workflow's steps one at a time, in order and along its gotos, so each dependency must be a step of
/// the same workflow that every path to this step runs first.
/// </summary>
internal static class StepDependencyRules
{
    public static void Check(Workflow workflow, FlowGraph flow, DiagnosticBag diagnostics)
    {
        for (var i = 0; i < workflow.Steps.Count; i++)
        {
            var step = workflow.Steps[i];
            DocumentValidator.ReportDuplicates(step.Extras.DependsOn, DiagnosticDescriptors.DuplicateDependency, diagnostics);
            foreach (var dependency in step.Extras.DependsOn)
            {
                if (!dependency.Value.StartsWith("$", System.StringComparison.Ordinal) && flow.IndexOf(dependency.Value) < 0)
                {
                    diagnostics.Add(DiagnosticDescriptors.UnknownStepTarget, dependency.Span, workflow.WorkflowId.Value, dependency.Value, NameSuggester.Hint(dependency.Value, workflow.Steps.Select(s => s.StepId.Value)));
                    continue;
                }

                var why = Why(flow, dependency.Value, i);
                if (why is not null)
                {
                    diagnostics.Add(DiagnosticDescriptors.StepDependencyNotBefore, dependency.Span, step.StepId.Value, dependency.Value, why);
                }
            }
        }
    }

    private static string? Why(FlowGraph flow, string dependency, int step)
    {
        if (dependency.StartsWith("$", System.StringComparison.Ordinal))
        {
            return "a step of another workflow, which this workflow does not run";
        }

        var index = flow.IndexOf(dependency);
        if (index == step)
        {
            return "which is the step itself";
        }

        return flow.AlwaysRunsBefore(index, step) ? null : "which a path through the workflow reaches this step without running";
    }
}
