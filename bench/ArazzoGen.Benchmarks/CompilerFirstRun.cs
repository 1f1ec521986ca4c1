using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The SDK's own compiler, started fresh for each compile as a build without the compiler server
/// starts it, on samples/TrainThenDeploy: the generator as IL (analyzers/dotnet/cs) against the same
/// assembly compiled ahead of time (the package's readytorun/ copy, from ArazzoGen.ReadyToRun),
/// alternating. Times are the compiler's own (/reportanalyzer) and the process's wall clock.
/// </summary>
internal static partial class CompilerFirstRun
{
    public static void Run(int pairs)
    {
        var root = FindRoot();
        var generator = Path.Combine(root, "src", "ArazzoGen", "bin", "Release", "netstandard2.0", "ArazzoGen.Generator.dll");
        var sample = Path.Combine(root, "samples", "TrainThenDeploy");
        var work = Directory.CreateTempSubdirectory("arazzogen-csc-").FullName;
        try
        {
            // The build's own csc command line, with the IL generator the project reference hands it.
            Exec("dotnet", $"build \"{sample}\" -c Release -nologo -v:q", root);
            var build = Exec("dotnet", $"build \"{sample}\" -c Release --no-incremental --no-dependencies -p:UseSharedCompilation=false -v:d -nologo", root);
            var commandLine = build.Split('\n').Select(l => l.Trim()).Last(l => l.Contains("/Roslyn/bincore/csc ", StringComparison.Ordinal));
            var csc = commandLine[..commandLine.IndexOf(' ', StringComparison.Ordinal)];
            var arguments = commandLine[(csc.Length + 1)..] + " /reportanalyzer";
            var yaml = AnalyzerPath().Matches(arguments).Select(m => m.Groups[1].Value).Single(p => p.EndsWith("YamlDotNet.dll", StringComparison.Ordinal));
            if (!arguments.Contains(generator, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the compiler was not given {generator}:\n{arguments}");
            }

            var rid = RuntimeInformation.RuntimeIdentifier;
            var readyToRun = Path.Combine(work, rid);
            Exec("dotnet", $"publish \"{Path.Combine(root, "src", "ArazzoGen.ReadyToRun")}\" -c Release -r {rid} -o \"{readyToRun}\" -p:ArazzoReadyToRunFramework=net{Environment.Version.Major}.0 -p:ArazzoGeneratorAssembly=\"{generator}\" -nologo -v:q", root);
            var variants = new Dictionary<string, string>
            {
                ["IL"] = arguments,
                ["ReadyToRun"] = arguments.Replace(generator, Path.Combine(readyToRun, "ArazzoGen.Generator.dll"), StringComparison.Ordinal).Replace(yaml, Path.Combine(readyToRun, "YamlDotNet.dll"), StringComparison.Ordinal),
            };
            var results = variants.Keys.ToDictionary(k => k, _ => new List<(double Generator, double AllGenerators, double Wall)>());
            for (var pair = 0; pair < pairs; pair++)
            {
                foreach (var (name, args) in variants)
                {
                    var rsp = Path.Combine(work, name + ".rsp");
                    File.WriteAllText(rsp, args);
                    var clock = Stopwatch.StartNew();
                    var output = Exec(csc, $"@\"{rsp}\"", sample);
                    var wall = clock.Elapsed.TotalMilliseconds;
                    results[name].Add((Seconds(output, @"^\s*([\d.]+)\s+\d+\s+ArazzoGen\.Generator,") * 1000, Seconds(output, @"Total generator execution time:\s*([\d.]+)") * 1000, wall));
                }
            }

            Console.WriteLine($"samples/TrainThenDeploy, csc in a fresh process ({csc}), {pairs} alternating pairs; medians (ranges), ms");
            Console.WriteLine("| generator | ArazzoGen (/reportanalyzer) | all generators | csc process | ArazzoGen share of csc |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var (name, runs) in results)
            {
                Console.WriteLine($"| {name} | {Cell(runs.Select(r => r.Generator))} | {Cell(runs.Select(r => r.AllGenerators))} | {Cell(runs.Select(r => r.Wall))} | {Cell(runs.Select(r => 100 * r.Generator / r.Wall), "0.0")} % |");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@"/analyzer:(\S+)")]
    private static partial Regex AnalyzerPath();

    private static double Seconds(string output, string pattern) =>
        double.Parse(Regex.Match(output, pattern, RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Cell(IEnumerable<double> values, string format = "0")
    {
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        return $"{median.ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)} - {sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    private static string Exec(string file, string arguments, string folder)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}:\n{output}{error.Result}");
        }

        return output;
    }

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ArazzoGen.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("run from within the repository");
    }
}
