using System.Reflection;
using Amazon.SageMaker;
using ArazzoGen.Benchmarks.Workflows;
using ArazzoGen.Runtime;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Exactly where a train-then-deploy run allocates: the thread's allocated bytes read as each SDK
/// call arrives at the client, so each part of the run (before the first call, between two calls,
/// after the last) is priced on its own, generated against hand-written. Both go through the same
/// counting client, whose own allocations are the same in both.
/// </summary>
internal static class AllocationSegments
{
    /// <param name="runs">How many runs of each variant to average over.</param>
    /// <param name="polling">
    /// The scale benchmark's SageMaker (training InProgress for 3 Describes, the endpoint Creating for 2:
    /// 11 calls) with polls that wait zero seconds, so that every wait completes at once and the whole
    /// run still stays on this thread. What waiting for real allocates (the frames that then go to the
    /// heap, the timers) is not in this measure.
    /// </param>
    public static async Task RunAsync(int runs, bool polling)
    {
        var client = CountingSageMaker.Create(polling ? new ScaleSageMaker().Client : InstantSageMaker.Create());
        var options = !polling ? WorkflowOptions.Default : new WorkflowOptions
        {
            Polls = new Dictionary<string, PollOptions>(StringComparer.Ordinal)
            {
                ["pollTrainingJob"] = new() { Delay = TimeSpan.Zero },
                ["pollEndpoint"] = new() { Delay = TimeSpan.Zero },
            },
        };
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(client), options);
        var inputs = RuntimeOverheadBenchmarks.SampleInputs();
        var variants = new (string Name, Func<Task> Run)[]
        {
            ("hand-written", () => HandWrittenTrainThenDeploy.RunAsync(client, inputs, TimeSpan.Zero, TimeProvider.System)),
            ("generated", () => workflow.RunAsync(inputs)),
        };

        // Warm both until their code is fully optimized: the first tiers allocate a little differently.
        for (var i = 0; i < 20_000; i++)
        {
            foreach (var (_, run) in variants)
            {
                await run();
            }
        }

        var parts = variants.Select(v => Measure(v.Run, runs)).ToList();
        var width = parts.Max(p => p.Length);
        Console.WriteLine($"{runs:N0} runs each, bytes per run by part (every call answers at once{(polling ? " and every poll waits zero seconds" : string.Empty)}, so each run completes on this thread)");
        Console.WriteLine("| part | " + string.Join(" | ", variants.Select(v => v.Name)) + " | difference |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        for (var i = 0; i < width; i++)
        {
            var name = i == 0 ? "to the first call" : i == width - 1 ? "after the last call" : $"call {i} to call {i + 1}";
            var hand = parts[0].ElementAtOrDefault(i);
            var generated = parts[1].ElementAtOrDefault(i);
            Console.WriteLine($"| {name} | {hand:0} | {generated:0} | {generated - hand:+0;-0;0} |");
        }

        Console.WriteLine($"| **total** | {parts[0].Sum():0} | {parts[1].Sum():0} | {parts[1].Sum() / parts[0].Sum():0.00}x |");
    }

    private static double[] Measure(Func<Task> run, int runs)
    {
        double[]? totals = null;
        for (var i = 0; i < runs; i++)
        {
            CountingSageMaker.Marks.Clear();
            CountingSageMaker.Marks.Add(GC.GetAllocatedBytesForCurrentThread());
            var task = run();
            CountingSageMaker.Marks.Add(GC.GetAllocatedBytesForCurrentThread());
            if (!task.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("A run did not complete at once: its parts would not be this thread's.");
            }

            totals ??= new double[CountingSageMaker.Marks.Count - 1];
            for (var k = 1; k < CountingSageMaker.Marks.Count; k++)
            {
                totals[k - 1] += CountingSageMaker.Marks[k] - CountingSageMaker.Marks[k - 1];
            }
        }

        return totals!.Select(t => t / runs).ToArray();
    }

    /// <summary>Passes each call on to the inner client, noting the thread's allocated bytes as it arrives.</summary>
    public class CountingSageMaker : DispatchProxy
    {
        public static readonly List<long> Marks = new(16);
        private IAmazonSageMaker _inner = null!;

        public static IAmazonSageMaker Create(IAmazonSageMaker inner)
        {
            var proxy = Create<IAmazonSageMaker, CountingSageMaker>();
            ((CountingSageMaker)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Marks.Add(GC.GetAllocatedBytesForCurrentThread());
            return targetMethod!.Invoke(_inner, args);
        }
    }
}
