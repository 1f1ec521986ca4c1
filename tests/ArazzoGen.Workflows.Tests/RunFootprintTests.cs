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

    [Fact]
    public void The_frames_of_steps_and_calls_that_AWS_answers_later_are_pooled()
    {
        // A real client answers every call later, so each step and each call of a run goes async and
        // its frame goes to the heap, where the hand-written method has one frame per run. Pooled frames
        // are reused by the next step or call of that kind: `allocations later` in bench/ measures
        // 7,200 B per run without them and 3,700 B with them (3,380 B hand-written). The bytes are not
        // counted here: tests build in Debug, where every async method allocates its frame anyway.
        var step = typeof(ValueTask<>).MakeGenericType(typeof(Nullable<>).MakeGenericType(typeof(TrainThenDeployWorkflow).GetNestedType("Step", BindingFlags.NonPublic)!));
        var steps = typeof(TrainThenDeployWorkflow).GetNestedType("Run", BindingFlags.NonPublic)!
            .GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == step)
            .ToList();
        var calls = new[]
        {
            typeof(WorkflowRun).GetMethod("AwaitCallAsync", BindingFlags.Instance | BindingFlags.NonPublic)!,
            typeof(WorkflowRun).Assembly.GetType("ArazzoGen.Runtime.TransientFailures")!.GetMethod("CompleteAsync")!,
        };

        Assert.Equal(6, steps.Count);
        Assert.All(steps.Concat(calls), method => Assert.Equal(typeof(PoolingAsyncValueTaskMethodBuilder<>), method.GetCustomAttribute<AsyncMethodBuilderAttribute>()?.BuilderType));
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
