using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// What the JIT compiles in a fresh csc because of the generator: each variant of
/// <see cref="CompilerFirstRun"/> compiles once with the runtime's JIT summary on
/// (<c>DOTNET_JitStdOutFile</c>, <c>DOTNET_JitDisasmSummary</c>), and the methods beyond the compile
/// of the generator's output as plain source are counted, by what they are. A count, so unlike the
/// times it does not move with the machine's load; the full lists stay in a folder for reading.
/// </summary>
internal static partial class CompilerJitList
{
    public static void Run(bool corpus)
    {
        using var compiler = CompilerFirstRun.Prepare(corpus);
        var lists = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "arazzogen-jit")).FullName;
        var methods = new Dictionary<string, List<string>>();
        foreach (var variant in compiler.Variants.Keys)
        {
            var summary = Path.Combine(compiler.Work, Slug(variant) + ".jit.txt"); // the runtime appends to it
            var start = new ProcessStartInfo(compiler.Csc, $"@\"{compiler.ResponseFile(variant)}\"") { WorkingDirectory = compiler.Sample };
            start.Environment["DOTNET_JitStdOutFile"] = summary;
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
            ChildProcess.Output(start);
            // One line per compiled method: "   JIT compiled Namespace.Type:Method(args) [Tier0, IL size=12, code size=34]".
            // Only first compiles of methods that had no code to run: a Tier1 (or OSR) compile re-optimizes code
            // that got hot, which depends on timing, so with those counted the same compile varied by 5 - 20 methods.
            methods[variant] = File.ReadLines(summary).Select(l => JitLine().Match(l))
                .Where(m => m.Success && !m.Groups[2].Value.Contains("Tier1", StringComparison.Ordinal) && !m.Groups[2].Value.Contains("OSR", StringComparison.Ordinal))
                .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        }

        var baseline = methods[CompilerFirstRun.OutputAsSource].ToHashSet(StringComparer.Ordinal);
        Console.WriteLine($"samples/TrainThenDeploy{(corpus ? " and 200 synthetic workflows" : string.Empty)}, csc in a fresh process: methods the JIT compiled for their first run (no Tier1 recompiles) beyond the compile of the generator's output as plain source, by what they are");
        Console.WriteLine();
        var rows = new Dictionary<string, Dictionary<string, int>>();
        foreach (var (variant, compiled) in methods.Where(m => m.Key != CompilerFirstRun.OutputAsSource))
        {
            // In the order the JIT compiled them: in the IL variant, a generic method of the BCL follows the method of ours that first called it.
            var added = compiled.Where(m => !baseline.Contains(m)).ToList();
            File.WriteAllLines(Path.Combine(lists, Slug(variant) + ".txt"), added);
            rows[variant] = added.GroupBy(Kind).ToDictionary(g => g.Key, g => g.Count());
            rows[variant]["**all**"] = added.Count;
        }

        var variants = rows.Keys.ToList();
        Console.WriteLine($"| what | {string.Join(" | ", variants)} |");
        Console.WriteLine($"| --- | {string.Join(" | ", variants.Select(_ => "---:"))} |");
        foreach (var kind in rows.Values.SelectMany(r => r.Keys).Distinct().OrderBy(k => k == "**all**").ThenByDescending(k => rows.Values.Max(r => r.GetValueOrDefault(k))))
        {
            Console.WriteLine($"| {kind} | {string.Join(" | ", variants.Select(v => rows[v].GetValueOrDefault(kind).ToString(CultureInfo.InvariantCulture)))} |");
        }

        Console.WriteLine();
        Console.WriteLine($"The methods, one file per variant: {lists}");
    }

    /// <summary>Ours, YamlDotNet's, or generic code of Roslyn or the BCL instantiated for a type (ours or not).</summary>
    private static string Kind(string method)
    {
        var owner = method[..method.IndexOf(':', StringComparison.Ordinal)];
        var generic = owner.IndexOf('[', StringComparison.Ordinal);
        var type = generic < 0 ? owner : owner[..generic];
        return type.StartsWith("ArazzoGen.", StringComparison.Ordinal) ? "ours (ArazzoGen.Generator)"
            : type.StartsWith("YamlDotNet.", StringComparison.Ordinal) ? "YamlDotNet"
            : type.StartsWith("Microsoft.CodeAnalysis.", StringComparison.Ordinal) ? (method.Contains("ArazzoGen.", StringComparison.Ordinal) ? "Roslyn's generic code, over our types" : "Roslyn's, other")
            : type.StartsWith("System.Linq.", StringComparison.Ordinal) ? (method.Contains("ArazzoGen.", StringComparison.Ordinal) ? "LINQ over our types" : "LINQ, other")
            : method.Contains("ArazzoGen.", StringComparison.Ordinal) ? "other BCL generic code, over our types"
            : "the BCL, other";
    }

    private static string Slug(string variant) => new(variant.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    [GeneratedRegex(@"JIT compiled (.+?) \[([^,\]]+)")]
    private static partial Regex JitLine();
}
