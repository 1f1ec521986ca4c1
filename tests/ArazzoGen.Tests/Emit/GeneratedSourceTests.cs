using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Emit;

public class GeneratedSourceTests
{
    public static IEnumerable<object[]> Workflows => RepoPaths.WorkflowFiles.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Generated_source_of_each_workflow_matches_its_approved_snapshot(string file)
    {
        var (run, _) = SdkCompilation.Generate(new[] { ("/repo/workflows/" + file, File.ReadAllText(RepoPaths.Workflow(file))), SdkCompilation.NeptuneOpenApi("/repo") }, true, SdkCompilation.NeptuneBindings);

        // One snapshot per document: its classes in the order they are generated.
        var sources = run.Results[0].GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(sources);
        Snapshot.Match(Path.GetFileNameWithoutExtension(file), string.Join("\n", sources.Select(s => s.SourceText.ToString())));
    }

    [Fact]
    public void The_generated_code_compiles_without_any_warning_with_nullable_and_documentation_on()
    {
        var (run, output) = SdkCompilation.Generate(SdkCompilation.Seeds(), true, SdkCompilation.NeptuneBindings);

        Assert.Equal(4, run.Results[0].GeneratedSources.Length);
        Assert.Null(run.Results[0].Exception);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString());
        Assert.Empty(problems);
        // Only the Neptune seed's own warnings and the info that modelName is dropped.
        Assert.Equal(new[] { "ARZ0219", "ARZ0219", "ARZ1014" }, run.Diagnostics.Select(d => d.Id).OrderBy(i => i));
    }

    [Fact]
    public void Hint_names_are_unique_per_file_and_workflow()
    {
        var text = File.ReadAllText(RepoPaths.Workflow(RepoPaths.SeedFiles[2]));
        var (run, _) = SdkCompilation.Generate(new[] { ("/a/flow.yml", text), ("/b/flow.yml", text.Replace("train-and-poll-job", "train-and-poll-job-b")) });

        Assert.Null(run.Results[0].Exception);
        Assert.Equal(2, run.Results[0].GeneratedSources.Select(s => s.HintName).Distinct().Count());
    }

    [Fact]
    public void The_namespace_comes_from_ArazzoNamespace_then_RootNamespace()
    {
        var text = File.ReadAllText(RepoPaths.Workflow(RepoPaths.SeedFiles[2]));
        string Namespace(params (string Key, string Value)[] properties)
        {
            var compilation = SdkCompilation.Create(true, "namespace Consumer { internal static class Placeholder { } }");
            var driver = GeneratorRunner.CreateDriver(new[] { new InMemoryAdditionalText("/w/flow.yml", text) }, parseOptions: SdkCompilation.ParseOptions, options: new TestOptionsProvider(properties));
            var source = driver.RunGenerators(compilation).GetRunResult().Results[0].GeneratedSources.Single().SourceText.ToString();
            return source.Split('\n').Single(l => l.StartsWith("namespace ", StringComparison.Ordinal)).Substring("namespace ".Length).Trim();
        }

        Assert.Equal("Contoso.Ml", Namespace(("build_property.ArazzoNamespace", "Contoso.Ml"), ("build_property.RootNamespace", "Contoso")));
        Assert.Equal("Contoso.Workflows", Namespace(("build_property.RootNamespace", "Contoso")));
        Assert.Equal("ArazzoWorkflows", Namespace());
    }
}
