using ArazzoGen.Tests.Bind;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// Arazzo 1.1.0 (released 2026-05-17): a 1.1 document compiles, with what 1.1 adds that an AWS SDK
/// call can do (a step's timeout and dependsOn, Selector Objects); what it cannot (AsyncAPI channels
/// and messages, XPath) is an error at its field. A 1.0 document that uses a 1.1 field gets a
/// warning and the field's 1.1 meaning.
/// </summary>
public class ArazzoOneOneTests
{
    private const string PollOutputs = "    outputs:\n      status: $response.body#/TrainingJobStatus";

    /// <summary>The poll step of <see cref="BindDiagnosticTests.ValidDocument"/>, in a 1.1 document, with <paramref name="fields"/> added and its outputs replaced.</summary>
    private static string OneOne(string fields, string outputs = PollOutputs, string version = "1.1.0")
    {
        Assert.Contains(PollOutputs, BindDiagnosticTests.ValidDocument);
        return BindDiagnosticTests.ValidDocument
            .Replace("arazzo: 1.0.1", "arazzo: " + version)
            .Replace(PollOutputs, fields + outputs);
    }

    private static List<string> Reported(string document) =>
        GeneratorRunner.Diagnose(document).Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1}").ToList();

    [Fact]
    public void A_1_1_document_with_a_timeout_a_step_dependency_and_selector_outputs_compiles()
    {
        var code = SdkCompilation.GenerateClean(OneOne(
            "    timeout: 600000\n    dependsOn: [create]\n",
            """
                outputs:
                  status:
                    context: $response.body
                    selector: $.TrainingJobStatus
                    type: jsonpath
                  artifacts:
                    context: $response.body
                    selector: /ModelArtifacts/S3ModelArtifacts
                    type:
                      type: jsonpointer
                      version: rfc6901
            """.TrimEnd()));

        Assert.Contains("EnterStep(\"poll\", global::System.TimeSpan.FromMilliseconds(600000));", code);
        Assert.Contains("new PollResult(response.TrainingJobStatus, response.ModelArtifacts?.S3ModelArtifacts)", code);
    }

    [Fact]
    public void A_selector_compiles_to_what_the_json_pointer_it_names_compiles_to()
    {
        var pointer = SdkCompilation.GenerateClean(OneOne(string.Empty, "    outputs:\n      status: $response.body#/ModelArtifacts/S3ModelArtifacts"));
        var selector = SdkCompilation.GenerateClean(OneOne(string.Empty, "    outputs:\n      status:\n        context: $response.body#/ModelArtifacts\n        selector: $['S3ModelArtifacts']\n        type: jsonpath"));

        Assert.Equal(pointer, selector);

        // A context read with dots, as the 1.1 examples write it, goes on the same way (with ARZ0308's warning).
        var (run, _) = SdkCompilation.Generate([("/w/train.yaml", OneOne(string.Empty, "    outputs:\n      status:\n        context: $response.body.ModelArtifacts\n        selector: $.S3ModelArtifacts\n        type: jsonpath"))]);
        Assert.Equal(["ARZ0308"], run.Diagnostics.Select(d => d.Id));
        Assert.Equal(pointer, Assert.Single(run.GeneratedTrees).ToString());
    }

    [Fact]
    public void A_1_0_document_that_uses_1_1_fields_is_warned_once_per_field_and_compiled()
    {
        var document = OneOne(
            "    timeout: 600000\n    dependsOn: [create]\n",
            "    outputs:\n      status:\n        context: $response.body\n        selector: /TrainingJobStatus\n        type: jsonpointer",
            version: "1.0.1");

        var diagnostics = GeneratorRunner.Diagnose(document);

        Assert.All(diagnostics, d => Assert.Equal(("ARZ0113", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal(
            ["The step field 'timeout'", "The step field 'dependsOn'", "A Selector Object"],
            diagnostics.Select(d => d.GetMessage().Substring(0, d.GetMessage().IndexOf(" is Arazzo 1.1", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("1.1.0", true)]
    [InlineData("1.1.3", true)]
    [InlineData("1.0.0", true)]
    [InlineData("1.2.0", false)]
    [InlineData("2.0.0", false)]
    public void The_versions_1_0_and_1_1_are_read(string version, bool read)
    {
        var reported = Reported(OneOne(string.Empty, version: version));

        Assert.Equal(read, !reported.Contains("ARZ0101 1"));
    }

    [Theory]
    [InlineData("    channelPath: '{$sourceDescriptions.events.url}#/channels/jobs'\n", "ARZ0215")] // a second target
    [InlineData("    action: receive\n", "ARZ0234")]
    [InlineData("    correlationId: $inputs.jobName\n", "ARZ0234")]
    public void AsyncAPI_fields_are_errors_at_the_field(string fields, string id)
    {
        var document = OneOne(fields);

        Assert.Equal([id], Reported(document).Select(r => r.Split(' ')[0]).Distinct());
    }

    [Fact]
    public void A_step_that_receives_from_a_channel_is_an_AsyncAPI_step()
    {
        var document = OneOne(string.Empty)
            .Replace("    operationId: DescribeTrainingJob\n", "    channelPath: '{$sourceDescriptions.sagemakerApi.url}#/channels/jobs'\n    action: receive\n");

        var reported = Reported(document);

        Assert.Contains(reported, r => r.StartsWith("ARZ0234", StringComparison.Ordinal));
        Assert.DoesNotContain(reported, r => r.StartsWith("ARZ0215", StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_expression_says_it_is_AsyncAPI()
    {
        var diagnostic = Assert.Single(GeneratorRunner.Diagnose(OneOne(string.Empty, "    outputs:\n      status: $message.payload#/status")));

        Assert.Equal("ARZ0301", diagnostic.Id);
        Assert.Contains("AsyncAPI message", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[create]", null)]
    [InlineData("[ghost]", "ARZ0205")]
    [InlineData("[poll]", "ARZ0235")]
    [InlineData("['$workflows.other.steps.a']", "ARZ0235")]
    [InlineData("[create, create]", "ARZ0230")]
    public void A_step_depends_on_steps_that_always_run_before_it(string dependsOn, string? id)
    {
        var reported = Reported(OneOne($"    dependsOn: {dependsOn}\n"));

        Assert.Equal(id is null ? [] : [id], reported.Select(r => r.Split(' ')[0]));
    }

    [Fact]
    public void A_dependency_that_a_goto_can_skip_is_reported()
    {
        // 'create' goes on to 'middle', or, on a 201, straight to 'poll': 'middle' does not always run first.
        var document = OneOne("    dependsOn: [middle]\n")
            .Replace("  - stepId: poll\n", """
              - stepId: middle
                operationId: DescribeTrainingJob
                requestBody:
                  payload:
                    TrainingJobName: $inputs.jobName
              - stepId: poll

            """.Replace("\r\n", "\n"))
            .Replace("    outputs:\n      arn: $response.body#/TrainingJobArn", "    outputs:\n      arn: $response.body#/TrainingJobArn\n    onSuccess:\n    - name: skip\n      type: goto\n      stepId: poll\n      criteria:\n      - condition: $statusCode == 201");

        Assert.Equal(["ARZ0235"], Reported(document).Select(r => r.Split(' ')[0]));
    }

    [Theory]
    [InlineData("$.Items[*].Name", "jsonpath")]
    [InlineData("/Envelope/Status", "xpath")]
    [InlineData("TrainingJobStatus", "jsonpointer")]
    public void A_selector_that_names_no_single_JSON_value_is_an_error(string selector, string type)
    {
        var document = OneOne(string.Empty, $"    outputs:\n      status:\n        context: $response.body\n        selector: '{selector}'\n        type: {type}");

        Assert.Equal(["ARZ0307"], Reported(document).Select(r => r.Split(' ')[0]));
    }

    [Fact]
    public void A_querystring_parameter_has_no_SDK_member()
    {
        var document = OneOne(string.Empty).Replace(
            "    operationId: DescribeTrainingJob\n",
            "    operationId: DescribeTrainingJob\n    parameters:\n    - name: q\n      in: querystring\n      value: a=b\n");

        var (run, _) = SdkCompilation.Generate([("/w/train.yaml", document)]);

        Assert.Equal(["ARZ1005"], run.Diagnostics.Select(d => d.Id)); // as a cookie has: the SDK builds the query string itself
    }
}
