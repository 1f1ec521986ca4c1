using System;
using System.Collections.Generic;
using ArazzoGen.Bind.Model;

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
    /// <param name="Why">Why it cannot, when it cannot.</param>
    public sealed record Entry(BoundWorkflow Workflow, bool HasDefinition, AslObject? Branch, string? Why);

    public void Add(BoundWorkflow workflow, bool hasDefinition, AslObject? branch, string? why) => _entries[workflow.WorkflowId] = new Entry(workflow, hasDefinition, branch, why);

    public Entry? Find(string workflowId) => _entries.TryGetValue(workflowId, out var entry) ? entry : null;
}
