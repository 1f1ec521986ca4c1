using System.Diagnostics.Tracing;
using System.Globalization;
using Amazon.SageMaker;
using ArazzoGen.Benchmarks.Workflows;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Where the bytes of one train-then-deploy run go, by type, generated against hand-written: the
/// runtime's allocation events (one about every 100 KB, carrying the type of the object that crossed
/// the mark, so the samples are proportional to bytes) over many runs. The totals are exact; the split
/// by type is an estimate: repeated runs differ by up to about 30 B per type, more for concurrent runs.
/// </summary>
internal static class AllocationProfile
{
    public static async Task RunAsync(string[] args)
    {
        if (args.FirstOrDefault() == "segments")
        {
            var polling = args.Contains("polling");
            var counts = args.Skip(1).Where(a => a != "polling").ToList();
            await AllocationSegments.RunAsync(counts.Count > 0 ? int.Parse(counts[0], CultureInfo.InvariantCulture) : 100_000, polling);
            return;
        }

        if (args.FirstOrDefault() == "later")
        {
            await AnsweredLaterAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
            return;
        }

        if (args.FirstOrDefault() == "polling")
        {
            await PollingAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
            return;
        }

        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
        // Every call answers at once, so each run completes on this thread, and its count is exact.
        await CompareAsync(InstantSageMaker.Create(), runs, GC.GetAllocatedBytesForCurrentThread, $"{runs:N0} runs each");
    }

    /// <summary>
    /// The instant run's six calls answered asynchronously, as a real client answers: one run at a
    /// time; the totals are exact for the whole process (the runs' continuations run on the thread
    /// pool), the split by type an estimate as above.
    /// </summary>
    private static Task AnsweredLaterAsync(int runs) =>
        CompareAsync(InstantSageMaker.CreateAnsweringLater(), runs, () => GC.GetTotalAllocatedBytes(precise: true), $"{runs:N0} runs each, one at a time, every call answered after a yield");

    private static async Task CompareAsync(IAmazonSageMaker sageMaker, int runs, Func<long> allocatedBytes, string heading)
    {
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker));
        var inputs = RuntimeOverheadBenchmarks.SampleInputs();
        var hand = await ProfileAsync(runs, () => HandWrittenTrainThenDeploy.RunAsync(sageMaker, inputs), allocatedBytes);
        var generated = await ProfileAsync(runs, () => workflow.RunAsync(inputs), allocatedBytes);
        Console.WriteLine($"{heading}; bytes per run (types under 8 B per run in both are summed as 'other')");
        Print(hand, generated);
    }

    /// <summary>The same for the scale benchmark's concurrent polling runs (11 calls, 5 waits), each variant in a process of its own.</summary>
    private static async Task PollingAsync(int runs)
    {
        if (Environment.GetEnvironmentVariable("ARAZZO_ALLOCATIONS_VARIANT") is { } variant)
        {
            using var listener = new AllocationListener();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await ScaleBenchmark.RunOneAsync(variant, runs);
            var total = GC.GetTotalAllocatedBytes(precise: true) - before;
            listener.Stop();
            Console.WriteLine(FormattableString.Invariant($"total {total / (double)runs:0}"));
            foreach (var (type, bytes) in listener.ByType)
            {
                Console.WriteLine(FormattableString.Invariant($"type {bytes / listener.ByType.Values.Sum() * total / runs:0.0} {type}"));
            }

            return;
        }

        var profiles = new[] { "hand-written", "generated" }.Select(v => Child(v, runs)).ToArray();
        Console.WriteLine($"{runs:N0} concurrent polling runs each, in a process of its own; bytes per run, the warm-up's four runs included (types under 8 B per run in both are summed as 'other')");
        Print(profiles[0], profiles[1]);
    }

    private static Profile Child(string variant, int runs)
    {
        var output = ThisProgram.Run(
            ["allocations", "polling", runs.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["ARAZZO_ALLOCATIONS_VARIANT"] = variant });
        var lines = output.Split('\n');
        var total = double.Parse(lines.Single(l => l.StartsWith("total ", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
        var byType = lines.Where(l => l.StartsWith("type ", StringComparison.Ordinal))
            .Select(l => l[5..].Split(' ', 2))
            .ToDictionary(p => p[1].TrimEnd('\r'), p => double.Parse(p[0], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new Profile(total, byType);
    }

    private static void Print(Profile hand, Profile generated)
    {
        Console.WriteLine("| type | hand-written | generated | difference |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        var rows = hand.ByType.Keys.Union(generated.ByType.Keys)
            .Select(type => (Type: type, Hand: hand.ByType.GetValueOrDefault(type), Generated: generated.ByType.GetValueOrDefault(type)))
            .OrderByDescending(r => r.Generated - r.Hand)
            .ToList();
        foreach (var (type, h, g) in rows.Where(r => Math.Max(r.Hand, r.Generated) >= 8))
        {
            Console.WriteLine($"| {type} | {h:0} | {g:0} | {g - h:+0;-0;0} |");
        }

        var other = rows.Where(r => Math.Max(r.Hand, r.Generated) < 8).ToList();
        Console.WriteLine($"| other | {other.Sum(r => r.Hand):0} | {other.Sum(r => r.Generated):0} | |");
        Console.WriteLine($"| **total (exact)** | {hand.Total:0} | {generated.Total:0} | {generated.Total / hand.Total:0.00}x |");
    }

    private sealed record Profile(double Total, Dictionary<string, double> ByType);

    private static async Task<Profile> ProfileAsync<T>(int runs, Func<Task<T>> run, Func<long> allocatedBytes)
    {
        for (var i = 0; i < 1_000; i++)
        {
            await run();
        }

        using var listener = new AllocationListener();
        var before = allocatedBytes();
        for (var i = 0; i < runs; i++)
        {
            await run();
        }

        var total = (allocatedBytes() - before) / (double)runs;
        listener.Stop();
        var sampled = listener.ByType.Values.Sum();
        return new Profile(total, listener.ByType.ToDictionary(p => p.Key, p => p.Value / sampled * total));
    }

    private sealed class AllocationListener : EventListener
    {
        private const int AllocationTick = 10;
        private volatile bool _stopped;

        public Dictionary<string, double> ByType { get; } = new(StringComparer.Ordinal);

        public void Stop() => _stopped = true;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (_stopped || e.EventId != AllocationTick || e.Payload is null)
            {
                return;
            }

            var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToDouble(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (ByType)
            {
                ByType[type] = ByType.GetValueOrDefault(type) + amount;
            }
        }
    }
}
