using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// A seeded mutation loop over every workflow in workflows/ and the generated-code tests' documents, through the whole generator (Parse,
/// Validate, Bind against the SDK shapes, Emit): it never throws, and whenever it reports no error,
/// its output compiles without error and without a warning in generated code. CI runs
/// <see cref="DefaultCases"/> cases under a fixed seed; ARAZZOGEN_FUZZ_CASES and ARAZZOGEN_FUZZ_SEED
/// run more, or others.
/// </summary>
public class GeneratorFuzzTests
{
    public const int DefaultCases = 1500;
    public const int DefaultSeed = 20261121;

    [Fact]
    public void Mangled_workflows_never_crash_the_generator_and_error_free_output_always_compiles()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("ARAZZOGEN_FUZZ_CASES"), out var n) ? n : DefaultCases;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ARAZZOGEN_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        // Repository-shaped paths, so a 'type: arazzo' source's relative url finds the other document.
        var documents = RepoPaths.WorkflowFiles.Select(RepoPaths.Workflow).Concat(RepoPaths.TestWorkflowPaths)
            .Select(path => (Name: Path.GetFileName(path), Path: "/repo/" + Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/'), Text: File.ReadAllText(path)))
            .ToList();
        var mutator = new WorkflowMutator(seed);
        var compilation = SdkCompilation.Create(true, SdkCompilation.NeptuneBindings);
        var compiled = 0;
        var definitions = 0;

        for (var i = 0; i < cases; i++)
        {
            var document = documents[i % documents.Count];
            var (text, mutation) = mutator.Mutate(document.Text);
            var what = $"case {i} (seed {seed}): {document.Name}: {mutation}";

            // The documents that reference this one, or that it references, go along unchanged.
            var files = documents.Where(d => d.Path != document.Path && Related(d, document)).Select(d => new InMemoryAdditionalText(d.Path, d.Text))
                .Prepend(new InMemoryAdditionalText(document.Path, text))
                .ToArray();
            // Every other case also writes state machines, which must never break the build either.
            var stateMachines = i % 2 == 0;
            var driver = GeneratorRunner.CreateDriver(files, parseOptions: SdkCompilation.ParseOptions, options: new TestOptionsProvider(("build_property.ArazzoStateMachines", stateMachines ? "true" : "false")));
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
            var run = driver.GetRunResult();

            Assert.True(run.Results[0].Exception is null, $"{what}\n{run.Results[0].Exception}\n--- document ---\n{text}");
            var failures = driverDiagnostics.Where(d => !d.Id.StartsWith("ARZ", StringComparison.Ordinal)).ToList(); // CS8784/CS8785: the generator failed
            Assert.True(failures.Count == 0, $"{what}\n{string.Join("\n", failures)}");
            Assert.All(run.Diagnostics, d => Assert.StartsWith("ARZ", d.Id));
            if (run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || run.GeneratedTrees.IsEmpty)
            {
                continue;
            }

            compiled++;
            var generated = run.GeneratedTrees.ToHashSet();
            var problems = output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree!)))
                .ToList();
            Assert.True(problems.Count == 0, $"{what}\n{string.Join("\n", problems)}\n--- document ---\n{text}");
            foreach (var (workflowId, definition) in StateMachines.StateMachineDefinitionTests.Definitions(run))
            {
                var invalid = StateMachines.AslInvariants.Problems(definition);
                Assert.True(invalid.Count == 0, $"{what}: state machine of {workflowId}:\n{string.Join("\n", invalid)}\n--- document ---\n{text}");
                definitions++;
            }
        }

        // The loop must reach code generation often, or it proves little about the emitted code.
        Assert.True(compiled >= cases / 10, $"only {compiled} of {cases} mutated documents reached code generation");
        Assert.True(definitions >= cases / 20, $"only {definitions} state machines were written from {cases} mutated documents");
    }

    /// <summary>True when one document names the other's file in a source url.</summary>
    private static bool Related((string Name, string Path, string Text) a, (string Name, string Path, string Text) b) =>
        a.Text.Contains("/" + b.Name, StringComparison.Ordinal) || b.Text.Contains("/" + a.Name, StringComparison.Ordinal);
}
