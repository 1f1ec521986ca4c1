using System.Collections.Immutable;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests;

/// <summary>
/// Every value type that flows between the generator's pipeline nodes makes a fresh compiler
/// JIT-compile Roslyn's node tables for it (about a hundred methods each, in every project the
/// package reaches, with workflows or without); reference types, their collected arrays, and flat
/// pairs of them share code the compiler already has. A bool between two nodes once cost 455 such methods.
/// </summary>
public class PipelineValueTests
{
    [Fact]
    public void Only_reference_types_their_arrays_and_flat_pairs_of_them_flow_between_nodes()
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
    }

    /// <summary>Whether Roslyn's generic node code for <paramref name="type"/> is the shared code every reference type uses.</summary>
    /// <remarks>
    /// What <c>build csc jit</c> (bench) measured: a Combine of two references, or of a reference and a
    /// collected array, shares code; a nested tuple (<c>((file, fingerprint), settings)</c>) and a tuple
    /// of two collected arrays did not, and cost a fresh compiler 39 JIT-compiled methods between them.
    /// </remarks>
    private static bool SharesCode(Type type) =>
        !type.IsValueType
        || IsArrayOfReferences(type)
        || (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            && type.GetGenericArguments().All(a => !a.IsValueType || IsArrayOfReferences(a))
            && type.GetGenericArguments().Count(IsArrayOfReferences) <= 1);

    private static bool IsArrayOfReferences(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && !type.GetGenericArguments()[0].IsValueType;
}
