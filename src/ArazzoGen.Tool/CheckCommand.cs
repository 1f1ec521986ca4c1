using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen.Tool;

/// <summary>
/// <c>arazzogen check</c>: runs the generator itself on the files, in a compilation with the given
/// SDK assemblies, so the diagnostics are exactly the build's, printed as the compiler prints them.
/// </summary>
internal static class CheckCommand
{
    // Without AWSSDK.Core there is nothing to bind against: Bind's "reference AWSSDK.Core" error says nothing about the file.
    private const string NoSdkCore = "ARZ1000";

    public static int Run(IEnumerable<string> paths, IReadOnlyList<string> references, TextWriter output, string format = "text")
    {
        var files = Files(paths).ToList();
        if (files.Count == 0)
        {
            output.WriteLine("arazzogen check: no .yml, .yaml or .json files found.");
            return 2;
        }

        var diagnostics = Diagnose(files, references)
            .Where(d => references.Count > 0 || d.Id != NoSdkCore)
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.GetLineSpan().StartLinePosition)
            .ToList();
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (format == "sarif")
        {
            output.WriteLine(SarifLog.Write(diagnostics));
            return errors > 0 ? 1 : 0;
        }

        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        output.WriteLine($"{files.Count} files, {errors} errors, {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)} warnings{(references.Count == 0 ? " (Parse and Validate only: give --reference with the SDK assemblies to bind)" : string.Empty)}.");
        return errors > 0 ? 1 : 0;
    }

    /// <summary>The generator's diagnostics for <paramref name="files"/>, as a build with those references reports them.</summary>
    public static ImmutableArray<Diagnostic> Diagnose(IEnumerable<string> files, IEnumerable<string> references) =>
        RunGenerator(files, references, new Dictionary<string, string>()).Diagnostics;

    /// <summary>Runs the generator on <paramref name="files"/> with those references and MSBuild properties (<c>build_property.X</c>).</summary>
    public static GeneratorDriverRunResult RunGenerator(IEnumerable<string> files, IEnumerable<string> references, IReadOnlyDictionary<string, string> properties)
    {
        var compilation = CSharpCompilation.Create(
            "ArazzoCheck",
            [],
            FrameworkReferences().Concat(references.Select(r => MetadataReference.CreateFromFile(Path.GetFullPath(r)))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var texts = files.Select(f => (AdditionalText)new FileText(Path.GetFullPath(f))).ToImmutableArray();
        var driver = CSharpGeneratorDriver.Create([new ArazzoGenerator().AsSourceGenerator()], texts, optionsProvider: new BuildProperties(properties));
        return driver.RunGenerators(compilation).GetRunResult();
    }

    private static IEnumerable<string> Files(IEnumerable<string> paths) =>
        paths.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(IsCandidate)
                : [p])
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static bool IsCandidate(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var folder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal) && Path.GetDirectoryName(p) == folder)
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>MSBuild properties as the compiler shows them to a generator.</summary>
    private sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(properties);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options None = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) =>
            File.Exists(Path) ? SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8) : null;
    }
}
