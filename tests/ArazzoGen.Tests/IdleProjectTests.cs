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
