using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Tests;

/// <summary>
/// The package also reaches projects with no workflow of their own (those that reference a project
/// that has them). There the generator must cost nothing: in a fresh compiler, whoever first asks
/// for symbols pays for reading every reference's metadata.
/// </summary>
public class IdleProjectTests
{
    [Fact]
    public void A_project_with_no_workflow_file_reads_no_reference()
    {
        var references = GeneratorRunner.FrameworkReferences.Cast<PortableExecutableReference>().Select(r => new CountingReference(r)).ToList();
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("class A { }")], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var notArazzo = new InMemoryAdditionalText("/proj/config/settings.yaml", "logging: { level: info }\n");

        var result = GeneratorRunner.CreateDriver(new[] { notArazzo }).RunGenerators(compilation).GetRunResult();

        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, references.Sum(r => r.Reads));

        // The same project with a workflow reads them (to bind it), and says that it found no AWS SDK.
        var workflow = new InMemoryAdditionalText("/proj/workflows/train.arazzo.yaml", File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml")));
        var withWorkflow = GeneratorRunner.CreateDriver(new[] { notArazzo, workflow }).RunGenerators(compilation).GetRunResult();

        Assert.True(references.Sum(r => r.Reads) > 0);
        Assert.NotEmpty(withWorkflow.Diagnostics);
    }

    [Fact]
    public void A_workflow_added_to_an_idle_project_binds_as_in_a_fresh_one_and_an_unrelated_edit_leaves_it_cached()
    {
        var compilation = SdkCompilation.Create(true, "class A { }");
        var workflow = new InMemoryAdditionalText("/proj/workflows/train.arazzo.yaml", File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml")));
        var idle = GeneratorRunner.CreateDriver(Array.Empty<AdditionalText>(), trackSteps: true, SdkCompilation.ParseOptions).RunGenerators(compilation);

        // The fingerprint taken while idle was never read; Bind reads it when the workflow arrives.
        var withWorkflow = idle.AddAdditionalTexts([workflow]).RunGenerators(compilation);
        var fresh = GeneratorRunner.CreateDriver(new[] { workflow }, trackSteps: true, SdkCompilation.ParseOptions).RunGenerators(compilation).GetRunResult();
        var added = withWorkflow.GetRunResult();
        Assert.Equal(fresh.Diagnostics.Select(d => d.ToString()), added.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(fresh.GeneratedTrees.Select(t => t.ToString()), added.GeneratedTrees.Select(t => t.ToString()));
        Assert.Contains(added.GeneratedTrees, t => t.ToString().Contains("class TrainThenDeployWorkflow", StringComparison.Ordinal));

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText("class A { int B => 1; }", SdkCompilation.ParseOptions));
        var result = withWorkflow.RunGenerators(edited).GetRunResult().Results[0];
        Assert.All(result.TrackedSteps[TrackingNames.SdkFingerprint].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_fingerprint_never_read_before_its_compilation_is_gone_equals_no_other()
    {
        var unread = UnreadFingerprint();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var compilation = GeneratorRunner.CreateCompilation("class A { }");
        var live = ArazzoGen.Bind.SdkFingerprint.Of(compilation);
        Assert.Equal(live, ArazzoGen.Bind.SdkFingerprint.Of(compilation));
        Assert.NotEqual(unread, live);
        Assert.NotEqual(live, unread);
        Assert.Equal(unread, unread);
        Assert.Equal(unread.GetHashCode(), unread.GetHashCode());
        Assert.Throws<InvalidOperationException>(() => unread.Compilation);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ArazzoGen.Bind.SdkFingerprint UnreadFingerprint() => ArazzoGen.Bind.SdkFingerprint.Of(GeneratorRunner.CreateCompilation("class A { }"));

    /// <summary>A reference that counts how often the compiler reads its metadata.</summary>
    private sealed class CountingReference(PortableExecutableReference inner) : PortableExecutableReference(inner.Properties, inner.FilePath)
    {
        public int Reads { get; private set; }

        protected override Metadata GetMetadataImpl()
        {
            Reads++;
            return inner.GetMetadata();
        }

        protected override DocumentationProvider CreateDocumentationProvider() => DocumentationProvider.Default;

        protected override PortableExecutableReference WithPropertiesImpl(MetadataReferenceProperties properties) => new CountingReference((PortableExecutableReference)inner.WithProperties(properties));
    }
}
