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
    public void A_run_is_one_object_holding_the_runtime_state_and_each_step_result_in_a_field_with_no_flag_of_its_own()
    {
        var run = typeof(TrainThenDeployWorkflow).GetNestedType("Run", BindingFlags.NonPublic)!;

        // Header and method table (16). The runtime's part (WorkflowRun, the base class): the workflow's
        // shared context, the extras only durable, traced, logged or unanswered runs create, the
        // CancellationToken and CurrentStepId (4 references), the transitions (4), LastStatusCode (int?, 8)
        // and Started (1), rounded up to 8: 48. The generated part: the workflow and its inputs, the six
        // steps' results, whose outputs are 9 references (a Nullable<T> field would add 8 B to each of the
        // six), and the end step and action: 13 references. A WorkflowRun of its own would add a header
        // and a reference (24 B); copies of the workflow's id, options and logger three more references.
        Assert.True(run.IsSubclassOf(typeof(WorkflowRun)));
        Assert.Equal(16 + 48 + (8 * (2 + 9 + 2)), InstanceSize(run));
    }

    [Fact]
    public void The_frames_of_steps_and_calls_that_AWS_answers_later_are_pooled()
    {
        // A real client answers every call later, so each step and each call of a run goes async and
        // its frame goes to the heap, where the hand-written method has one frame per run. Pooled frames
        // are reused by the next step or call of that kind: `allocations later` in bench/ measures
        // 7,200 B per run without them and 3.6 - 3.9 KB with them (3,380 B hand-written). The bytes are
        // not counted here: tests build in Debug, where every async method allocates its frame anyway.
        // The default transient retry has no frame of its own: the call's frame awaits the answer.
        var step = typeof(ValueTask<>).MakeGenericType(typeof(Nullable<>).MakeGenericType(typeof(TrainThenDeployWorkflow).GetNestedType("Step", BindingFlags.NonPublic)!));
        var steps = typeof(TrainThenDeployWorkflow).GetNestedType("Run", BindingFlags.NonPublic)!
            .GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == step)
            .ToList();
        var call = typeof(WorkflowRun).GetMethod("AwaitCallAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;

        Assert.Equal(6, steps.Count);
        Assert.All(steps.Append(call), method => Assert.Equal(typeof(PoolingAsyncValueTaskMethodBuilder<>), method.GetCustomAttribute<AsyncMethodBuilderAttribute>()?.BuilderType));
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
