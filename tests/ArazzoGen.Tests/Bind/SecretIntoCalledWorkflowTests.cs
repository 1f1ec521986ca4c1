using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>A secret passed into a called workflow's input that is not secret there is an error at the value (ARZ1032).</summary>
public class SecretIntoCalledWorkflowTests
{
    private const string Document = """
        arazzo: 1.0.1
        info: {title: Secrets across workflows, version: 1.0.0}
        sourceDescriptions:
        - {name: dynamoDb, url: ./dynamodb.json, type: openapi}
        workflows:
        - workflowId: store
          inputs:
            type: object
            required: [key]
            properties:
              key:
                type: string
          steps:
          - stepId: put
            operationId: PutItem
            requestBody:
              payload:
                TableName: t
                Item:
                  pk: {S: $inputs.key}
        - workflowId: caller
          inputs:
            type: object
            required: [apiKey]
            properties:
              apiKey:
                type: string
                format: password
          steps:
          - stepId: runStore
            workflowId: store
            parameters:
            - name: key
              value: §$inputs.apiKey
        """;

    [Fact]
    public void A_secret_into_a_plain_input_is_an_error_at_the_value()
    {
        var document = MarkedDocument.Parse(Document);

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/secrets.yaml", document.Text) });

        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "ARZ1023");
        Assert.Equal($"{document.Position} ARZ1032", GeneratorRunner.Describe(error));
        Assert.Contains("declare 'key' there with format: password", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_into_an_input_marked_secret_there_is_fine()
    {
        var document = MarkedDocument.Parse(Document.Replace("      key:\n        type: string", "      key:\n        type: string\n        writeOnly: true", StringComparison.Ordinal));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/secrets.yaml", document.Text) });

        Assert.Empty(run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }
}
