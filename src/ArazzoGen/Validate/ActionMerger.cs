using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// The actions that apply after a step: its own, then the workflow-level ones it did not
/// override by name (ARAZZO-NOTES.md: step actions "override" but "cannot remove" workflow
/// actions), with component references resolved. Unresolvable references are skipped here and
/// reported by the validator.
/// </summary>
internal static class ActionMerger
{
    public static IReadOnlyList<WorkflowAction> OnSuccess(Step step, Workflow workflow, Components components) =>
        Merge(step.OnSuccess, workflow.SuccessActions, components.SuccessActions);

    public static IReadOnlyList<WorkflowAction> OnFailure(Step step, Workflow workflow, Components components) =>
        MergeWithOrigin(step.OnFailure, workflow.FailureActions, components.FailureActions).Select(a => a.Action).ToList();

    /// <summary>As <see cref="OnFailure"/>, each action with whether it is the workflow's (not the step's own).</summary>
    public static IReadOnlyList<Merged> OnFailureWithOrigin(Step step, Workflow workflow, Components components) =>
        MergeWithOrigin(step.OnFailure, workflow.FailureActions, components.FailureActions);

    public static WorkflowAction? Resolve(ActionOrReference action, IEnumerable<NamedComponent<WorkflowAction>> components)
    {
        if (action.Action is not null)
        {
            return action.Action;
        }

        var expression = action.Reference!.Expression;
        var name = expression.Segment(1);
        return components.FirstOrDefault(c => c.Name.Value == name)?.Value;
    }

    private static IReadOnlyList<WorkflowAction> Merge(
        IEnumerable<ActionOrReference> stepActions,
        IEnumerable<ActionOrReference> workflowActions,
        IEnumerable<NamedComponent<WorkflowAction>> components) =>
        MergeWithOrigin(stepActions, workflowActions, components).Select(a => a.Action).ToList();

    /// <summary>An action that applies after a step, and whether it is the workflow's (not the step's own).</summary>
    /// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
    public sealed record Merged(WorkflowAction Action, bool FromWorkflow);

    private static IReadOnlyList<Merged> MergeWithOrigin(
        IEnumerable<ActionOrReference> stepActions,
        IEnumerable<ActionOrReference> workflowActions,
        IEnumerable<NamedComponent<WorkflowAction>> components)
    {
        var merged = stepActions.Select(a => Resolve(a, components)).Where(a => a is not null).Select(a => new Merged(a!, false)).ToList();
        var names = new HashSet<string>(merged.Select(a => a.Action.Name.Value));
        merged.AddRange(workflowActions
            .Select(a => Resolve(a, components))
            .Where(a => a is not null && !names.Contains(a.Name.Value))
            .Select(a => new Merged(a!, true)));
        return merged;
    }
}
