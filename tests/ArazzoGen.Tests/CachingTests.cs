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
    public void After_an_unrelated_csharp_edit_bind_reruns_but_its_equal_output_skips_emit()
    {
        var files = RepoPaths.SeedFiles.Select(Seed).ToArray();
        var compilation = SdkCompilation.Create(true, SdkCompilation.NeptuneBindings, "class A { }");
        var driver = GeneratorRunner.CreateDriver(files, trackSteps: true, SdkCompilation.ParseOptions)
            .RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText("class A { int B => 1; }", SdkCompilation.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        Assert.All(result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Bind].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        var emit = result.TrackedSteps[TrackingNames.Emit].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(files.Length, emit.Count);
        Assert.All(emit, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(4, result.GeneratedSources.Length);
    }

    [Fact]
    public void No_step_output_holds_a_compilation_symbol_or_syntax_node()
    {
        var files = RepoPaths.SeedFiles.Select(Seed).ToArray();
        var result = GeneratorRunner.CreateDriver(files, trackSteps: true)
            .RunGenerators(GeneratorRunner.CreateCompilation("class A {}"))
            .GetRunResult().Results[0];

        var ours = new[] { TrackingNames.Parse, TrackingNames.Validate, TrackingNames.Bind, TrackingNames.Emit };
        var outputs = result.TrackedSteps.Where(s => ours.Contains(s.Key)).SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(outputs);
        foreach (var output in outputs)
        {
            AssertNoRoslynObjects(output, new HashSet<object>(ReferenceEqualityComparer.Instance), "output");
        }
    }

    private static void AssertNoRoslynObjects(object? value, HashSet<object> visited, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location, $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, visited, $"{path}[{i++}]");
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
            {
                continue;
            }

            AssertNoRoslynObjects(field.GetValue(value), visited, $"{path}.{field.Name}");
        }
    }
}
