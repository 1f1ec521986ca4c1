using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Resolves a document's workflows once, for the rules that follow and for Bind: component
/// references, merged and pruned actions, loops, what each workflow runs and depends on, and the
/// order to bind them in. A reference that does not resolve is left out here and reported by the rules.
/// </summary>
internal static class WorkflowResolver
{
    /// <returns>Every workflow of the document, in document order (the order the rules report in).</returns>
    public static EquatableArray<ResolvedWorkflow> Resolve(ArazzoDocument document)
    {
        var byId = DocumentIndex.For(document).ById;
        return document.Workflows.Select(w => Resolve(w, document.Components, byId)).ToEquatableArray();
    }

    private static ResolvedWorkflow Resolve(Workflow workflow, Components components, IReadOnlyDictionary<string, Workflow> byId)
    {
        var steps = workflow.Steps.Select(step => Resolve(step, workflow, components)).ToList();
        var runs = new List<Reference>();
        foreach (var step in steps)
        {
            if (step.Step.WorkflowId is { IsQualified: false } called && byId.ContainsKey(called.Value))
            {
                runs.Add(called);
            }

            foreach (var action in step.OnSuccess.Concat(step.OnFailure))
            {
                if (action.Action.WorkflowId is { IsQualified: false } target && action.Action.Type.Value != ActionKind.End
                    && !action.RestartsWorkflow && byId.ContainsKey(target.Value))
                {
                    runs.Add(target);
                }
            }
        }

        return new ResolvedWorkflow(workflow, steps.ToEquatableArray(), runs.ToEquatableArray(), InputReads(workflow));
    }

    private static EquatableArray<string> InputReads(Workflow workflow) =>
        ExpressionWalker.InWorkflow(workflow)
            .Select(use => use.Expression)
            .Where(e => e.Root == ExpressionRoot.Inputs && e.Path.Count > 0)
            .Select(e => string.Join(".", e.Path.Concat(e.Pointer)))
            .Distinct(System.StringComparer.Ordinal)
            .OrderBy(path => path, System.StringComparer.Ordinal)
            .ToEquatableArray();

    private static ResolvedStep Resolve(Step step, Workflow workflow, Components components)
    {
        var onSuccess = Prune(ActionMerger.OnSuccess(step, workflow, components), a => a, isSuccess: true)
            .Select(a => new ResolvedAction(a, RestartsItself(workflow, a), LoopsItself(step, a)))
            .ToEquatableArray();
        var onFailure = Prune(ActionMerger.OnFailureWithOrigin(step, workflow, components), a => a.Action, isSuccess: false)
            .Select(a => new ResolvedAction(a.Action, RestartsItself(workflow, a.Action), LoopsThisStep: false, IsWorkflowAction: a.FromWorkflow))
            .ToEquatableArray();
        var parameters = EffectiveParameters.ForStep(step, workflow, components).ToEquatableArray();
        var loop = onSuccess.FirstOrDefault(a => a.LoopsThisStep) is { } looping
            ? new StepLoop(looping.Action, ReadsOwnOutputs(step, parameters))
            : null;
        return new ResolvedStep(step, parameters, EffectiveParameters.OfStep(step, components).ToEquatableArray(), onSuccess, onFailure, loop);
    }

    /// <summary>The actions that can run: after an unconditional one nothing does, except after a failure retry, which can run out.</summary>
    private static IEnumerable<T> Prune<T>(IEnumerable<T> actions, System.Func<T, WorkflowAction> actionOf, bool isSuccess)
    {
        foreach (var item in actions)
        {
            yield return item;
            var action = actionOf(item);
            if (action.Criteria.Count == 0 && (isSuccess || action.Type.Value != ActionKind.Retry))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// A goto to the workflow it is in: a restart from its first step, compiled as a jump within the
    /// same run (bounded by the step budget), so it is no call cycle.
    /// </summary>
    private static bool RestartsItself(Workflow workflow, WorkflowAction action) =>
        action.Type.Value == ActionKind.Goto && action.WorkflowId?.Value == workflow.WorkflowId.Value;

    private static bool LoopsItself(Step step, WorkflowAction action) =>
        (action.Type.Value == ActionKind.Goto && action.StepId?.Value == step.StepId.Value)
        || action.Type.Value == ActionKind.Retry;

    /// <summary>A request that reads the step's own outputs asks for what the last round answered: the next page.</summary>
    private static bool ReadsOwnOutputs(Step step, IEnumerable<Parameter> parameters) =>
        parameters.Select(p => p.Value)
            .Concat(step.RequestBody?.Payload is { } payload ? new[] { payload } : Enumerable.Empty<ValueNode>())
            .SelectMany(ExpressionWalker.InValue)
            .Any(e => e.Root == ExpressionRoot.Steps && e.Segment(0) == step.StepId.Value && e.Segment(1) == "outputs");

    /// <summary>
    /// The workflows in the order Bind binds them: each after those it runs or depends on (depth first, without recursion: a chain
    /// of thousands of workflows must not overflow the stack; a cycle is cut).
    /// </summary>
    public static EquatableArray<ResolvedWorkflow> CalleesFirst(EquatableArray<ResolvedWorkflow> workflows)
    {
        var byId = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (var i = workflows.Count - 1; i >= 0; i--)
        {
            byId[workflows[i].WorkflowId] = i; // the first workflow with an id
        }

        var order = new List<ResolvedWorkflow>();
        var started = new bool[workflows.Count];
        for (var root = 0; root < workflows.Count; root++)
        {
            if (started[root])
            {
                continue;
            }

            started[root] = true;
            var work = new Stack<Visit>();
            work.Push(new Visit(root, Callees(root).GetEnumerator()));
            while (work.Count > 0)
            {
                var (workflow, callees) = work.Peek();
                if (callees.MoveNext())
                {
                    if (!started[callees.Current])
                    {
                        started[callees.Current] = true;
                        work.Push(new Visit(callees.Current, Callees(callees.Current).GetEnumerator()));
                    }

                    continue;
                }

                work.Pop();
                order.Add(workflows[workflow]);
            }
        }

        return order.ToEquatableArray();

        List<int> Callees(int workflow)
        {
            var callees = new List<int>();
            foreach (var reference in workflows[workflow].Runs.Concat(workflows[workflow].Workflow.DependsOn))
            {
                if (!reference.IsQualified && byId.TryGetValue(reference.Value, out var callee))
                {
                    callees.Add(callee);
                }
            }

            return callees;
        }
    }

    /// <summary>A workflow of the depth-first walk, and its callees left to visit.</summary>
    /// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
    private sealed record Visit(int Workflow, IEnumerator<int> Callees);
}
