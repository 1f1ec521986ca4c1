using System.Collections.Immutable;
using System.Linq;
using ArazzoGen.Helpers;

namespace ArazzoGen.Emit;

/// <summary>
/// The project's workflows that <c>AddArazzoWorkflows()</c> registers, in class-name order: none when
/// the project has none or does not reference ArazzoGen.Hosting.
/// </summary>
/// <remarks>
/// A class, not a bool or a tuple: every value type that flows through Roslyn's node tables makes a
/// fresh compiler JIT-compile their generic code for it (about a hundred methods each, in a project
/// with no workflow as well), while reference types share code the compiler already has.
/// </remarks>
internal sealed record WorkflowsToRegister(EquatableArray<RegisteredWorkflow> Workflows)
{
    public static WorkflowsToRegister None { get; } = new(EquatableArray<RegisteredWorkflow>.Empty);

    public static WorkflowsToRegister Of(ImmutableArray<RegisteredWorkflow> workflows) =>
        workflows.Length == 0 ? None : new(workflows.OrderBy(w => w.ClassName, System.StringComparer.Ordinal).ToEquatableArray());

    /// <summary>These workflows and <paramref name="others"/>, in class-name order.</summary>
    public WorkflowsToRegister With(WorkflowsToRegister others) =>
        others.Workflows.Count == 0 ? this
        : Workflows.Count == 0 ? others
        : new(Workflows.Concat(others.Workflows).OrderBy(w => w.ClassName, System.StringComparer.Ordinal).ToEquatableArray());
}
