using System.Text;
using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Tests.Validate;

namespace ArazzoGen.Tests.Parse;

/// <summary>
/// Documents built to hurt a parser: each must end with an ARZ diagnostic, never a hang, a stack
/// overflow or an exception out of the generator (which the compiler would report as CS8785).
/// </summary>
public class HostileYamlTests
{
    private const string Head = "arazzo: 1.0.1\n";

    [Fact]
    public void Alias_bomb_is_rejected_before_it_is_expanded()
    {
        var yaml = new StringBuilder(Head + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n");
        }

        var result = GeneratorRunner.Run(("/w/bomb.yaml", yaml.ToString()));

        Assert.Empty(result.Results[0].Exception is null ? Array.Empty<Exception>() : new[] { result.Results[0].Exception! });
        Assert.Contains(result.Diagnostics, d => d.Id == "ARZ0004");
    }

    [Fact]
    public void Ten_thousand_workflows_without_an_alias_are_read_not_called_an_alias_bomb()
    {
        var yaml = new StringBuilder(Head.Replace("workflows:", string.Empty));
        yaml.Append("workflows:\n");
        for (var i = 0; i < 10_000; i++)
        {
            yaml.Append($"- workflowId: w{i}\n  steps:\n  - stepId: s\n    operationId: op\n    successCriteria:\n    - condition: $statusCode == 200\n");
        }

        var result = GeneratorRunner.Run(("/w/many.yaml", yaml.ToString()));

        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "ARZ0004" or "ARZ0009" or "ARZ0002");
    }

    [Fact]
    public void Inputs_schemas_chained_by_ref_fifty_thousand_deep_end_in_a_diagnostic_not_a_stack_overflow()
    {
        var yaml = new StringBuilder(DiagnosticCatalogueTests.ValidDocument.Replace("  inputs:\n    type: object", "  inputs:\n    $ref: '#/components/inputs/c0'\n    type: object"));
        yaml.Append("\ncomponents:\n  inputs:\n");
        for (var i = 0; i < 50_000; i++)
        {
            yaml.Append($"    c{i}:\n      $ref: '#/components/inputs/c{i + 1}'\n");
        }

        yaml.Append("    c50000:\n      type: object\n");

        var result = GeneratorRunner.Run(("/w/chain.yaml", yaml.ToString()));

        Assert.Null(result.Results[0].Exception);
        Assert.Contains(result.Diagnostics, d => d.Id == "ARZ0003");
    }

    [Fact]
    public void An_inputs_schema_of_a_hundred_thousand_properties_merged_twice_is_read()
    {
        var properties = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"        p{i}:\n          type: string\n"));
        var yaml = DiagnosticCatalogueTests.ValidDocument.Replace(
            "  inputs:\n    type: object",
            "  inputs:\n    allOf:\n    - $ref: '#/components/inputs/many'\n    - $ref: '#/components/inputs/many'\n    type: object")
            + "\ncomponents:\n  inputs:\n    many:\n      properties:\n" + properties;

        var result = GeneratorRunner.Run(("/w/wide.yaml", yaml));

        Assert.Null(result.Results[0].Exception);
        // Read, validated, and on to Bind, which this compilation gives no AWS SDK to (ARZ1000).
        Assert.Equal(["ARZ1000"], result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Object_properties_that_double_at_each_of_sixty_levels_expand_no_further_than_aliases_may()
    {
        // c0 has two properties of type c1, which has two of type c2, ...: 2^60 members once expanded.
        var components = string.Concat(Enumerable.Range(0, 60).Select(i =>
            $"    c{i}:\n      type: object\n      properties:\n        a:\n          $ref: '#/components/inputs/c{i + 1}'\n        b:\n          $ref: '#/components/inputs/c{i + 1}'\n"));
        var yaml = DiagnosticCatalogueTests.ValidDocument.Replace(
            "  inputs:\n    type: object",
            "  inputs:\n    allOf:\n    - $ref: '#/components/inputs/c0'\n    type: object")
            + "\ncomponents:\n  inputs:\n" + components + "    c60:\n      type: object\n      properties:\n        leaf:\n          type: string\n";

        var result = GeneratorRunner.Run(("/w/doubling.yaml", yaml));

        Assert.Null(result.Results[0].Exception);
        Assert.Contains(result.Diagnostics, d => d.Id == "ARZ0009");
    }

    [Theory]
    [InlineData("$steps.first.outputs.id", ".a", null)]
    [InlineData("$response.body.a", "[0]", null)]
    [InlineData("$steps.first.id", ".a", "ARZ0302")] // not an expression however it is split
    public void A_condition_operand_of_a_hundred_thousand_members_is_read_in_linear_time(string start, string member, string? id)
    {
        var operand = start + string.Concat(Enumerable.Repeat(member, 100_000));
        var yaml = DiagnosticCatalogueTests.ValidDocument.Replace("    - condition: $statusCode == 200", $"    - condition: {operand} == 1");

        var result = GeneratorRunner.Run(("/w/long.yaml", yaml));

        Assert.Null(result.Results[0].Exception);
        Assert.Equal(id is null ? [] : [id], result.Diagnostics.Where(d => d.Id.StartsWith("ARZ03", StringComparison.Ordinal)).Select(d => d.Id));
    }

    [Fact]
    public void A_document_with_too_many_nodes_says_so_without_blaming_aliases()
    {
        var limits = new ArazzoGen.Parse.Yaml.YamlLimits(MaxCharacters: 4 * 1024 * 1024, MaxDepth: 64, MaxNodes: 1_000, MaxAliasExpansion: 200_000);
        var yaml = Head + "items:\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"- {i}\n"));

        var result = ArazzoGen.Parse.WorkflowFileParser.Parse("/w/big.yaml", yaml, limits, CancellationToken.None);

        var error = Assert.Single(result!.Diagnostics, d => d.Id == "ARZ0009");
        Assert.DoesNotContain("alias", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("block")]
    [InlineData("flow")]
    public void Ten_thousand_levels_of_nesting_are_rejected(string style)
    {
        var yaml = style == "flow"
            ? Head + "x: " + new string('[', 10_000) + new string(']', 10_000) + "\n"
            : Head + "x:\n" + string.Concat(Enumerable.Repeat("- ", 10_000)) + "leaf\n"; // compact nested block lists

        var result = GeneratorRunner.Run(("/w/deep.yaml", yaml));

        Assert.Null(result.Results[0].Exception);
        Assert.Contains(result.Diagnostics, d => d.Id is "ARZ0003" or "ARZ0001");
    }

    [Fact]
    public void A_ten_megabyte_document_is_rejected_by_size()
    {
        var yaml = Head + "info:\n  description: \"" + new string('x', 10 * 1024 * 1024) + "\"\n";

        var result = GeneratorRunner.Run(("/w/huge.yaml", yaml));

        Assert.Null(result.Results[0].Exception);
        Assert.Equal("ARZ0002", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Unclosed_flow_collection_reports_a_syntax_error()
    {
        var result = GeneratorRunner.Run(("/w/unclosed.yaml", Head + "workflows: [ { workflowId: a\n"));

        Assert.Null(result.Results[0].Exception);
        Assert.Contains(result.Diagnostics, d => d.Id == "ARZ0001");
    }

    [Fact]
    public void Invalid_utf8_arrives_as_replacement_characters_and_is_warned_about_at_its_position()
    {
        var document = MarkedDocument.Parse(DiagnosticCatalogueTests.ValidDocument.Replace("title: Test", "title: Te§\uFFFDst"));

        var diagnostics = GeneratorRunner.Diagnose(document.Text);

        Assert.Contains($"{document.Position} ARZ0006", diagnostics.Select(GeneratorRunner.Describe));
    }

    [Fact]
    public void Only_the_first_of_several_yaml_documents_is_read_and_that_is_said()
    {
        var document = MarkedDocument.Parse(DiagnosticCatalogueTests.ValidDocument + "\n§---\narazzo: 1.0.1\n");

        var diagnostics = GeneratorRunner.Diagnose(document.Text);

        Assert.Equal(new[] { $"{document.Position} ARZ0008" }, diagnostics.Select(GeneratorRunner.Describe));
    }

    [Fact]
    public void Files_without_an_arazzo_root_are_ignored_even_when_broken()
    {
        var result = GeneratorRunner.Run(
            ("/w/settings.yaml", "logging:\n  level: debug\n"),
            ("/w/broken-other.yml", "key: [unclosed\n"),
            ("/w/list.json", "[1, 2, 3]"),
            ("/w/readme.txt", "arazzo: 1.0.1"));

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void A_json_document_is_read_like_yaml()
    {
        var json = """
            {"arazzo": "1.0.1", "info": {"title": "T", "version": "1"},
             "sourceDescriptions": [{"name": "api", "url": "./a.json"}],
             "workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "Op", "outputs": {"x": "$response.body#/X"}}],
                            "outputs": {"x": "$steps.s.outputs.y"}}]}
            """;

        var diagnostics = GeneratorRunner.Diagnose(json, "/w/flow.arazzo.json");

        Assert.Equal("ARZ0207", Assert.Single(diagnostics).Id);
        Assert.Equal(3, diagnostics[0].Location.GetLineSpan().StartLinePosition.Line);
    }
}
