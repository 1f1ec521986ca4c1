using System.Collections.Immutable;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests;

/// <summary>
/// Every value type that flows between the generator's pipeline nodes makes a fresh compiler
/// JIT-compile Roslyn's node tables for it (about a hundred methods each, in every project the
/// package reaches, with workflows or without); reference types, and tuples and arrays of them,
/// share code the compiler already has. A bool between two nodes once cost 455 such methods.
/// </summary>
public class PipelineValueTests
{
    [Fact]
    public void Only_reference_types_and_tuples_or_arrays_of_them_flow_between_nodes()
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
    private static bool SharesCode(Type type) =>
        !type.IsValueType
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && SharesCode(type.GetGenericArguments()[0]))
        || (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().All(SharesCode));
}
