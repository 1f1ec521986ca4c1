using System.Reflection;
using System.Runtime.CompilerServices;
using ArazzoGen.Benchmarks.Workflows;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// What a run waiting in a poll holds, object by object, for the scale benchmark's three variants:
/// the run object and the async frames (the compiler's state machines, read by reflection from this
/// Release build, where only what lives across an await is a field). Each frame on the heap also
/// carries its box's own fields, which this does not count.
/// </summary>
internal static class RunFootprint
{
    public static void Run()
    {
        var generated = typeof(TrainThenDeployWorkflow).GetNestedType("Run", BindingFlags.NonPublic)!;
        Console.WriteLine("| variant | object | bytes | fields |");
        Console.WriteLine("| --- | --- | ---: | --- |");
        Row("hand-written", "its one method's frame", Frame(typeof(HandWrittenTrainThenDeploy), "RunAsync"));
        Row("step-shape", "run object", typeof(HandWrittenInStepShape));
        Row("step-shape", "run loop's frame", Frame(typeof(HandWrittenInStepShape), "ExecuteAsync"));
        Row("step-shape", "polling step's frame", Frame(typeof(HandWrittenInStepShape), "PollTrainingJobAsync"));
        Row("generated", "run object (with WorkflowRun)", generated);
        Row("generated", "run loop's frame", Frame(generated, "ExecuteAsync"));
        Row("generated", "polling step's frame", Frame(generated, "PollTrainingJobAsync"));
    }

    private static void Row(string variant, string name, Type type)
    {
        var fields = Fields(type).Select(f => $"{f.Name} {Size(f.FieldType)}");
        Console.WriteLine($"| {variant} | {name} | {(type.IsValueType ? Size(type) : InstanceSize(type))} | {string.Join(", ", fields)} |");
    }

    private static IEnumerable<FieldInfo> Fields(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    /// <summary>The compiler's state machine of the async method <paramref name="method"/> (a struct in Release).</summary>
    private static Type Frame(Type type, string method) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.Name == method)
            .Select(m => m.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType)
            .Single(t => t is not null)!;

    private static int Size(Type type) => type.IsValueType
        ? (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!
        : IntPtr.Size;

    /// <summary>The bytes one instance takes: what allocating it adds to this thread's count.</summary>
    private static long InstanceSize(Type type)
    {
        RuntimeHelpers.GetUninitializedObject(type);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        var size = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(instance);
        return size;
    }
}
