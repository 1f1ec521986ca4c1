using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArazzoGen.Tests.Emit;

/// <summary>
/// Text from a document reaches generated comments, XML docs and string literals: every character
/// outside printable ASCII is escaped there (bidi controls and zero-width characters would otherwise
/// make code read differently from what compiles, the "Trojan Source" attack), and the values still
/// mean what the document wrote.
/// </summary>
public class TrojanSourceTests
{
    private const string Rlo = "\u202E";
    private const string ZeroWidth = "\u200B";
    private const string Isolate = "\u2066";

    private static readonly string Document = $$"""
        arazzo: 1.0.1
        info:
          title: Hostile text {{Rlo}}
          version: 1.0.0
        sourceDescriptions:
        - name: dynamoDb
          url: ./dynamodb.json
          type: openapi
        workflows:
        - workflowId: hostile
          summary: "Summary {{Rlo}}/* not a comment */{{ZeroWidth}} café"
          description: "Line one {{Isolate}}\nline two"
          inputs:
            type: object
            properties:
              table:
                type: string
                description: "The table{{Rlo}}"
                default: "orders{{Rlo}}{{ZeroWidth}}é"
          steps:
          - stepId: describe
            description: "Describe {{Rlo}}it"
            operationId: DescribeTable
            requestBody:
              payload:
                TableName: $inputs.table
            successCriteria:
            - context: $response.body#/Table/TableName
              condition: "^orders{{Rlo}}"
              type: regex
            outputs:
              name: $response.body#/Table/TableName
            onFailure:
            - name: "give up {{Rlo}}"
              type: end
          outputs:
            name: $steps.describe.outputs.name
        """;

    [Fact]
    public void Generated_code_is_printable_ascii_and_its_literals_keep_the_documents_values()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/hostile.arazzo.yaml", Document) });

        var source = Assert.Single(run.GeneratedTrees).ToString();
        var outside = source.Where(c => c != '\n' && (c < ' ' || c > '~')).Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        Assert.True(outside.Count == 0, "characters outside printable ASCII: " + string.Join(", ", outside));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

        var literals = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText).ToList();
        Assert.Contains($"orders{Rlo}{ZeroWidth}é", literals); // the input's default
        Assert.Contains($"^orders{Rlo}", literals); // the regex
        Assert.Contains($"give up {Rlo}", literals); // the action name the run reports
        Assert.Contains("caf&#x00E9;", source); // XML docs keep the character as a reference
    }

    [Fact]
    public void An_id_with_a_trailing_line_break_does_not_pass_the_id_rule()
    {
        var document = MarkedDocument.Parse(DiagnosticCatalogueTestsDocument().Replace("- workflowId: flow", "- workflowId: §\"flow\\n\""));

        var diagnostics = GeneratorRunner.Diagnose(document.Text);

        Assert.Contains($"{document.Position} ARZ0106", diagnostics.Select(GeneratorRunner.Describe));
    }

    private static string DiagnosticCatalogueTestsDocument() => Validate.DiagnosticCatalogueTests.ValidDocument;
}
