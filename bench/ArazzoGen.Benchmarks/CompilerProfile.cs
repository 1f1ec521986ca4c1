using System.Globalization;
using System.Text.RegularExpressions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Where a fresh compiler's CPU goes while it runs the generator: Linux perf samples the SDK's csc
/// (call stacks, with the runtime's perf map naming JIT-compiled methods) on samples/TrainThenDeploy,
/// and each sample whose stack passes through the generator or YamlDotNet is the generator's. Those
/// are split by what runs at the top of the stack (the runtime, the JIT, Roslyn, the BCL, our code),
/// by pipeline stage and by our innermost method (named only where our code is JIT-compiled: the IL
/// variant). The wall clock cannot say this on a shared machine; proportions of samples can.
/// </summary>
internal static partial class CompilerProfile
{
    private const int Frequency = 999;

    public static void Run(int rounds)
    {
        PerfSamples.EnsureAvailable("build csc profile");

        using var compiler = CompilerFirstRun.Prepare();
        var samples = compiler.Variants.Keys.ToDictionary(k => k, _ => new List<PerfSamples.Sample>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var variant in compiler.Variants.Keys)
            {
                samples[variant].AddRange(Record(compiler, variant, round));
            }
        }

        Console.WriteLine($"samples/TrainThenDeploy, csc in a fresh process, perf at {Frequency} Hz, {rounds} rounds per variant; CPU is samples / {Frequency} Hz / rounds");
        Console.WriteLine();
        Console.WriteLine("| generator | csc CPU per compile (ms) | through the generator (ms) | share | of which: runtime | JIT | Roslyn | BCL | our code and YamlDotNet | other |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (variant, all) in samples)
        {
            var ours = all.Where(s => s.Frames.Any(IsOurs)).ToList();
            var byTop = ours.GroupBy(s => Category(s.Frames[0])).ToDictionary(g => g.Key, g => g.Count());
            string Part(string category) => Ms(byTop.GetValueOrDefault(category), rounds);
            Console.WriteLine($"| {variant} | {Ms(all.Count, rounds)} | {Ms(ours.Count, rounds)} | {100.0 * ours.Count / Math.Max(1, all.Count):0.0} % | {Part("runtime")} | {Part("JIT")} | {Part("Roslyn")} | {Part("BCL")} | {Part("ours")} | {Part("other")} |");
        }

        foreach (var variant in new[] { "ReadyToRun", CompilerFirstRun.ReferencesBoundFirst })
        {
            // The runtime's share (type loading, method preparation, GC) and the JIT's, by the code they
            // ran for: the innermost frame outside them. perf names no ReadyToRun method, so this says
            // whose assembly asked, not which method.
            var runtime = samples[variant].Where(s => s.Frames.Any(IsOurs) && Category(s.Frames[0]) is "runtime" or "JIT").ToList();
            Console.WriteLine();
            Console.WriteLine($"{variant}: the runtime's and the JIT's samples in the generator's stacks, by the assembly of the code they ran for:");
            foreach (var group in runtime.GroupBy(s => s.Frames.FirstOrDefault(f => Category(f) is not ("runtime" or "JIT")) is { } asker ? AssemblyOf(asker) : "(none)").OrderByDescending(g => g.Count()).Take(10))
            {
                Console.WriteLine($"  {Ms(group.Count(), rounds),8} ms  {group.Key}");
            }
        }

        if (samples.TryGetValue("IL", out var il))
        {
            var ours = il.Where(s => s.Frames.Any(IsOurs)).ToList();
            Console.WriteLine();
            Console.WriteLine("IL variant, the generator's samples by pipeline stage (the outermost of our namespaces on the stack):");
            foreach (var group in ours.GroupBy(Stage).OrderByDescending(g => g.Count()))
            {
                Console.WriteLine($"  {Ms(group.Count(), rounds),8} ms  {group.Key}");
            }

            Console.WriteLine("... by our innermost method (what it calls included):");
            foreach (var group in ours.GroupBy(s => PerfSamples.Short(s.Frames.First(IsOurs).Symbol)).OrderByDescending(g => g.Count()).Take(15))
            {
                Console.WriteLine($"  {Ms(group.Count(), rounds),8} ms  {group.Key}");
            }
        }
    }

    private static List<PerfSamples.Sample> Record(CompilerFirstRun.Compiler compiler, string variant, int round) =>
        PerfSamples.Record(compiler.Csc, $"@\"{compiler.ResponseFile(variant)}\"", compiler.Sample, Path.Combine(compiler.Work, $"perf-{round}.data"), Frequency).Samples;

    private static bool IsOurs(PerfSamples.Frame frame) =>
        frame.Module.Contains("ArazzoGen", StringComparison.Ordinal) || frame.Module.Contains("YamlDotNet", StringComparison.Ordinal)
        || frame.Symbol.Contains("[ArazzoGen.Generator]", StringComparison.Ordinal) || frame.Symbol.Contains("[YamlDotNet]", StringComparison.Ordinal);

    private static string Category(PerfSamples.Frame frame)
    {
        var module = Path.GetFileName(frame.Module);
        return IsOurs(frame) ? "ours"
            : module.StartsWith("libclrjit", StringComparison.Ordinal) ? "JIT"
            : module.StartsWith("libcoreclr", StringComparison.Ordinal) || module.StartsWith("libc.", StringComparison.Ordinal) || module.Contains("kernel", StringComparison.Ordinal) || module.StartsWith("ld-linux", StringComparison.Ordinal) ? "runtime"
            : module.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || frame.Symbol.Contains("[Microsoft.CodeAnalysis", StringComparison.Ordinal) ? "Roslyn"
            : module.StartsWith("System.", StringComparison.Ordinal) || frame.Symbol.Contains("[System.", StringComparison.Ordinal) ? "BCL"
            : "other";
    }

    /// <summary>A JIT-compiled method's assembly (from its name in the perf map), else the file its code is in.</summary>
    private static string AssemblyOf(PerfSamples.Frame frame) =>
        MethodAssembly().Match(frame.Symbol) is { Success: true } tag ? tag.Groups[1].Value : Path.GetFileName(frame.Module);

    private static string Stage(PerfSamples.Sample sample)
    {
        foreach (var frame in Enumerable.Reverse(sample.Frames))
        {
            if (StageName().Match(frame.Symbol) is { Success: true } stage)
            {
                return stage.Groups[1].Value;
            }
        }

        return "(the generator's wiring, or frames perf could not name)";
    }

    private static string Ms(int samples, int rounds) => (samples * 1000.0 / Frequency / rounds).ToString("0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[([\w.]+)\] [^ ]+::")]
    private static partial Regex MethodAssembly();

    [GeneratedRegex(@"ArazzoGen\.(Parse|Validate|Bind|Emit)\.")]
    private static partial Regex StageName();
}
