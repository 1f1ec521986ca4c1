using System.Reflection;
using System.Runtime.CompilerServices;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Workflows;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// What one run in memory costs in objects of its own: every waiting run holds them, 100,000 at once
/// in the scale benchmark. Sizes are counted in bytes on the 64-bit runtime, not timed.
/// </summary>
public class RunFootprintTests
{
    [Fact]
    public void A_run_in_memory_holds_no_field_for_the_durable_facts()
    {
        // Header and method table (16), 8 references (_options, _logger, _activity, _checkpoints,
        // WorkflowId, CancellationToken, CurrentStepId, the unanswered calls), the start timestamp (8),
        // the transitions (4), LastStatusCode (int?, 8) and Started (1), rounded up to 8. The run id,
        // first step and "finished before" live in the checkpoints, which a run in memory has none of.
        Assert.Equal(104, InstanceSize(typeof(WorkflowRun)));
    }

    [Fact]
    public void A_generated_run_keeps_each_step_result_in_a_field_with_no_flag_of_its_own()
    {
        var run = typeof(TrainThenDeployWorkflow).GetNestedType("Run", BindingFlags.NonPublic)!;

        // Header (16); the workflow, its inputs and the WorkflowRun (3 references); the six steps'
        // results, whose outputs are 9 references (a Nullable<T> field would add 8 B to each of the six);
        // the end step and action (2 references).
        Assert.Equal(16 + (8 * (3 + 9 + 2)), InstanceSize(run));
    }

    /// <summary>The bytes one instance of <paramref name="type"/> takes: what allocating it adds to this thread's count.</summary>
    private static long InstanceSize(Type type)
    {
        RuntimeHelpers.GetUninitializedObject(type); // Whatever the first allocation of a type sets up is not the instance.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        var size = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(instance);
        return size;
    }
}
