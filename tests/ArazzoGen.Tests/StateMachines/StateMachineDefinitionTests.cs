using System.Text.Json.Nodes;
using ArazzoGen.Bind.Model;
using ArazzoGen.Bind.StateMachines;
using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Tool;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.StateMachines;

/// <summary>
/// With ArazzoStateMachines set, each workflow class carries its Step Functions definition: the
/// repository's workflows as approved snapshots, the translation's idioms (.sync in place of a job's
/// poll, Choice rules, Retry and Catch, the bounded Wait loop), and one warning (and no definition)
/// for what JSONPath cannot say.
/// </summary>
public class StateMachineDefinitionTests
{
    private static readonly Lazy<(IReadOnlyDictionary<string, string> Definitions, IReadOnlyList<Diagnostic> Diagnostics)> Repository = new(() =>
    {
        var files = RepoPaths.WorkflowFiles.Select(f => ("/repo/workflows/" + f, File.ReadAllText(RepoPaths.Workflow(f)))).Append(SdkCompilation.NeptuneOpenApi("/repo"));
        var (run, _) = SdkCompilation.GenerateWithStateMachines(files, SdkCompilation.NeptuneBindings);
        return (Definitions(run), run.Diagnostics);
    });

    public static TheoryData<string> SnapshotWorkflows => new()
    {
        "train-then-deploy",
        "preprocess-train-deploy",
        "register-latest-completed-training",
        "wait-for-table",
        "ensure-table-write-read",
        "train-and-poll-job",
        "train-and-deploy",
        "ml-dataprocessing-to-training",
    };

    [Theory]
    [MemberData(nameof(SnapshotWorkflows))]
    public void A_repository_workflows_definition_matches_its_approved_snapshot(string workflowId)
    {
        Assert.True(Repository.Value.Definitions.TryGetValue(workflowId, out var definition), $"no definition for {workflowId}");

        Snapshot.MatchFile("state-machine-" + workflowId, definition + "\n", "json");
    }

    [Fact]
    public void Every_repository_workflow_gets_a_definition_without_a_warning()
    {
        Assert.DoesNotContain(Repository.Value.Diagnostics, d => d.Id == "ARZ1035");
        Assert.Equal(
            ["deploy-model", "ensure-table-write-read", "ml-dataprocessing-to-training", "preprocess-train-deploy", "register-latest-completed-training", "train-and-deploy", "train-and-poll-job", "train-model", "train-then-deploy", "wait-for-table"],
            Repository.Value.Definitions.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_repository_definition_holds_what_Step_Functions_checks()
    {
        Assert.All(Repository.Value.Definitions, d => Assert.Empty(AslInvariants.Problems(d.Value)));
        Assert.Contains("no state ends the execution", AslInvariants.Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}}"""));
        Assert.Contains("A.Next names 'B', which is no state of its scope", AslInvariants.Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"C":{"Type":"Succeed"}}}"""));
    }

    [Fact]
    public void A_step_timeout_is_its_Tasks_TimeoutSeconds_and_a_polling_step_with_one_gets_no_definition()
    {
        const string Describe = """
            arazzo: 1.1.0
            info:
              title: Timeouts
              version: 1.0.0
            sourceDescriptions:
            - name: sagemakerApi
              url: ./sagemaker.json
            workflows:
            - workflowId: describe
              steps:
              - stepId: describe
                operationId: DescribeTrainingJob
                timeout: 1500
                requestBody:
                  payload:
                    TrainingJobName: job
                successCriteria:
                - condition: $statusCode == 200
                onFailure:
                - name: again
                  type: retry
                  retryAfter: 1
                  retryLimit: 2
            """;
        var (run, _) = SdkCompilation.GenerateWithStateMachines([("/w/describe.yaml", Describe)]);
        var task = JsonNode.Parse(Definitions(run)["describe"])!["States"]!["describe"]!;

        Assert.Equal(2, (int?)task["TimeoutSeconds"]); // 1,500 ms, in the whole seconds a Task takes
        Assert.Equal("States.ALL", (string?)task["Retry"]![0]!["ErrorEquals"]![0]); // which States.Timeout is one of

        var polling = Describe.Replace("    onFailure:\n    - name: again\n      type: retry\n      retryAfter: 1\n      retryLimit: 2", "    onSuccess:\n    - name: again\n      type: goto\n      stepId: describe\n      criteria:\n      - condition: $response.body#/TrainingJobStatus == 'InProgress'");
        Assert.NotEqual(Describe, polling);
        (run, _) = SdkCompilation.GenerateWithStateMachines([("/w/describe.yaml", polling)]);
        Assert.Empty(Definitions(run));
        Assert.Contains(run.Diagnostics, d => d.Id == "ARZ1035" && d.GetMessage().Contains("the timeout of step 'describe'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negated_criterion_that_was_not_met_is_checked_without_a_Not_inside_a_Not()
    {
        var document = ArazzoGen.Tests.Bind.ConditionDereferenceTests.WithCriterion("$response.body#/TrainingJobStatus != 'Failed'");
        var (run, _) = SdkCompilation.GenerateWithStateMachines([("/w/train.yaml", document)]);
        var choices = JsonNode.Parse(Definitions(run)["train"])!["States"]!["poll: outcome"]!["Choices"]!.AsArray();

        var notMet = Assert.Single(choices, c => (string?)c!["Next"] == "poll: criteria not met")!;
        // Not met means the status is Failed: that comparison itself, not Not(Not(it)).
        Assert.Null(notMet["Not"]);
        Assert.Equal("$.steps.poll.response.TrainingJobStatus", (string?)notMet["Variable"]);
        Assert.Equal("Failed", (string?)notMet["StringEquals"]);
    }

    [Fact]
    public void A_step_that_runs_a_workflow_starts_its_state_machine_as_a_nested_execution_in_the_same_account_and_Region()
    {
        var train = States("train-and-deploy")["train"]!;

        Assert.Equal("arn:aws:states:::states:startExecution.sync:2", (string?)train["Resource"]);
        Assert.StartsWith("States.Format('arn:{}:states:{}:{}:stateMachine:train-model', ", (string?)train["Parameters"]!["StateMachineArn.$"], StringComparison.Ordinal);
        Assert.Equal("$.inputs.trainingImage", (string?)train["Parameters"]!["Input"]!["image.$"]);
        // trainingDidNotComplete (the child's status Failed or Stopped) ends with the outputs; another miss of the criteria fails the step.
        var choices = States("train-and-deploy")["train: outcome"]!["Choices"]!.AsArray();
        Assert.Equal(["Workflow outputs", "train: criteria not met"], choices.Select(c => (string?)c!["Next"]));
    }

    [Fact]
    public void Each_state_machine_gets_the_least_privilege_policy_of_its_role_and_the_class_the_policy_of_its_calls()
    {
        var (run, _) = SdkCompilation.GenerateWithStateMachines([("/repo/workflows/t.yml", File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml")))]);
        var constants = Constants(run)["train-then-deploy"];

        var forStateMachine = Grants(constants["StateMachineRolePolicy"]);
        Assert.Equal(["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"], forStateMachine["arn:aws:sagemaker:*:*:training-job/*"]);
        Assert.Equal(["events:DescribeRule", "events:PutRule", "events:PutTargets"], forStateMachine["arn:aws:events:*:*:rule/StepFunctionsGetEventsForSageMakerTrainingJobsRule"]);
        Assert.Equal(["sagemaker:CreateEndpoint", "sagemaker:DescribeEndpoint"], forStateMachine["arn:aws:sagemaker:*:*:endpoint/*"]);
        var passRole = JsonNode.Parse(constants["StateMachineRolePolicy"])!["Statement"]!.AsArray().Single(s => s!["Action"]![0]!.GetValue<string>() == "iam:PassRole")!;
        Assert.Equal("sagemaker.amazonaws.com", (string?)passRole["Condition"]!["StringEquals"]!["iam:PassedToService"]);

        var forClass = Grants(constants["RolePolicy"]);
        Assert.Equal(["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], forClass["arn:aws:sagemaker:*:*:training-job/*"]); // it polls; it never stops the job
        Assert.DoesNotContain(forClass.Keys, r => r.StartsWith("arn:aws:events", StringComparison.Ordinal));
    }

    [Fact]
    public void A_SageMaker_job_created_then_polled_is_one_sync_task_whose_failed_job_still_reaches_the_polls_branches()
    {
        var states = States("train-then-deploy");

        Assert.Equal("arn:aws:states:::sagemaker:createTrainingJob.sync", (string?)states["createTrainingJob"]!["Resource"]);
        Assert.False(states.ContainsKey("pollTrainingJob"));
        Assert.DoesNotContain(states, s => (string?)s.Value!["Type"] == "Wait" && s.Key.StartsWith("pollTrainingJob", StringComparison.Ordinal));
        var caught = states["createTrainingJob"]!["Catch"]!.AsArray().Single();
        Assert.Equal("States.TaskFailed", (string?)caught!["ErrorEquals"]![0]);
        Assert.Equal("pollTrainingJob: outcome", (string?)states[(string)caught["Next"]!]!["Next"]);
        // trainingCompleted goes on to createModel; trainingFailed (neither Completed nor InProgress) ends with the outputs.
        var choices = states["pollTrainingJob: outcome"]!["Choices"]!.AsArray();
        Assert.Equal(["createModel", "Workflow outputs"], choices.Select(c => (string?)c!["Next"]));
    }

    [Fact]
    public void A_poll_without_a_sync_form_waits_as_the_class_does_and_is_bounded()
    {
        var states = States("train-then-deploy");

        Assert.Equal("arn:aws:states:::aws-sdk:sagemaker:describeEndpoint", (string?)states["pollEndpoint"]!["Resource"]);
        Assert.Equal("pollEndpoint: next poll", (string?)states["pollEndpoint: outcome"]!["Choices"]![0]!["Next"]);
        var next = states["pollEndpoint: next poll"]!;
        Assert.Equal("pollEndpoint: gave up", (string?)next["Choices"]![0]!["Next"]);
        // EndpointInService's waiter delay is 30 s: waits of 5 s, doubling, up to 15 s, as PollDelay.UpTo.
        Assert.Equal(15, (int)states["pollEndpoint: wait 15 s"]!["Seconds"]!);
        Assert.Equal("$.polls.pollEndpoint.wait", (string?)states["pollEndpoint: wait"]!["SecondsPath"]);
        Assert.Equal("pollEndpoint", (string?)states["pollEndpoint: count"]!["Next"]);
        Assert.Equal("Fail", (string?)states["pollEndpoint: gave up"]!["Type"]);
    }

    [Fact]
    public void Failure_retries_on_an_error_code_become_a_Retry_and_throttling_of_the_jobs_own_polls_joins_the_sync_task()
    {
        var states = States("preprocess-train-deploy");

        var retry = states["startTraining"]!["Retry"]!.AsArray().Single()!;
        Assert.Equal("SageMaker.ThrottlingException", (string?)retry["ErrorEquals"]![0]);
        Assert.Equal((2, 5), ((int)retry["IntervalSeconds"]!, (int)retry["MaxAttempts"]!));
        // waitForTraining's cannotWatchTraining (any error but throttling) goes on to stopTraining from the one task.
        Assert.Contains(states["startTraining"]!["Catch"]!.AsArray(), c => (string?)c!["Next"] == "stopTraining");
    }

    [Fact]
    public void A_list_length_criterion_is_whether_an_element_is_present_and_an_output_read_through_an_index_is_kept_only_when_there()
    {
        var states = States("register-latest-completed-training");

        var found = states["listCompletedTrainingJobs: outcome"]!["Choices"]![0]!;
        Assert.Equal("$.steps.listCompletedTrainingJobs.response.TrainingJobSummaries[0]", (string?)found["Variable"]);
        Assert.True((bool)found["IsPresent"]!);
        Assert.Equal("listCompletedTrainingJobs: keep latestTrainingJobName", (string?)states["listCompletedTrainingJobs: has latestTrainingJobName"]!["Choices"]![0]!["Next"]);
        Assert.Equal("$.steps.listCompletedTrainingJobs.outputs.latestTrainingJobName", (string?)states["describeTrainingJob"]!["Parameters"]!["TrainingJobName.$"]);
    }

    [Fact]
    public void Without_ArazzoStateMachines_no_class_has_a_definition_and_nothing_is_reported_about_one()
    {
        var (run, _) = SdkCompilation.Generate(SdkCompilation.Seeds(), true, SdkCompilation.NeptuneBindings);

        Assert.Empty(Definitions(run));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ARZ1035");
    }

    [Fact]
    public void A_regex_criterion_is_one_warning_at_its_step_and_the_class_is_still_generated()
    {
        var yaml = File.ReadAllText(RepoPaths.Workflow("amazon-dynamodb-wait-for-table-workflow.yml"));
        var marked = yaml.Replace("condition: $statusCode == 200", "condition: $statusCode == 200\n    - context: $response.body#/Table/TableName\n      condition: '^[a-z]'\n      type: regex", StringComparison.Ordinal);
        Assert.NotEqual(yaml, marked);

        var (run, output) = SdkCompilation.GenerateWithStateMachines([("/repo/workflows/wait.yml", marked)]);

        var warning = Assert.Single(run.Diagnostics, d => d.Id == "ARZ1035");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("cannot express a regex or JSONPath filter criterion", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(Definitions(run));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.Workflows.WaitForTableWorkflow") ?? output.GetSymbolsWithName("WaitForTableWorkflow").FirstOrDefault());
    }

    [Theory]
    [InlineData("DynamoDB", "DescribeTable", "ResourceNotFoundException", "DynamoDb.ResourceNotFoundException")]
    [InlineData("DynamoDB", "PutItem", "ConditionalCheckFailedException", "DynamoDB.ConditionalCheckFailedException")]
    [InlineData("ACM PCA", "DeleteCertificateAuthority", "ResourceNotFoundException", "AcmPca.ResourceNotFoundException")]
    [InlineData("S3", "CreateBucket", "BucketAlreadyExists", "S3.BucketAlreadyExistsException")]
    [InlineData("KMS", "Decrypt", "InvalidCiphertextException", "Kms.InvalidCiphertextException")]
    [InlineData("SageMaker", "DescribeEndpoint", "ThrottlingException", "SageMaker.ThrottlingException")]
    public void Error_names_are_spelt_as_Step_Functions_reports_them(string service, string operation, string code, string expected) =>
        Assert.Equal(expected, TaskResources.ErrorName(new ApiOperation(service, operation), code));

    [Theory]
    [InlineData("SageMaker", "CreateTrainingJob", true, "arn:aws:states:::sagemaker:createTrainingJob.sync")]
    [InlineData("SageMaker", "CreateEndpoint", false, "arn:aws:states:::sagemaker:createEndpoint")]
    [InlineData("SageMaker", "DescribeEndpoint", false, "arn:aws:states:::aws-sdk:sagemaker:describeEndpoint")]
    [InlineData("DynamoDB", "GetItem", false, "arn:aws:states:::dynamodb:getItem")]
    [InlineData("DynamoDB", "DescribeTable", false, "arn:aws:states:::aws-sdk:dynamodb:describeTable")]
    [InlineData("ACM PCA", "DeleteCertificateAuthority", false, "arn:aws:states:::aws-sdk:acmpca:deleteCertificateAuthority")]
    public void A_task_uses_the_optimised_integration_where_Step_Functions_has_one_else_the_AWS_SDK_integration(string service, string operation, bool sync, string expected) =>
        Assert.Equal(expected, TaskResources.Resource(new ApiOperation(service, operation), sync));

    private static Dictionary<string, string[]> Grants(string policy) =>
        JsonNode.Parse(policy)!["Statement"]!.AsArray()
            .Where(s => s!["Condition"] is null)
            .ToDictionary(s => (string)s!["Resource"]!, s => s!["Action"]!.AsArray().Select(a => (string)a!).ToArray());

    private static JsonObject States(string workflowId) =>
        JsonNode.Parse(Repository.Value.Definitions[workflowId])!["States"]!.AsObject();

    /// <summary>The StateMachineDefinition constants of the generated classes, by workflow id.</summary>
    internal static IReadOnlyDictionary<string, string> Definitions(GeneratorDriverRunResult run) =>
        Constants(run).Where(c => c.Value.ContainsKey("StateMachineDefinition")).ToDictionary(c => c.Key, c => c.Value["StateMachineDefinition"]);

    /// <summary>The string constants of each generated workflow class, by workflow id (as arazzogen asl reads them).</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Constants(GeneratorDriverRunResult run) => GeneratedConstants.ByWorkflowId(run);
}
