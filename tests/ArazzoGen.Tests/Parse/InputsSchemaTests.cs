using ArazzoGen.Tests.Bind;
using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Tests.Validate;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Parse;

/// <summary>
/// A workflow's inputs are a JSON Schema (Arazzo 1.0.1: "A JSON Schema 2020-12 object"), and
/// components.inputs hold "reusable JSON Schema objects" of any type: a schema is read through its
/// <c>$ref</c> and <c>allOf</c>, and a property through its <c>$ref</c>, as the spec's own
/// pet-coupons example and other tools' test documents write them.
/// </summary>
public class InputsSchemaTests
{
    private const string DeclaredInputs = """
          inputs:
            type: object
            required: [jobName]
            properties:
              jobName:
                type: string
              channels:
                type: array
        """;

    private static string WithInputs(string document, string declared, string inputs, string components)
    {
        Assert.Contains(declared, document);
        return document.Replace(declared, inputs) + "\ncomponents:\n  inputs:\n" + components;
    }

    private static List<string> Reported(string inputs, string components) =>
        GeneratorRunner.Diagnose(WithInputs(DiagnosticCatalogueTests.ValidDocument, "  inputs:\n    type: object\n    required: [name]\n    properties:\n      name:\n        type: string", inputs, components))
            .Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}")
            .ToList();

    [Fact]
    public void A_component_of_any_type_is_a_property_s_schema_through_its_ref_as_in_the_spec_s_pet_coupons_example()
    {
        var code = SdkCompilation.GenerateClean(WithInputs(
            BindDiagnosticTests.ValidDocument,
            DeclaredInputs,
            """
              inputs:
                $ref: '#/components/inputs/training'
            """,
            """
                training:
                  type: object
                  required: [jobName]
                  properties:
                    jobName:
                      $ref: '#/components/inputs/job_name'
                    channels:
                      type: array
                job_name:
                  type: string
                  description: The training job's name.
            """));

        Assert.Contains("/// <summary>The training job's name.</summary>\n            public required string JobName { get; init; }", code.Replace("\r\n", "\n"));
    }

    [Fact]
    public void AllOf_merges_its_members_properties_and_a_required_list_may_name_a_property_of_another_member()
    {
        var code = SdkCompilation.GenerateClean(WithInputs(
            BindDiagnosticTests.ValidDocument,
            DeclaredInputs,
            """
              inputs:
                allOf:
                - $ref: '#/components/inputs/job'
                - type: object
                  required: [jobName]
                  properties:
                    channels:
                      type: array
            """,
            """
                job:
                  type: object
                  properties:
                    jobName:
                      type: string
            """));

        Assert.Contains("public required string JobName { get; init; }", code);
        Assert.Contains("public global::System.Collections.Generic.List<global::Amazon.SageMaker.Model.Channel>? Channels { get; init; }", code);
    }

    [Fact]
    public void A_ref_may_name_a_component_by_its_anchor_as_Arazzo_1_1_asks()
    {
        var code = SdkCompilation.GenerateClean(WithInputs(
            BindDiagnosticTests.ValidDocument,
            DeclaredInputs,
            """
              inputs:
                $ref: '#training'
            """,
            """
                training_inputs:
                  $anchor: training
                  type: object
                  required: [jobName]
                  properties:
                    jobName:
                      $ref: '#job-name'
                    channels:
                      type: array
                job_name:
                  $anchor: job-name
                  type: string
                  description: The training job's name.
            """));

        Assert.Contains("/// <summary>The training job's name.</summary>\n            public required string JobName { get; init; }", code.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Components_that_merge_each_other_are_read_once_and_what_is_wrong_inside_one_is_reported_once()
    {
        var reported = Reported(
            """
              inputs:
                allOf:
                - $ref: '#/components/inputs/named'
                - $ref: '#/components/inputs/named'
            """,
            """
                named:
                  allOf:
                  - $ref: '#/components/inputs/base'
                  properties:
                    name:
                      type: string
                base:
                  required: [nmae]
                  properties:
                    id:
                      type: string
            """);

        var required = Assert.Single(reported);
        Assert.StartsWith("ARZ0110 ", required);
        Assert.Contains("'nmae'", required);
    }

    [Fact]
    public void A_required_list_with_no_properties_of_its_own_is_checked_where_it_is_merged()
    {
        var reported = Reported(
            """
              inputs:
                allOf:
                - $ref: '#/components/inputs/needs_name'
                - properties:
                    name:
                      type: string
            """,
            """
                needs_name:
                  required: [name]
            """);

        Assert.Empty(reported);
    }

    [Fact]
    public void A_schema_that_is_made_of_itself_is_reported_and_a_property_that_refers_to_its_own_schema_is_not()
    {
        var cycle = Reported(
            """
              inputs:
                $ref: '#/components/inputs/a'
            """,
            """
                a:
                  allOf:
                  - $ref: '#/components/inputs/b'
                b:
                  allOf:
                  - $ref: '#/components/inputs/a'
            """);
        var tree = Reported(
            """
              inputs:
                type: object
                properties:
                  name:
                    type: string
                  root:
                    $ref: '#/components/inputs/node'
            """,
            """
                node:
                  type: object
                  properties:
                    children:
                      type: array
                      items:
                        $ref: '#/components/inputs/node'
                    parent:
                      $ref: '#/components/inputs/node'
            """);

        // Reported once, where the loop closes; the workflow then has no inputs, so its $inputs.name is unknown too.
        Assert.Equal(new[] { "ARZ0112 39: The inputs schema refers back to itself through $ref or allOf (a -> b -> a), so its properties never end", "ARZ0209 18: Workflow 'flow' declares no input 'name'" }, cycle);
        Assert.Empty(tree);
        Assert.Empty(Reported(
            """
              inputs:
                $ref: '#/components/inputs/node'
            """,
            """
                node:
                  type: object
                  properties:
                    name:
                      type: string
                    child:
                      $ref: '#/components/inputs/leaf'
                leaf:
                  allOf:
                  - $ref: '#/components/inputs/node'
                  description: A node with no children of its own.
            """));
    }

    [Fact]
    public void Workflow_inputs_that_refer_to_a_schema_that_is_not_an_object_are_reported_at_the_ref()
    {
        var reported = Reported(
            """
              inputs:
                $ref: '#/components/inputs/name'
            """,
            """
                name:
                  type: string
            """);

        Assert.Equal(new[] { "ARZ0103 12: 'inputs.type' must be 'object' (inputs are named properties), not 'string'" }, reported.Where(r => !r.StartsWith("ARZ0209", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_property_s_ref_to_a_component_that_does_not_exist_is_reported_and_one_elsewhere_is_left_to_the_slot_it_fills()
    {
        var reported = Reported(
            """
              inputs:
                type: object
                properties:
                  name:
                    $ref: '#/components/inputs/nmae'
                  other:
                    $ref: './shared.yaml#/name'
            """,
            """
                name:
                  type: string
            """);

        Assert.Equal(new[] { "ARZ0211 15: components.inputs has no entry 'nmae'; did you mean 'name'?" }, reported);
    }
}
