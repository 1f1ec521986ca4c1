using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Validate;

/// <summary>
/// "MUST NOT include duplicate parameters", and actions unique by name: counted after component
/// references are resolved, as every other validator does. Before this, the document below
/// compiled into code that did not compile (two retry counters of one name: CS0128).
/// </summary>
public class ResolvedDuplicatesTests
{
    private const string Document = """
        arazzo: 1.0.1
        info:
          title: Components
          version: 1.0.0
        sourceDescriptions:
        - name: api
          url: ./api.yaml
          type: openapi
        components:
          parameters:
            region:
              name: Region
              in: header
              value: eu-west-1
          failureActions:
            again:
              name: again
              type: retry
              retryLimit: 2
        workflows:
        - workflowId: flow
          steps:
          - stepId: first
            operationId: CreateThing
            parameters:
            - reference: $components.parameters.region
            - reference: §$components.parameters.region
            onFailure:
            - reference: $components.failureActions.again
            - reference: ¶$components.failureActions.again
        """;

    [Fact]
    public void A_component_referenced_twice_is_a_duplicate_parameter_and_a_duplicate_action()
    {
        var parameter = MarkedDocument.Parse(Document.Replace("¶", string.Empty));
        var action = MarkedDocument.Parse(Document.Replace("§", string.Empty).Replace("¶", "§"));

        var described = GeneratorRunner.Diagnose(parameter.Text).Select(GeneratorRunner.Describe).ToList();

        Assert.Equal(new[] { $"{parameter.Position} ARZ0221", $"{action.Position} ARZ0203" }.Order(), described.Order());
    }

    [Fact]
    public void An_inline_action_named_like_a_referenced_component_is_a_duplicate()
    {
        var document = MarkedDocument.Parse(Document
            .Replace("    - reference: §$components.parameters.region\n", string.Empty)
            .Replace("    - reference: ¶$components.failureActions.again", "    - name: §again\n      type: end"));

        var described = GeneratorRunner.Diagnose(document.Text).Select(GeneratorRunner.Describe).ToList();

        Assert.Equal(new[] { $"{document.Position} ARZ0203" }, described);
    }
}
