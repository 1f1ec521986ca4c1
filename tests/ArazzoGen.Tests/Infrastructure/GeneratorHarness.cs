using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Infrastructure;

/// <summary>
/// What every generator test checks besides its own assertions (in the style of NetEscapades'
/// TestHelpers): the driver runs a second time on a clone of the compilation, and every tracked
/// step (all of <see cref="TrackingNames"/>) must then be Cached or Unchanged; and no output of any
/// step, bound models included, may hold a Compilation, a symbol, a syntax node or a Location.
/// </summary>
internal static class GeneratorHarness
{
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    /// <summary>Runs <paramref name="driver"/> (created with step tracking) twice and checks the cache and the outputs.</summary>
    public static (GeneratorDriver Driver, Compilation Output) Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var first = driver.GetRunResult().Results[0];
        if (first.Exception is not null)
        {
            return (driver, output); // The test reports it.
        }

        foreach (var step in TrackedSteps.Where(first.TrackedSteps.ContainsKey))
        {
            foreach (var value in first.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                AssertNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
            }
        }

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results[0];
        foreach (var step in TrackedSteps.Where(second.TrackedSteps.ContainsKey))
        {
            var rerun = second.TrackedSteps[step].SelectMany(s => s.Outputs).Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
            Assert.True(rerun.Count == 0, $"step {step} was not cached on an identical second run: {string.Join(", ", rerun.Select(o => o.Reason))}");
        }

        return (driver, output);
    }

    public static void AssertNoRoslynObjects(object? value, HashSet<object> visited, string path)
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
