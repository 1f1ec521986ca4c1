using System.Diagnostics;
using Amazon.SageMaker;
using ArazzoGen.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The generator's cost against the C# compiler's for the same code: full runs on the seeds and on
/// 200 synthetic workflows, and incremental runs after editing an unrelated C# file (no YAML work,
/// and no Bind: its input is the SDK's fingerprint, unchanged) or one of the 200 workflows. Each figure is the median of
/// several timed runs after warm-up runs, in this process.
/// </summary>
internal static class BuildCost
{
    // Enough warm-up runs for tiered JIT to reach optimized code, as in a long-lived compiler server.
    private const int Warmups = 8;
    private const int Runs = 9;

    public static void Run(string[] args)
    {
        var root = ArazzoGen.Testing.RepoRoot.Path;
        var seeds = new[]
        {
            "amazon-neptune-ml-dataprocessing-to-training-workflow.yml",
            "amazon-sagemaker-register-latest-completed-training-workflow.yml",
            "amazon-sagemaker-train-and-poll-job-workflow.yml",
            "amazon-sagemaker-train-then-deploy-workflow.yml",
        }.Select(f => ("/repo/workflows/" + f, File.ReadAllText(Path.Combine(root, "workflows", f))))
            .Append(("/repo/openapi/amazon-neptune-ml-openapi.yml", File.ReadAllText(Path.Combine(root, "openapi", "amazon-neptune-ml-openapi.yml")))) // the Neptune seed's operationIds bind through it
            .ToList();
        var synthetic = SyntheticWorkflows.Create(200);
        var neptune = File.ReadAllText(Path.Combine(root, "tests", "ArazzoGen.Workflows.Tests", "NeptuneBindings.cs"));

        // A silent pass first: Roslyn's own symbol and binding code (which Bind also uses) is then as
        // warm as in a compiler server or IDE. The argument "cold" skips it, to show a fresh process.
        if (!args.Contains("cold"))
        {
            Compare("warm-up", synthetic, neptune, print: false);
        }

        if (args.Contains("incremental"))
        {
            Incremental(synthetic);
            return;
        }

        Console.WriteLine($"| corpus | generator (ms) | compiling its output (ms) | ratio |");
        Console.WriteLine($"| --- | ---: | ---: | ---: |");
        Compare("4 seed workflows", seeds, neptune);
        Compare("200 synthetic workflows (6-10 steps)", synthetic, neptune);
        Console.WriteLine();
        Incremental(synthetic);
    }

    /// <summary>
    /// The first generator run of a fresh process, as a build without the compiler server pays it:
    /// train-then-deploy alone, each tracked pipeline step's time, then the same run again (warm).
    /// </summary>
    public static void First()
    {
        var root = ArazzoGen.Testing.RepoRoot.Path;
        var file = Path.Combine(root, "workflows", "amazon-sagemaker-train-then-deploy-workflow.yml");
        var texts = new[] { (AdditionalText)new Text(file, File.ReadAllText(file)) };
        var compilation = Compilation("class Consumer { }");
        var clock = Stopwatch.StartNew();
        compilation.GetDiagnostics(); // the compiler's own first binding, which a build does before generators run
        var compilerFirst = clock.Elapsed.TotalMilliseconds;
        var jit = Environment.GetEnvironmentVariable("ARAZZO_JIT") == "1" ? new JitListener() : null;
        foreach (var pass in new[] { "first run", "second run" })
        {
            clock.Restart();
            var run = Driver(texts, track: true).RunGenerators(compilation).GetRunResult().Results[0];
            var total = clock.Elapsed.TotalMilliseconds;
            jit?.Print(pass);
            var steps = run.TrackedSteps
                .Select(s => (s.Key, Ms: s.Value.Sum(r => r.ElapsedTime.TotalMilliseconds)))
                .Where(s => s.Ms >= 0.1)
                .OrderByDescending(s => s.Ms)
                .Select(s => $"{s.Key} {s.Ms:0.0}");
            Console.WriteLine($"| {pass} | {total:0.0} | {string.Join(", ", steps)} |");
        }

        Console.WriteLine($"(the compiler's own first GetDiagnostics on the empty consumer: {compilerFirst:0.0} ms)");
    }

    private static void Compare(string name, IReadOnlyList<(string Path, string Text)> files, string extraSource, bool print = true)
    {
        var compilation = Compilation(extraSource);
        var generator = Median(() => Driver(files).RunGenerators(compilation));
        var sources = Driver(files).RunGenerators(compilation).GetRunResult().Results[0].GeneratedSources
            .Select(s => CSharpSyntaxTree.ParseText(s.SourceText.ToString(), ParseOptions, s.HintName)).ToList();
        var plain = compilation.AddSyntaxTrees(sources);
        var errors = plain.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", errors.Take(5)));
        }

        // The compiler's own work on that code: parse, bind and emit it as plain, checked-in source.
        var compile = Median(() =>
        {
            var reparsed = sources.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath));
            using var peStream = new MemoryStream();
            var result = compilation.AddSyntaxTrees(reparsed).Emit(peStream);
            if (!result.Success)
            {
                throw new InvalidOperationException("the generated code did not compile");
            }
        });
        if (!print)
        {
            return;
        }

        Console.WriteLine($"| {name}: {sources.Count} classes, {sources.Sum(s => s.GetText().Lines.Count):N0} lines | {generator:0.0} | {compile:0.0} | {generator / compile:P1} |");
    }

    private static void Incremental(IReadOnlyList<(string Path, string Text)> files)
    {
        var compilation = Compilation("class Unrelated { int A => 1; }");
        var unrelatedTree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(unrelatedTree, CSharpSyntaxTree.ParseText("class Unrelated { int A => 2; }", ParseOptions));
        var texts = files.Select(f => (AdditionalText)new Text(f.Path, f.Text)).ToList();

        var bindMs = new List<double>();
        var unrelated = Median(
            () => Driver(texts, track: true).RunGenerators(compilation),
            warm =>
            {
                var run = warm.RunGenerators(edited).GetRunResult().Results[0];
                Require(run.TrackedSteps["Parse"].SelectMany(s => s.Outputs).All(o => o.Reason == IncrementalStepRunReason.Cached), "an unrelated C# edit re-parsed YAML");
                Require(run.TrackedSteps["Bind"].SelectMany(s => s.Outputs).All(o => o.Reason == IncrementalStepRunReason.Cached), "an unrelated C# edit re-ran Bind");
                Require(run.TrackedSteps["Emit"].SelectMany(s => s.Outputs).All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), "an unrelated C# edit re-emitted a workflow");
                bindMs.Add(run.TrackedSteps["SdkFingerprint"].Sum(s => s.ElapsedTime.TotalMilliseconds));
            });

        var changedText = new Text(files[100].Path, files[100].Text.Replace("The job name.", "The job's name."));
        var oneWorkflow = Median(
            () => Driver(texts, track: true).RunGenerators(compilation),
            warm =>
            {
                var run = warm.ReplaceAdditionalText(texts[100], changedText).RunGenerators(compilation).GetRunResult().Results[0];
                Require(run.TrackedSteps["Parse"].SelectMany(s => s.Outputs).Count(o => o.Reason == IncrementalStepRunReason.Modified) == 1, "editing one workflow re-parsed others");
                Require(run.TrackedSteps["Emit"].SelectMany(s => s.Outputs).Count(o => o.Reason == IncrementalStepRunReason.Modified) == 1, "editing one workflow re-emitted others");
            });

        var full = Median(() => Driver(texts).RunGenerators(compilation));
        Console.WriteLine("| 200 synthetic workflows | generator (ms) |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| full run | {full:0.0} |");
        Console.WriteLine($"| re-run after editing an unrelated C# file (all YAML steps cached) | {unrelated:0.0} |");
        Console.WriteLine($"| ... of which the SDK fingerprint step, the only one that runs (Bind is cached; the fingerprint is read when the driver compares it, outside this step) | {bindMs.OrderBy(b => b).ElementAt(bindMs.Count / 2):0.0} |");
        Console.WriteLine($"| re-run after editing one of the 200 workflows (1 parsed, 1 emitted) | {oneWorkflow:0.0} |");
    }

    private static double Median(Func<GeneratorDriver> prepare, Action<GeneratorDriver> timed)
    {
        var samples = new List<double>();
        for (var i = 0; i < Warmups + Runs; i++)
        {
            var warm = prepare();
            var stopwatch = Stopwatch.StartNew();
            timed(warm);
            if (i >= Warmups)
            {
                samples.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        return samples.OrderBy(s => s).ElementAt(samples.Count / 2);
    }

    private static double Median(Action action) => Median(() => null!, _ => action());

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static CSharpCompilation Compilation(string source)
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location));
        var sdk = new[] { typeof(IAmazonSageMaker), typeof(Amazon.Neptunedata.IAmazonNeptunedata), typeof(Amazon.DynamoDBv2.IAmazonDynamoDB), typeof(Amazon.Runtime.AmazonWebServiceRequest), typeof(WorkflowRun), typeof(Polly.ResiliencePipeline), typeof(Microsoft.Extensions.Logging.ILogger) }
            .Select(t => t.Assembly.Location);
        return CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions) },
            framework.Concat(sdk).Distinct().Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
    }

    private static GeneratorDriver Driver(IEnumerable<(string Path, string Text)> files) => Driver(files.Select(f => (AdditionalText)new Text(f.Path, f.Text)));

    private static GeneratorDriver Driver(IEnumerable<AdditionalText> files, bool track = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new ArazzoGenerator().AsSourceGenerator() },
            additionalTexts: files,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
