using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The SDK's own compiler, started fresh for each compile as a build without the compiler server
/// starts it, on samples/TrainThenDeploy: the generator as IL (analyzers/dotnet/cs) and the same
/// assembly compiled ahead of time (the package's readytorun/ copy, from ArazzoGen.ReadyToRun),
/// that copy after another generator has bound the compilation's references (which the compiler bills
/// to whichever generator asks first), against no generator and its output compiled as plain source;
/// alternating. Times are the
/// compiler's own (/reportanalyzer), the process's wall clock and its CPU time (GNU time: Linux only).
/// </summary>
internal static partial class CompilerFirstRun
{
    /// <param name="rounds">Compiles per variant, alternating.</param>
    /// <param name="oneCore">Each compile on one core (taskset): its CPU time is then its running time, with no thread-pool spinning of a parallel compile to vary.</param>
    /// <param name="corpus">With the 200 synthetic workflows of the build benchmark beside the sample's two.</param>
    public static void Run(int rounds, bool oneCore, bool corpus)
    {
        using var compiler = Prepare(corpus);
        var (csc, sample, work, variants) = (compiler.Csc, compiler.Sample, compiler.Work, compiler.Variants);
        var results = variants.Keys.ToDictionary(k => k, _ => new List<(double Generator, double BindingFirst, double AllGenerators, double Wall, double Cpu)>());
        var times = Path.Combine(work, "time.txt");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, args) in variants)
            {
                var rsp = compiler.ResponseFile(name);
                var clock = Stopwatch.StartNew();
                // GNU time reports the compiler's CPU time (user + system), which other tenants of a shared machine disturb less than its wall clock.
                var timed = $"-f \"%U %S\" -o \"{times}\" {csc} @\"{rsp}\"";
                var output = oneCore ? Exec("/usr/bin/taskset", "-c 0 /usr/bin/time " + timed, sample) : Exec("/usr/bin/time", timed, sample);
                var wall = clock.Elapsed.TotalMilliseconds;
                var cpu = File.ReadAllText(times).Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(t => double.Parse(t, CultureInfo.InvariantCulture)) * 1000;
                results[name].Add((Seconds(output, @"^\s*([\d.]+)\s+\d+\s+ArazzoGen\.Generator,") * 1000, Seconds(output, @"^\s*([\d.]+)\s+\d+\s+ReferenceBindingGenerator,") * 1000, Seconds(output, @"Total generator execution time:\s*([\d.]+)") * 1000, wall, cpu));
            }
        }

        Console.WriteLine($"samples/TrainThenDeploy{(corpus ? " and 200 synthetic workflows" : string.Empty)}, csc in a fresh process ({csc}){(oneCore ? " on one core" : string.Empty)}, {rounds} alternating rounds; medians (ranges), ms");
        Console.WriteLine("| generator | ArazzoGen (/reportanalyzer) | the generator binding the references before it | all generators | csc process, wall | ArazzoGen share of it (reported) | wall over its output as source, per round | csc CPU | CPU over its output as source, per round | ... the median's 95 % interval |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // Each round's own difference, so the machine's drift between rounds cancels out.
        var baseline = results.First().Value;
        foreach (var (name, runs) in results)
        {
            var over = runs.Select((r, round) => 100 * (r.Wall - baseline[round].Wall) / baseline[round].Wall);
            var overCpu = runs.Select((r, round) => 100 * (r.Cpu - baseline[round].Cpu) / baseline[round].Cpu);
            Console.WriteLine($"| {name} | {Cell(runs.Select(r => r.Generator))} | {Cell(runs.Select(r => r.BindingFirst))} | {Cell(runs.Select(r => r.AllGenerators))} | {Cell(runs.Select(r => r.Wall))} | {Cell(runs.Select(r => 100 * r.Generator / r.Wall), "0.0", " %")} | {Cell(over, "+0.0;-0.0", " %")} | {Cell(runs.Select(r => r.Cpu))} | {Cell(overCpu, "+0.0;-0.0", " %")} | {MedianInterval(overCpu)} |");
        }
    }

    /// <summary>Writes each variant's response file to a folder that is kept, and prints how to run them.</summary>
    public static void Keep(bool corpus)
    {
        var compiler = Prepare(corpus);
        Console.WriteLine($"cd \"{compiler.Sample}\"");
        foreach (var variant in compiler.Variants.Keys)
        {
            Console.WriteLine($"{compiler.Csc} @\"{compiler.ResponseFile(variant)}\"    # {variant}");
        }
    }

    /// <summary>
    /// The compiler and its command lines: the sample's build's own (the IL generator), the same with
    /// the generator compiled ahead of time, its output compiled as plain source without it, and that
    /// output as source with the ahead-of-time generator idle (no workflow file). With
    /// <paramref name="corpus"/>, the compile also reads the build benchmark's 200 synthetic workflows
    /// (SageMaker and DynamoDB), so the generator's fixed first-run cost is weighed against a large project.
    /// </summary>
    public static Compiler Prepare(bool corpus = false)
    {
        var root = ArazzoGen.Testing.RepoRoot.Path;
        var generator = Path.Combine(root, "src", "ArazzoGen", "bin", "Release", "netstandard2.0", "ArazzoGen.Generator.dll");
        var sample = Path.Combine(root, "samples", "TrainThenDeploy");
        var work = Directory.CreateTempSubdirectory("arazzogen-csc-").FullName;
        // The build's own csc command line, with the IL generator the project reference hands it.
        DotNetOrThrow($"build \"{sample}\" -c Release -v:q", root);
        var build = DotNetOrThrow($"build \"{sample}\" -c Release --no-incremental --no-dependencies -p:UseSharedCompilation=false -v:d", root);
        var commandLine = build.Split('\n').Select(l => l.Trim()).Last(l => l.Contains("/Roslyn/bincore/csc ", StringComparison.Ordinal));
        var csc = commandLine[..commandLine.IndexOf(' ', StringComparison.Ordinal)];
        var arguments = commandLine[(csc.Length + 1)..] + " /reportanalyzer";
        if (corpus)
        {
            arguments += SyntheticCorpus(work);
        }

        var yaml = AnalyzerPath().Matches(arguments).Select(m => m.Groups[1].Value).Single(p => p.EndsWith("YamlDotNet.dll", StringComparison.Ordinal));
        if (!arguments.Contains(generator, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the compiler was not given {generator}:\n{arguments}");
        }

        var rid = RuntimeInformation.RuntimeIdentifier;
        var readyToRun = Path.Combine(work, rid);
        DotNetOrThrow($"publish \"{Path.Combine(root, "src", "ArazzoGen.ReadyToRun")}\" -c Release -r {rid} -o \"{readyToRun}\" -p:ArazzoReadyToRunFramework=net{Environment.Version.Major}.0 -p:ArazzoGeneratorAssembly=\"{generator}\" -v:q", root);
        // What the generator adds, against compiling what it generates as plain source without it.
        var generated = Directory.CreateDirectory(Path.Combine(work, "generated")).FullName;
        File.WriteAllText(Path.Combine(work, "emit.rsp"), arguments + $" /generatedfilesout:\"{generated}\"");
        Exec(csc, $"@\"{Path.Combine(work, "emit.rsp")}\"", sample);
        var generatedFiles = string.Concat(Directory.GetFiles(Path.Combine(generated, "ArazzoGen.Generator"), "*.cs", SearchOption.AllDirectories).Select(f => $" \"{f}\""));
        var outputAsSource = arguments.Replace("/analyzer:" + generator, string.Empty, StringComparison.Ordinal).Replace("/analyzer:" + yaml, string.Empty, StringComparison.Ordinal) + generatedFiles;
        var compiledAhead = arguments.Replace(generator, Path.Combine(readyToRun, "ArazzoGen.Generator.dll"), StringComparison.Ordinal).Replace(yaml, Path.Combine(readyToRun, "YamlDotNet.dll"), StringComparison.Ordinal);
        var variants = new Dictionary<string, string>
        {
            [OutputAsSource] = outputAsSource,
            ["IL"] = arguments,
            ["ReadyToRun"] = compiledAhead,
            // The same, after another generator has bound the compilation's references: what ArazzoGen adds to the compile's own first work.
            [ReferencesBoundFirst] = compiledAhead.Replace("/analyzer:" + Path.Combine(readyToRun, "ArazzoGen.Generator.dll"), $"/analyzer:\"{ReferenceBindingGenerator.Build(work, generator)}\" /analyzer:" + Path.Combine(readyToRun, "ArazzoGen.Generator.dll"), StringComparison.Ordinal),
            // A project the package reaches with no workflow of its own: the same compile, the generator idle.
            [NoWorkflow] = AdditionalFile().Replace(compiledAhead, string.Empty) + generatedFiles,
        };
        return new Compiler(csc, sample, work, variants);
    }

    /// <summary>The synthetic workflows written to <paramref name="work"/>, as compiler arguments, with the DynamoDB client they bind to.</summary>
    private static string SyntheticCorpus(string work)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "synthetic")).FullName;
        var files = new System.Text.StringBuilder($" /reference:\"{typeof(Amazon.DynamoDBv2.IAmazonDynamoDB).Assembly.Location}\"");
        foreach (var (path, text) in SyntheticWorkflows.Create(200))
        {
            var file = Path.Combine(folder, Path.GetFileName(path));
            File.WriteAllText(file, text);
            files.Append($" /additionalfile:\"{file}\"");
        }

        return files.ToString();
    }

    /// <summary>The baseline variant: the generator's output compiled as plain source, with no generator.</summary>
    public const string OutputAsSource = "its output as source, no generator";

    /// <summary>The ReadyToRun generator, with a generator before it that binds the compilation's references (<see cref="ReferenceBindingGenerator"/>).</summary>
    public const string ReferencesBoundFirst = "ReadyToRun, references bound first by another generator";

    /// <summary>The ReadyToRun generator with no workflow file to read, and its output compiled as plain source.</summary>
    public const string NoWorkflow = "ReadyToRun, no workflow (its output as source)";

    /// <summary>The SDK's csc, the folder it compiles in, a scratch folder (deleted on dispose), and each variant's arguments.</summary>
    internal sealed record Compiler(string Csc, string Sample, string Work, IReadOnlyDictionary<string, string> Variants) : IDisposable
    {
        /// <summary>A response file with the variant's arguments.</summary>
        public string ResponseFile(string variant)
        {
            var rsp = System.IO.Path.Combine(Work, variant + ".rsp");
            File.WriteAllText(rsp, Variants[variant]);
            return rsp;
        }

        public void Dispose() => Directory.Delete(Work, recursive: true);
    }

    [GeneratedRegex(@"/analyzer:(\S+)")]
    private static partial Regex AnalyzerPath();

    [GeneratedRegex(@"/additionalfile:(""[^""]*""|\S+)")]
    private static partial Regex AdditionalFile();

    /// <summary>The seconds the compiler reported, or NaN when it did not report that line (no such generator).</summary>
    private static double Seconds(string output, string pattern) =>
        Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

    private static string Cell(IEnumerable<double> values, string format = "0", string unit = "")
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return "-";
        }

        var median = sorted[sorted.Length / 2];
        return $"{median.ToString(format, CultureInfo.InvariantCulture)}{unit} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)} - {sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    /// <summary>
    /// A distribution-free 95 % confidence interval for the median (order statistics, the sign test's
    /// normal approximation): what the machine's noise leaves of a per-round difference.
    /// </summary>
    private static string MedianInterval(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        var n = sorted.Length;
        if (n < 6)
        {
            return "-";
        }

        var half = 1.96 * Math.Sqrt(n) / 2;
        var low = Math.Max(0, (int)Math.Floor(n / 2.0 - half));
        var high = Math.Min(n - 1, (int)Math.Ceiling(n / 2.0 + half) - 1);
        return $"{sorted[low].ToString("+0.0;-0.0", CultureInfo.InvariantCulture)} to {sorted[high].ToString("+0.0;-0.0", CultureInfo.InvariantCulture)} %";
    }

    private static string DotNetOrThrow(string arguments, string folder)
    {
        var (exitCode, output) = ArazzoGen.Testing.DotNet.Run(arguments, folder, TimeSpan.FromMinutes(10));
        return exitCode == 0 ? output : throw new InvalidOperationException($"dotnet {arguments} exited with {exitCode}:\n{output}");
    }

    /// <summary>Runs the compiler (under GNU time), which is not the dotnet CLI.</summary>
    private static string Exec(string file, string arguments, string folder) =>
        ChildProcess.Output(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder });
}
