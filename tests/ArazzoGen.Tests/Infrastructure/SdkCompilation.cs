using Amazon.Neptunedata;
using Amazon.SageMaker;
using ArazzoGen.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Tests.Infrastructure;

/// <summary>
/// Compilations that look like a user's project: nullable on, XML docs checked, references to the
/// runtime, AWSSDK.Core and the SageMaker/Neptunedata SDK shapes.
/// </summary>
internal static class SdkCompilation
{
    /// <summary>The attributes the Neptune seed needs: the very file the workflow tests compile.</summary>
    public static string NeptuneBindings => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ArazzoGen.Workflows.Tests", "NeptuneBindings.cs"));

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly MetadataReference[] SdkReferences = new[]
        {
            typeof(IAmazonSageMaker).Assembly,
            typeof(IAmazonNeptunedata).Assembly,
            typeof(Amazon.DynamoDBv2.IAmazonDynamoDB).Assembly,
            typeof(Amazon.Runtime.AmazonWebServiceRequest).Assembly,
            typeof(WorkflowRun).Assembly,
            typeof(Polly.ResiliencePipeline).Assembly,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
        }
        .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))
        .ToArray();

    /// <summary>The real AWSSDK.S3 and AWSSDK.KeyManagementService, for the tests of binding by the API's names.</summary>
    public static readonly MetadataReference[] S3AndKms = new[]
        {
            typeof(Amazon.S3.IAmazonS3).Assembly,
            typeof(Amazon.KeyManagementService.IAmazonKeyManagementService).Assembly,
        }
        .Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))
        .ToArray();

    public static CSharpCompilation Create(bool withSdk = true, params string[] sources) => Create(withSdk, Array.Empty<MetadataReference>(), sources);

    public static CSharpCompilation Create(bool withSdk, IEnumerable<MetadataReference> extra, params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            (withSdk ? GeneratorRunner.FrameworkReferences.Concat(SdkReferences) : GeneratorRunner.FrameworkReferences).Concat(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                {
                    // Reference-version unification notes, hidden by every SDK-style build too.
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>Runs the generator on workflow files in a compilation like a user's; returns the run and the compilation with its output.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Generate(IEnumerable<(string Path, string Text)> files, bool withSdk = true, params string[] sources) =>
        Generate(files, Array.Empty<MetadataReference>(), withSdk, sources);

    /// <summary>As <see cref="Generate(IEnumerable{ValueTuple{string, string}}, bool, string[])"/>, with more SDK assemblies referenced.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Generate(IEnumerable<(string Path, string Text)> files, IEnumerable<MetadataReference> extra, bool withSdk = true, params string[] sources)
    {
        var compilation = Create(withSdk, extra, sources.Length == 0 ? new[] { "namespace Consumer { internal static class Placeholder { } }" } : sources);
        var driver = GeneratorRunner.CreateDriver(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)), trackSteps: true, parseOptions: ParseOptions);
        (driver, var output) = GeneratorHarness.Run(driver, compilation);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The one class generated from <paramref name="document"/>, which binds with no diagnostic and compiles with no warning.</summary>
    public static string GenerateClean(string document)
    {
        var (run, output) = Generate(new[] { ("/w/train.yaml", document) });
        Assert.True(run.Diagnostics.IsEmpty, string.Join("\n", run.Diagnostics) + "\n" + document);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        return Assert.Single(run.GeneratedTrees).ToString();
    }

    /// <summary>Runs the generator as a project with <c>ArazzoStateMachines</c> set to true does.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) GenerateWithStateMachines(IEnumerable<(string Path, string Text)> files, params string[] sources)
    {
        var compilation = Create(true, Array.Empty<MetadataReference>(), sources.Length == 0 ? new[] { "namespace Consumer { internal static class Placeholder { } }" } : sources);
        var driver = GeneratorRunner.CreateDriver(
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            trackSteps: true,
            parseOptions: ParseOptions,
            options: new TestOptionsProvider(("build_property.ArazzoStateMachines", "true")));
        (driver, var output) = GeneratorHarness.Run(driver, compilation);
        return (driver.GetRunResult(), output);
    }

    public static IEnumerable<(string Path, string Text)> Seeds() =>
        RepoPaths.SeedFiles.Select(f => ("/repo/workflows/" + f, File.ReadAllText(RepoPaths.Workflow(f)))).Append(NeptuneOpenApi("/repo"));

    /// <summary>
    /// The OpenAPI document the Neptune ML seed's source description names (<c>../openapi/...</c> from
    /// its folder), placed under <paramref name="root"/> as the repository has it: the seed's
    /// operationIds bind through it.
    /// </summary>
    public static (string Path, string Text) NeptuneOpenApi(string root) =>
        (root.TrimEnd('/') + "/openapi/amazon-neptune-ml-openapi.yml", File.ReadAllText(Path.Combine(RepoPaths.Root, "openapi", "amazon-neptune-ml-openapi.yml")));
}
