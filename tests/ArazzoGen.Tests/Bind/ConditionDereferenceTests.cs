using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// In a simple condition '.' is an operator, "Property de-reference" (Arazzo 1.0.1, Criterion
/// Object): <c>$response.body.TrainingJobStatus</c> is <c>$response.body</c>, then its member, as
/// other tools' workflows write it. Outside a condition the ABNF has only the JSON Pointer form.
/// </summary>
public class ConditionDereferenceTests
{
    /// <summary>The poll step of <see cref="BindDiagnosticTests.ValidDocument"/> with one more success criterion.</summary>
    internal static string WithCriterion(string condition)
    {
        const string criteria = "    - condition: $statusCode == 200\n    outputs:\n      status: $response.body#/TrainingJobStatus";
        Assert.Contains(criteria, BindDiagnosticTests.ValidDocument);
        return BindDiagnosticTests.ValidDocument.Replace(criteria, criteria.Replace("\n    outputs:", "\n    - condition: " + condition + "\n    outputs:"));
    }

    [Fact]
    public void A_member_after_response_body_in_a_simple_condition_compiles_as_the_json_pointer_to_it()
    {
        var pointer = SdkCompilation.GenerateClean(WithCriterion("$response.body#/TrainingJobStatus != 'Failed'"));
        var dotted = SdkCompilation.GenerateClean(WithCriterion("$response.body.TrainingJobStatus != 'Failed'"));

        Assert.Contains("TrainingJobStatus", pointer);
        Assert.Equal(pointer, dotted.Replace("$response.body.TrainingJobStatus", "$response.body#/TrainingJobStatus"));
    }

    [Fact]
    public void The_state_machine_reads_the_member_as_it_reads_the_json_pointer()
    {
        static string StateMachine(string condition)
        {
            var (run, _) = SdkCompilation.GenerateWithStateMachines(new[] { ("/w/train.yaml", WithCriterion(condition)) });
            Assert.Empty(run.Diagnostics);
            return string.Join("\n", run.GeneratedTrees.Select(t => t.ToString()));
        }

        var pointer = StateMachine("$response.body#/TrainingJobStatus != 'Failed'");
        var dotted = StateMachine("$response.body.TrainingJobStatus != 'Failed'");

        Assert.Contains("\"\"StringEquals\"\": \"\"Failed\"\"", pointer); // the criterion, in the state machine's Choice
        Assert.Equal(pointer, dotted.Replace("$response.body.TrainingJobStatus", "$response.body#/TrainingJobStatus"));
    }

    [Fact]
    public void In_a_step_output_the_dotted_form_is_a_warning_and_compiles_as_the_json_pointer()
    {
        var pointer = SdkCompilation.GenerateClean(BindDiagnosticTests.ValidDocument);
        var document = BindDiagnosticTests.ValidDocument.Replace("status: $response.body#/TrainingJobStatus", "status: $response.body.TrainingJobStatus");
        var (run, _) = SdkCompilation.Generate([("/w/train.yaml", document)]);

        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal(("ARZ0308", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Contains("it is compiled as '$response.body#/TrainingJobStatus'", warning.GetMessage());
        Assert.Equal(pointer, Assert.Single(run.GeneratedTrees).ToString());
    }
}
