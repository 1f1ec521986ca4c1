using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>dependsOn at build time: dependencies get this workflow's inputs of the same names, so a required one must exist here.</summary>
public class DependsOnBindTests
{
    private const string Document = """
        arazzo: 1.0.1
        info:
          title: Depends on
          version: 1.0.0
        sourceDescriptions:
        - name: dynamoDb
          url: ./dynamodb.json
          type: openapi
        workflows:
        - workflowId: prepare
          inputs:
            type: object
            required: [table]
            properties:
              table:
                type: string
          steps:
          - stepId: describe
            operationId: DescribeTable
            requestBody:
              payload:
                TableName: $inputs.table
            outputs:
              status: $response.body#/Table/TableStatus
          outputs:
            status: $steps.describe.outputs.status
        - workflowId: main
          dependsOn:
          - §prepare
          inputs:
            type: object
            properties:
              table:
                type: string
          steps:
          - stepId: list
            operationId: ListTables
          outputs:
            prepared: $workflows.prepare.outputs.status
        """;

    [Fact]
    public void A_dependency_gets_the_inputs_of_the_same_names_and_its_outputs_are_typed()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/d.yaml", MarkedDocument.Parse(Document.Replace("properties:\n      table:\n        type: string\n  steps:\n  - stepId: list", "required: [table]\n    properties:\n      table:\n        type: string\n  steps:\n  - stepId: list")).Text) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(2, run.GeneratedTrees.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        Assert.Contains("public global::Amazon.DynamoDBv2.TableStatus? Prepared { get; init; }", run.GeneratedTrees.Select(t => t.ToString()).Single(t => t.Contains("class MainWorkflow", StringComparison.Ordinal)));
    }

    [Fact]
    public void ARZ1025_a_dependency_whose_required_input_this_workflow_lacks_is_an_error_at_the_entry()
    {
        var document = MarkedDocument.Parse(Document.Replace("      table:\n        type: string\n  steps:\n  - stepId: list", "      other:\n        type: string\n  steps:\n  - stepId: list"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/d.yaml", document.Text) });

        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal($"{document.Position} ARZ1025", GeneratorRunner.Describe(error));
        Assert.Equal("Workflow 'main' depends on workflow 'prepare', which requires input 'table'; dependsOn passes no parameters, so workflow 'main' must have input of the same name", error.GetMessage());
        Assert.Single(run.GeneratedTrees); // 'prepare' itself is fine
    }
}
