using System.Collections.Immutable;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests;

/// <summary>
/// Every value type that flows between the generator's pipeline nodes makes a fresh compiler
/// JIT-compile Roslyn's node tables for it (about a hundred methods each, in every project the
/// package reaches, with workflows or without); reference types, their collected arrays, and pairs of
/// two references combined for a Select share code the compiler already has. A bool between two
/// nodes once cost 455 such methods.
/// </summary>
public class PipelineValueTests
{
    [Fact]
    public void Only_reference_types_their_arrays_and_pairs_of_two_references_flow_between_nodes()
    {
        var files = SdkCompilation.Seeds().Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)).ToArray();
        var result = GeneratorRunner.CreateDriver(files, trackSteps: true, SdkCompilation.ParseOptions)
            .RunGenerators(SdkCompilation.Create(true, ArazzoGen.Tests.Emit.ServiceRegistrationTests.Hosting, "class A { }")).GetRunResult().Results[0];
        Assert.NotEmpty(result.GeneratedSources);

        var steps = new HashSet<IncrementalGeneratorRunStep>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<IncrementalGeneratorRunStep>(result.TrackedOutputSteps.Values.SelectMany(s => s).Concat(result.TrackedSteps.Values.SelectMany(s => s)));
        while (pending.TryPop(out var step))
        {
            if (steps.Add(step))
            {
                foreach (var (source, _) in step.Inputs)
                {
                    pending.Push(source);
                }
            }
        }

        var values = steps.SelectMany(s => s.Outputs.Select(o => (Step: s.Name ?? "(unnamed)", o.Value))).Where(v => v.Value is not null).ToList();
        Assert.Contains(values, v => v.Value is ImmutableArray<ArazzoGen.Emit.RegisteredWorkflow>);
        var offending = values.Where(v => !SharesCode(v.Value.GetType())).Select(v => $"{v.Step}: {v.Value.GetType()}").Distinct().ToList();
        Assert.Empty(offending);

        // A source output over a pair is its own instantiation of Roslyn's output node: a pair is combined for a Select into a class first.
        var outputsOverPairs = result.TrackedOutputSteps.Values.SelectMany(s => s)
            .SelectMany(s => s.Inputs.SelectMany(i => i.Source.Outputs).Where(o => o.Value is not null && IsTuple(o.Value.GetType())).Select(o => $"{s.Name}: {o.Value.GetType()}"))
            .Distinct().ToList();
        Assert.Empty(outputsOverPairs);
    }

    /// <summary>Whether Roslyn's generic node code for <paramref name="type"/> is the shared code every reference type uses.</summary>
    /// <remarks>
    /// What <c>build csc jit</c> (bench) measured: a Combine of two references shares code; a nested
    /// tuple (<c>((file, fingerprint), settings)</c>) and a tuple of two collected arrays did not, and cost
    /// a fresh compiler 39 JIT-compiled methods between them; a reference combined with a collected array
    /// did not either (4 more), so a collected array is wrapped in a class before it is combined.
    /// </remarks>
    private static bool SharesCode(Type type) =>
        !type.IsValueType
        || IsArrayOfReferences(type)
        || (IsTuple(type) && type.GetGenericArguments().All(a => !a.IsValueType));

    private static bool IsTuple(Type type) => type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);

    private static bool IsArrayOfReferences(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && !type.GetGenericArguments()[0].IsValueType;
}
