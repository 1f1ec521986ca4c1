using System.Globalization;
using System.Text.RegularExpressions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Where one train-then-deploy run's CPU goes, for the runtime benchmark's variants: each runs in a
/// loop (<see cref="ProfileLoop"/>) under Linux perf, and the samples taken in the loop are split by
/// what runs at the top of the stack, in nanoseconds per run. Against the hand-written variant it
/// prices each part of the generated run (its own methods, the runtime's, allocation) separately,
/// which BenchmarkDotNet's one total per method cannot.
/// </summary>
internal static partial class RuntimeProfile
{
    private const int Frequency = 4999;

    private static readonly string[] Variants = ["hand-written", "step-shape", "generated"];

    public static void Run(int seconds)
    {
        PerfSamples.EnsureAvailable("runtime profile");
        var costs = new Dictionary<string, Dictionary<string, double>>();
        var perRun = new Dictionary<string, double>();
        foreach (var variant in Variants)
        {
            var data = Path.Combine(Path.GetTempPath(), $"arazzogen-runtime-{Environment.ProcessId}.data");
            var self = typeof(RuntimeProfile).Assembly.Location;
            var (samples, output) = PerfSamples.Record(Environment.ProcessPath!, $"\"{self}\" loop {variant} {seconds}", Environment.CurrentDirectory, data, Frequency);
            var runs = long.Parse(RunCount().Match(output).Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            // Only the loop's samples: not the host's start, the JIT's background thread or the GC's own threads.
            var inLoop = samples.Where(s => s.Frames.Any(f => f.Symbol.Contains("ProfileLoop", StringComparison.Ordinal))).ToList();
            double Ns(int count) => count * 1e9 / Frequency / runs;
            costs[variant] = inLoop.GroupBy(s => Category(s.Frames[0])).ToDictionary(g => g.Key, g => Ns(g.Count()));
            perRun[variant] = Ns(inLoop.Count);
        }

        Console.WriteLine($"One train-then-deploy run on the instant fake client, {seconds} s of runs per variant under perf at {Frequency} Hz; CPU ns per run, by the code at the top of the stack");
        Console.WriteLine();
        Console.WriteLine($"| part | {string.Join(" | ", Variants)} | generated over hand-written |");
        Console.WriteLine($"| --- | {string.Join(" | ", Variants.Select(_ => "---:"))} | ---: |");
        var parts = costs.Values.SelectMany(c => c.Keys).Distinct().OrderByDescending(p => costs["generated"].GetValueOrDefault(p) - costs["hand-written"].GetValueOrDefault(p));
        foreach (var part in parts)
        {
            Console.WriteLine($"| {part} | {string.Join(" | ", Variants.Select(v => Cell(costs[v].GetValueOrDefault(part))))} | {Signed(costs["generated"].GetValueOrDefault(part) - costs["hand-written"].GetValueOrDefault(part))} |");
        }

        Console.WriteLine($"| **all** | {string.Join(" | ", Variants.Select(v => Cell(perRun[v])))} | {Signed(perRun["generated"] - perRun["hand-written"])} ({perRun["generated"] / perRun["hand-written"]:0.00}x) |");
    }

    private static string Category(PerfSamples.Frame frame)
    {
        // The method's name, with its assembly tag, without its signature (whose parameter types name other classes).
        var symbol = frame.Symbol.Split('(')[0];
        var module = Path.GetFileName(frame.Module);
        return symbol.Contains("TrainThenDeployWorkflow", StringComparison.Ordinal) ? "generated code (the run loop, the step methods)"
            : symbol.Contains("[ArazzoGen.Runtime]", StringComparison.Ordinal) || module == "ArazzoGen.Runtime.dll" ? "ArazzoGen.Runtime (WorkflowRun, CallResult, Poll, Criteria)"
            : symbol.Contains("HandWritten", StringComparison.Ordinal) ? "hand-written code"
            : symbol.Contains("[AnsweringClients]", StringComparison.Ordinal) || symbol.Contains("Answering", StringComparison.Ordinal) ? "the fake client"
            : symbol.Contains("[AWSSDK", StringComparison.Ordinal) || symbol.Contains("[ArazzoGen.StandIns", StringComparison.Ordinal) ? "the SDK's types (requests, ConstantClass)"
            : module.StartsWith("libcoreclr", StringComparison.Ordinal) || module.StartsWith("libc.", StringComparison.Ordinal) || module.StartsWith("ld-linux", StringComparison.Ordinal) || symbol.Contains("WriteBarrier", StringComparison.Ordinal) || symbol == "[unknown]" ? "the runtime: allocation, GC, write barriers"
            : symbol.Contains("stub", StringComparison.OrdinalIgnoreCase) ? "the runtime: dispatch stubs"
            : "the BCL (dictionaries, strings, async builders)";
    }

    private static string Cell(double ns) => ns.ToString("0", CultureInfo.InvariantCulture);

    private static string Signed(double ns) => ns.ToString("+0;-0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@": ([\d,]+) runs")]
    private static partial Regex RunCount();
}
