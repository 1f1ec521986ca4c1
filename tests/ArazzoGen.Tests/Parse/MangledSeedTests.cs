using System.Text.RegularExpressions;
using ArazzoGen.Parse;
using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Validate;

namespace ArazzoGen.Tests.Parse;

/// <summary>
/// The seeds, mangled every way a hurried edit or a broken tool mangles YAML: truncated,
/// lines deleted, values swapped for other types. Parse and Validate must only ever produce
/// diagnostics, never throw.
/// </summary>
public class MangledSeedTests
{
    private static readonly string[] Replacements = { "[]", "{}", "~", "123", "-1.5", "\"\"", "[a, {b: c}]", "$steps", "$inputs.nope", "'unterminated", "&a x", "*missing" };

    public static IEnumerable<object[]> Seeds => RepoPaths.SeedFiles.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mangled_seeds_only_ever_yield_diagnostics(string file)
    {
        var text = File.ReadAllText(RepoPaths.Workflow(file));
        var variants = Mangle(text).ToList();

        foreach (var (description, mangled) in variants)
        {
            try
            {
                var parsed = WorkflowFileParser.Parse(file, mangled, default);
                if (parsed is not null)
                {
                    _ = ValidatedFile.From(parsed);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"{description} threw {ex}");
            }
        }

        Assert.True(variants.Count > 400, $"only {variants.Count} variants");
    }

    [Fact]
    public void Through_the_driver_a_mangled_seed_reports_diagnostics_not_a_generator_failure()
    {
        var text = File.ReadAllText(RepoPaths.Workflow(RepoPaths.SeedFiles[3]));
        var mangled = text.Replace("stepId: createModel\n", "stepId: [createModel\n").Replace("$inputs.endpointName", "$inputs.endpointNme");

        var result = GeneratorRunner.Run(("/w/seed.yml", mangled));

        Assert.Null(result.Results[0].Exception);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.StartsWith("ARZ", d.Id));
    }

    private static IEnumerable<(string, string)> Mangle(string text)
    {
        for (var length = 0; length < text.Length; length += 23)
        {
            yield return ($"truncated at {length}", text.Substring(0, length));
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            yield return ($"line {i + 1} deleted", string.Join("\n", lines.Where((_, j) => j != i)));

            var match = Regex.Match(lines[i], @"^(\s*-?\s*[\w$.-]+:\s*)(\S.*)$");
            if (match.Success)
            {
                var replacement = Replacements[i % Replacements.Length];
                var copy = (string[])lines.Clone();
                copy[i] = match.Groups[1].Value + replacement;
                yield return ($"line {i + 1} value -> {replacement}", string.Join("\n", copy));
            }

            var dedented = (string[])lines.Clone();
            dedented[i] = dedented[i].TrimStart();
            yield return ($"line {i + 1} dedented", string.Join("\n", dedented));
        }
    }
}
