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

    public static WorkflowsToRegister Of(ImmutableArray<RegisteredWorkflow> some, ImmutableArray<RegisteredWorkflow> others) =>
        some.Length + others.Length == 0
            ? None
            : new(some.Concat(others).OrderBy(w => w.ClassName, System.StringComparer.Ordinal).ToEquatableArray());
}
