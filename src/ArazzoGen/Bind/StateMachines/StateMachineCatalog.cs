using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>
/// The workflows of one document already written as state machines (they are bound callee-first),
/// so a workflow that depends on them runs each as a branch of a Parallel state.
/// </summary>
internal sealed class StateMachineCatalog
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <param name="HasDefinition">It has a state machine of its own (which another's step can run as a nested execution).</param>
    /// <param name="Branch">Its states as a Parallel branch runs them: without its own dependencies, which the workflow that depends on it runs first; null when it cannot be one.</param>
    /// <param name="Policy">What that branch's role needs.</param>
    /// <param name="Why">Why it cannot, when it cannot.</param>
    public sealed record Entry(BoundWorkflow Workflow, bool HasDefinition, AslObject? Branch, IamPolicy? Policy, string? Why);

    public void Add(BoundWorkflow workflow, bool hasDefinition, AslObject? branch, IamPolicy? policy, string? why) =>
        _entries[workflow.WorkflowId] = new Entry(workflow, hasDefinition, branch, policy, why);

    /// <summary>
    /// What the C# class of <paramref name="workflow"/> needs to run: every operation its steps call,
    /// and those of the workflows of this document it runs or depends on.
    /// </summary>
    public IamPolicy ClassPolicy(BoundWorkflow workflow)
    {
        var policy = new IamPolicy();
        foreach (var step in workflow.Steps)
        {
            if (step.Call is OperationCall { Api: { } api } operation)
            {
                policy.Call(api, operation.Request);
                if (step.ReadBack is { } readBack)
                {
                    // A durable run that resumes reads back what the step may have created (DescribeModel after CreateModel).
                    policy.Call(api with { Operation = readBack.SdkMethod.Substring(0, readBack.SdkMethod.Length - "Async".Length) }, new NewObjectBound(EquatableArray<MemberInit>.Empty, TypeRef.Unknown));
                }
            }
        }

        foreach (var runs in workflow.ActionWorkflows.Select(a => a.Call.WorkflowId).Concat(workflow.Steps.Select(s => s.Call).OfType<WorkflowCall>().Select(c => c.WorkflowId)).Distinct(StringComparer.Ordinal))
        {
            if (Find(runs) is { } called)
            {
                policy.Include(ClassPolicy(called.Workflow));
            }
        }

        return policy;
    }

    public Entry? Find(string workflowId) => _entries.TryGetValue(workflowId, out var entry) ? entry : null;
}
