using System.Text.RegularExpressions;
using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// What Bind decides for durable runs: the StateVersion that guards checkpoints (it follows what a
/// checkpoint means, not how the workflow is worded), and which creates a resumed run reads back
/// instead of repeating.
/// </summary>
public partial class DurableStateTests
{
    private static readonly string TrainThenDeploy = File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml"));

    private static string Generated(string yaml)
    {
        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train-then-deploy.yml", yaml) });
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return Assert.Single(run.GeneratedTrees).ToString();
    }

    private static string VersionOf(string yaml) => StateVersion().Match(Generated(yaml)).Groups[1].Value;

    [Fact]
    public void The_state_version_ignores_wording_and_request_values_but_follows_steps_inputs_and_results()
    {
        var original = VersionOf(TrainThenDeploy);

        // Wording, and a value a step not yet run would send: a checkpoint means the same.
        Assert.Equal(original, VersionOf(TrainThenDeploy.Replace("Train a model and, on success, deploy", "Train, then deploy")));
        Assert.Equal(original, VersionOf(TrainThenDeploy.Replace("EndpointConfigName: $inputs.endpointConfigName\n", "EndpointConfigName: fixed-config\n")));

        // What a checkpoint holds or where it points: it does not.
        Assert.NotEqual(original, VersionOf(TrainThenDeploy.Replace("modelArn: $response.body#/ModelArn", "modelArn: $response.body#/ModelArn\n      createdModel: $response.body#/ModelArn")));
        Assert.NotEqual(original, VersionOf(TrainThenDeploy.Replace("stepId: createEndpointConfig", "stepId: configureEndpoint").Replace("$steps.createEndpointConfig.", "$steps.configureEndpoint.")));
        Assert.NotEqual(original, VersionOf(TrainThenDeploy.Replace("      variantName:\n        type: string", "      variantName:\n        type: string\n      spare:\n        type: string")));
        Assert.Matches("^[0-9a-f]{16}$", original);
    }

    [Fact]
    public void Each_name_keyed_create_of_the_seeds_reads_back_through_its_describe_call()
    {
        var code = Generated(TrainThenDeploy);

        var readBacks = ReadBack().Matches(code).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

        Assert.Equal(
            new[] { ("CreateTrainingJob", "DescribeTrainingJob"), ("CreateModel", "DescribeModel"), ("CreateEndpointConfig", "DescribeEndpointConfig"), ("CreateEndpoint", "DescribeEndpoint") },
            readBacks);
        Assert.Contains("_createTrainingJob = new CreateTrainingJobResult(response.TrainingJobArn);", code);
        Assert.DoesNotContain("PollTrainingJobReadBackAsync", code);
    }

    [Fact]
    public void A_create_whose_success_criteria_read_its_answer_is_not_taken_as_done_by_a_read_back()
    {
        var readsBody = Regex.Replace(TrainThenDeploy, "(operationId: CreateModel\\n(?:.*\\n)*?    successCriteria:\\n)    - condition: \\$statusCode == 200", "$1    - condition: $response.body#/ModelArn != null");
        Assert.NotEqual(TrainThenDeploy, readsBody);

        var code = Generated(readsBody);

        Assert.DoesNotContain("CreateModelReadBackAsync", code);
        Assert.Contains("CreateTrainingJobReadBackAsync", code);
    }

    [Fact]
    public void A_step_named_like_another_steps_read_back_does_not_collide_with_it()
    {
        // createModelCopy is createModel again under a name whose method would be createModel's read-back, had the name not been checked.
        var step = Regex.Match(TrainThenDeploy, "  - stepId: createModel\n(?:.*\n)*?(?=  - stepId: )").Value;
        var twin = step.Replace("stepId: createModel", "stepId: createModelReadBack").Replace("ModelName: $inputs.modelName", "ModelName: copy");
        var yaml = TrainThenDeploy.Replace(step, step + twin);
        Assert.NotEqual(TrainThenDeploy, yaml);

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/train-then-deploy.yml", yaml) });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => d.ToString()));
        var code = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("private async global::System.Threading.Tasks.ValueTask<Step?> CreateModelReadBackAsync()", code);
        Assert.Contains("private async global::System.Threading.Tasks.ValueTask<bool> CreateModelReadBackAsync2(", code);
    }

    [Fact]
    public void An_idempotency_token_the_workflow_leaves_out_is_not_a_missing_member_and_a_durable_run_fills_it()
    {
        var document = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ArazzoGen.Workflows.Tests", "workflows", "durable-tokens.arazzo.yaml"));
        var given = document.Replace("        PipelineExecutionDisplayName: nightly", "        PipelineExecutionDisplayName: nightly\n        ClientRequestToken: $inputs.pipelineName");
        Assert.NotEqual(document, given);

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/tokens.yaml", document) });
        var (withToken, _) = SdkCompilation.Generate(new[] { ("/w/tokens.yaml", given) });

        // StartPipelineExecution's model marks ClientRequestToken required and an idempotency token: the SDK fills it in.
        Assert.Empty(run.Diagnostics);
        Assert.Contains("request.ClientRequestToken ??= IdempotencyToken(\"start\");", Assert.Single(run.GeneratedTrees).ToString());
        Assert.Empty(withToken.Diagnostics);
        Assert.DoesNotContain("IdempotencyToken(", Assert.Single(withToken.GeneratedTrees).ToString());
    }

    [GeneratedRegex("public const string StateVersion = \"([0-9a-f]+)\";")]
    private static partial Regex StateVersion();

    [GeneratedRegex(@"Step '\w+' \(((?:Create)\w+)\)[^\n]*\n(?:.*\n)*?.*?static \(client, r, ct\) => client\.(Describe\w+)Async\(r, ct\)\)\.ConfigureAwait\(false\);\n\s+if \(call\.Response is not")]
    private static partial Regex ReadBack();
}
