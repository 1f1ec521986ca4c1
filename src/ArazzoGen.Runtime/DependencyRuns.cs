using System.Collections.Concurrent;
using System.ComponentModel;

namespace ArazzoGen.Runtime;

/// <summary>
/// The workflows one run has started for <c>dependsOn</c>, so each runs once per run however many
/// workflows of that run depend on it (A and B both depending on C run C once; both wait for it).
/// Generated code creates one per <c>RunAsync</c> of a workflow with dependencies and passes it down.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public sealed class DependencyRuns
{
    private readonly ConcurrentDictionary<Type, Lazy<Task<object>>> _runs = new();

    /// <summary>Runs the workflow of type <paramref name="workflow"/> the first time it is asked for in this run; later requests wait for that run.</summary>
    public async Task<TOutputs> RunOnceAsync<TOutputs>(Type workflow, Func<Task<TOutputs>> run)
        where TOutputs : class
    {
        var started = _runs.GetOrAdd(workflow, _ => new Lazy<Task<object>>(async () => await run().ConfigureAwait(false)));
        return (TOutputs)await started.Value.ConfigureAwait(false);
    }
}
