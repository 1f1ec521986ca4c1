using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// A path parameter and a payload key of the same name are one member of the SDK request (the
/// shape of every public KMS workflow: KeyId in the path and in the body), not a duplicate key.
/// </summary>
public class ParameterPayloadTests
{
    private const string Document = """
        arazzo: 1.0.1
        info:
          title: Path and body
          version: 1.0.0
        sourceDescriptions:
        - name: dynamoDb
          url: ./dynamodb.json
          type: openapi
        workflows:
        - workflowId: describe
          inputs:
            type: object
            required: [table]
            properties:
              table:
                type: string
          steps:
          - stepId: describe
            operationId: DescribeTable
            parameters:
            - name: TableName
              in: path
              value: $inputs.table
            requestBody:
              payload:
                §TableName: $inputs.table
        """;

    [Fact]
    public void The_same_value_in_the_path_and_the_body_binds_once_without_a_diagnostic()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/d.yaml", MarkedDocument.Parse(Document).Text) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, "TableName = _inputs.Table,"));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void Different_values_in_the_path_and_the_body_are_an_error_at_the_payload_key()
    {
        var document = MarkedDocument.Parse(Document.Replace("§TableName: $inputs.table", "§TableName: other"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/d.yaml", document.Text) });

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal($"{document.Position} ARZ1024", GeneratorRunner.Describe(error));
        Assert.StartsWith("Parameter 'TableName' (in: path) and the payload both set 'TableName', to different values", error.GetMessage());
        Assert.Empty(run.GeneratedTrees);
    }

    /// <summary>
    /// Found by the fuzz test: two body keys that differ only in case, with no parameter of that
    /// name, crashed Bind looking for the parameter. They are the payload's own affair: a diagnostic
    /// or code that compiles, never a crash.
    /// </summary>
    [Fact]
    public void Two_body_keys_that_differ_in_case_are_not_taken_for_a_parameter()
    {
        var document = Document
            .Replace("    parameters:\n    - name: TableName\n      in: path\n      value: $inputs.table\n", string.Empty, StringComparison.Ordinal)
            .Replace("§TableName: $inputs.table", "TableName: $inputs.table\n        tableName: other", StringComparison.Ordinal);
        Assert.DoesNotContain("parameters:", document, StringComparison.Ordinal);

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/d.yaml", document) });

        var failures = run.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString());
        Assert.Empty(failures);
        if (!run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        }
    }
}
