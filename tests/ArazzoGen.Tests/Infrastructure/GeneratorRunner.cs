using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Tests.Infrastructure;

/// <summary>Runs <see cref="ArazzoGenerator"/> the way the compiler does, on in-memory files.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriverRunResult Run(params (string Path, string Text)[] files) =>
        Run(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray());

    public static GeneratorDriverRunResult Run(AdditionalText[] files, string source = "class Placeholder {}")
    {
        var (driver, _) = GeneratorHarness.Run(CreateDriver(files, trackSteps: true), CreateCompilation(source));
        return driver.GetRunResult();
    }

    /// <summary>
    /// The reading and validation diagnostics (ARZ0xxx) the generator reports for one document. The
    /// compilation here has no AWS SDK, so binding's ARZ1000 is left out; SdkCompilation covers binding.
    /// </summary>
    public static ImmutableArray<Diagnostic> Diagnose(string yaml, string path = "/work/test.arazzo.yaml") =>
        Run((path, yaml)).Diagnostics.Where(d => d.Id.StartsWith("ARZ0", StringComparison.Ordinal)).ToImmutableArray();

    /// <summary>The one way tests create a driver for <see cref="ArazzoGenerator"/>.</summary>
    public static GeneratorDriver CreateDriver(
        IEnumerable<AdditionalText> files,
        bool trackSteps = false,
        CSharpParseOptions? parseOptions = null,
        Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new ArazzoGenerator().AsSourceGenerator() },
            additionalTexts: files,
            parseOptions: parseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s)),
            FrameworkReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static readonly MetadataReference[] FrameworkReferences =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal) && Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();

    /// <summary>"line:column id" (1-based, as the compiler prints them) for compact assertions.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"{position.Line + 1}:{position.Character + 1} {diagnostic.Id}";
    }
}
