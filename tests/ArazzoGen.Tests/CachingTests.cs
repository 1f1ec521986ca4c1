using System.Collections;
using System.Reflection;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Tests;

/// <summary>
/// Roslyn's incremental cache must hold: editing C# must not re-parse YAML, and editing one
/// workflow must not redo the others (the NetEscapades-style tracked-step assertions).
/// </summary>
public class CachingTests
{
    private static AdditionalText Seed(string file) =>
        new InMemoryAdditionalText("/proj/workflows/" + file, File.ReadAllText(RepoPaths.Workflow(file)));

    [Fact]
    public void Editing_a_csharp_file_leaves_parse_and_validate_cached()
    {
        var files = RepoPaths.SeedFiles.Select(Seed).ToArray();
        var compilation = GeneratorRunner.CreateCompilation("class A {}");
        var driver = GeneratorRunner.CreateDriver(files, trackSteps: true).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B {}"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        foreach (var name in new[] { TrackingNames.Parse, TrackingNames.Validate })
        {
            var outputs = result.TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.Equal(files.Length, outputs.Count);
            Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }

    [Fact]
    public void Editing_one_workflow_reparses_only_that_one()
    {
        var files = RepoPaths.SeedFiles.Select(Seed).ToArray();
        var compilation = GeneratorRunner.CreateCompilation("class A {}");
        var driver = GeneratorRunner.CreateDriver(files, trackSteps: true).RunGenerators(compilation);

        var original = files[2];
        var changed = new InMemoryAdditionalText(original.Path, original.GetText()!.ToString().Replace("A unique name for the training job.", "The training job's name."));
        var result = driver.ReplaceAdditionalText(original, changed).RunGenerators(compilation).GetRunResult().Results[0];

        var parse = result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).ToList();
        Assert.Single(parse, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(files.Length - 1, parse.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        var validate = result.TrackedSteps[TrackingNames.Validate].SelectMany(s => s.Outputs).ToList();
        Assert.Single(validate, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void After_an_unrelated_csharp_edit_bind_and_emit_are_not_run_again()
    {
        var files = RepoPaths.SeedFiles.Select(Seed).ToArray();
        var compilation = SdkCompilation.Create(true, SdkCompilation.NeptuneBindings, "class A { }");
        var openApi = SdkCompilation.NeptuneOpenApi("/proj");
        var driver = GeneratorRunner.CreateDriver(files.Append(new InMemoryAdditionalText(openApi.Path, openApi.Text)), trackSteps: true, SdkCompilation.ParseOptions)
            .RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText("class A { int B => 1; }", SdkCompilation.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        Assert.All(result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        // The SDK it binds to is the same: Bind's input is unchanged, so it does not run.
        Assert.All(result.TrackedSteps[TrackingNames.SdkFingerprint].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        var emit = result.TrackedSteps[TrackingNames.Emit].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(files.Length, emit.Count);
        Assert.All(emit, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(4, result.GeneratedSources.Length);
    }

    [Fact]
    public void A_csharp_edit_that_changes_what_bind_reads_runs_bind_again()
    {
        var files = RepoPaths.SeedFiles.Select(Seed).ToArray();
        var compilation = SdkCompilation.Create(true, SdkCompilation.NeptuneBindings, "class A { }");
        var driver = GeneratorRunner.CreateDriver(files, trackSteps: true, SdkCompilation.ParseOptions).RunGenerators(compilation);

        // A binding attribute in the project's source is part of what Bind reads.
        var attributed = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("""[assembly: ArazzoGen.ArazzoOperation("sagemakerApi", "describeIt", "DescribeTrainingJobAsync")]""", SdkCompilation.ParseOptions));
        var result = driver.RunGenerators(attributed).GetRunResult().Results[0];

        Assert.All(result.TrackedSteps[TrackingNames.SdkFingerprint].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs), o => Assert.NotEqual(IncrementalStepRunReason.Cached, o.Reason));

        // So is an SDK assembly: without one, every workflow is bound again (and reports the missing SDK).
        var withoutSdk = SdkCompilation.Create(false, SdkCompilation.NeptuneBindings, "class A { }");
        var unbound = driver.RunGenerators(withoutSdk).GetRunResult().Results[0];
        Assert.All(unbound.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs), o => Assert.NotEqual(IncrementalStepRunReason.Cached, o.Reason));
        Assert.NotEmpty(unbound.Diagnostics);
    }

    [Fact]
    public void With_sdk_types_declared_in_source_an_edit_of_them_binds_again()
    {
        static string Client(string member) => $$"""
            namespace Things
            {
                using System.Threading;
                using System.Threading.Tasks;

                public sealed class GetThingRequest : Amazon.Runtime.AmazonWebServiceRequest { public string? Id { get; set; } }

                public sealed class GetThingResponse : Amazon.Runtime.AmazonWebServiceResponse { public string? {{member}} { get; set; } }

                public interface IAmazonThings : Amazon.Runtime.IAmazonService
                {
                    static Amazon.Runtime.ClientConfig Amazon.Runtime.IAmazonService.CreateDefaultClientConfig() => throw new System.NotSupportedException();

                    static Amazon.Runtime.IAmazonService Amazon.Runtime.IAmazonService.CreateDefaultServiceClient(Amazon.Runtime.AWSCredentials credentials, Amazon.Runtime.ClientConfig config) => throw new System.NotSupportedException();

                    Task<GetThingResponse> GetThingAsync(GetThingRequest request, CancellationToken cancellationToken = default);
                }
            }
            """;
        const string Workflow = """
            arazzo: 1.0.1
            info: { title: things, version: 1.0.0 }
            sourceDescriptions:
            - { name: things, url: ./things.json, type: openapi }
            workflows:
            - workflowId: read-thing
              steps:
              - stepId: get
                operationId: GetThing
                requestBody: { payload: { Id: "1" } }
                outputs: { name: $response.body#/Name }
            """;
        var compilation = SdkCompilation.Create(true, Client("Name"));
        var driver = GeneratorRunner.CreateDriver(new[] { new InMemoryAdditionalText("/w/things.arazzo.yaml", Workflow) }, trackSteps: true, SdkCompilation.ParseOptions).RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // The response member the workflow reads is renamed in source: Bind must see it.
        var renamed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(Client("Title"), SdkCompilation.ParseOptions));
        var result = driver.RunGenerators(renamed).GetRunResult();

        Assert.All(result.Results[0].TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs), o => Assert.NotEqual(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("Name", StringComparison.Ordinal));
    }

    [Fact]
    public void No_step_output_holds_a_roslyn_object_and_a_second_run_is_cached_for_every_workflow_in_the_repository()
    {
        // With the AWS SDK shapes referenced, so the bound models are walked too.
        var files = RepoPaths.WorkflowFiles.Select(RepoPaths.Workflow).Concat(RepoPaths.TestWorkflowPaths).Select(p => (p, File.ReadAllText(p))).ToList();

        var (run, _) = SdkCompilation.Generate(files.Append(SdkCompilation.NeptuneOpenApi(RepoPaths.Root)), SdkCompilation.S3AndKms, true, SdkCompilation.NeptuneBindings);

        Assert.True(run.Results[0].TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs).Count() == files.Count);
        Assert.True(run.GeneratedTrees.Length > 25);
    }

    [Fact]
    public void The_harness_sees_a_symbol_in_an_output()
    {
        var compilation = SdkCompilation.Create(true);
        var symbol = compilation.GetTypeByMetadataName("Amazon.SageMaker.IAmazonSageMaker")!;

        var error = Assert.ThrowsAny<Exception>(() => GeneratorHarness.AssertNoRoslynObjects(new { Nested = new[] { (object)symbol } }, new HashSet<object>(ReferenceEqualityComparer.Instance), "output"));
        Assert.Contains("holds a", error.Message);
    }
}
