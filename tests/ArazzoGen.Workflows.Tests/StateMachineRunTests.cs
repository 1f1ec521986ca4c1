using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SageMaker.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Samples.Simulation;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// The Step Functions definitions this project's workflow classes carry (ArazzoStateMachines is set):
/// every one passes asl-validator, and the SageMaker ones run in aws-local-stepfunctions against a
/// simulated SageMaker that follows the C# simulator; each run ends with the outputs the class's own
/// run has on the same simulated timeline.
/// </summary>
public class StateMachineRunTests
{
    private static readonly Dictionary<string, string> Definitions = typeof(StateMachineRunTests).Assembly.GetTypes()
        .Where(t => t.Namespace == "ArazzoGen.Workflows.Tests.Workflows")
        .Select(t => (Id: t.GetField("WorkflowId")?.GetRawConstantValue() as string, Definition: t.GetField("StateMachineDefinition")?.GetRawConstantValue() as string))
        .Where(d => d.Id is not null && d.Definition is not null)
        .ToDictionary(d => d.Id!, d => d.Definition!);

    private readonly TestClock _clock = new();

    private static JsonObject TrainThenDeployInput => new()
    {
        ["trainingJobName"] = "churn",
        ["trainingImage"] = "xgboost:1",
        ["roleArn"] = "arn:aws:iam::123456789012:role/SageMaker",
        ["s3OutputPath"] = "s3://models/",
        ["instanceType"] = "ml.m5.xlarge",
        ["instanceCount"] = 1,
        ["volumeSizeInGB"] = 30,
        ["maxRuntimeInSeconds"] = 86400,
        ["modelName"] = "churn",
        ["inferenceImage"] = "xgboost-inference:1",
        ["endpointConfigName"] = "churn",
        ["variantName"] = "AllTraffic",
        ["initialInstanceCount"] = 1,
        ["hostingInstanceType"] = "ml.m5.large",
        ["endpointName"] = "churn",
    };

    [Fact]
    public async Task Every_definition_the_workflow_classes_carry_passes_asl_validator()
    {
        Assert.Superset(new HashSet<string> { "train-then-deploy", "preprocess-train-deploy", "register-latest-completed-training", "wait-for-table", "ensure-table-write-read", "train-and-poll-job" }, Definitions.Keys.ToHashSet());

        var errors = await LocalStepFunctions.ValidateAsync(Definitions);

        Assert.Equal(Definitions.Keys.Order(), errors.Keys.Order());
        Assert.All(errors, e => Assert.True(e.Value.Length == 0, $"{e.Key}: {string.Join("; ", e.Value)}"));
    }

    public static TheoryData<string, bool, bool> TrainThenDeployCases => new()
    {
        { "completed", false, false },
        { "training failed", true, false },
        { "endpoint failed", false, true },
    };

    [Theory]
    [MemberData(nameof(TrainThenDeployCases))]
    public async Task Train_then_deploy_on_Step_Functions_ends_with_the_outputs_of_the_classs_own_run(string scenario, bool failTraining, bool failEndpoint)
    {
        var simulation = new SimulationOptions { TrainingDuration = TimeSpan.FromMinutes(41), EndpointCreationDuration = TimeSpan.FromMinutes(8), FailTraining = failTraining, FailEndpoint = failEndpoint };
        var sageMaker = new SimulatedSageMaker(_clock, simulation);
        var inProcess = await new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock }).RunAsync(SampleInputs.TrainThenDeploy());

        var execution = await LocalStepFunctions.RunAsync(Definitions["train-then-deploy"], TrainThenDeployInput, simulation);

        Assert.True(execution.Status == "SUCCEEDED", $"{scenario}: {execution.Error} {execution.Cause}");
        AssertSameOutputs(inProcess, execution.Output!);
        // Step Functions waits for the training job itself (.sync): the state machine never describes it.
        Assert.Equal(0, execution.CallsTo("DescribeTrainingJob"));
        Assert.True(sageMaker.CallsTo("DescribeTrainingJob") > 1);
        // The endpoint is polled with the class's delays: as many Describes, on the same timeline.
        Assert.Equal(sageMaker.CallsTo("DescribeEndpoint"), execution.CallsTo("DescribeEndpoint"));
        Assert.Equal(failTraining ? 0 : 1, execution.CallsTo("CreateEndpoint"));
    }

    [Fact]
    public async Task The_pipeline_on_Step_Functions_retries_throttling_and_ends_as_the_class_does()
    {
        var simulation = new SimulationOptions { ThrottledCallsPerOperation = 2 };
        var sageMaker = new SimulatedSageMaker(_clock, simulation);
        var inputs = SampleInputs.Pipeline();
        var inProcess = await new PreprocessTrainDeployWorkflow(new PreprocessTrainDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock, TransientRetries = 0 }).RunAsync(inputs);
        var input = new JsonObject
        {
            ["jobName"] = "churn",
            ["roleArn"] = "arn:aws:iam::123456789012:role/SageMaker",
            ["rawDataS3Uri"] = "s3://data/raw",
            ["preprocessedDataS3Uri"] = "s3://data/preprocessed",
            ["preprocessingImage"] = "sklearn:0.20",
            ["trainingImage"] = "xgboost:1",
            ["modelOutputS3Uri"] = "s3://models",
            ["inferenceImage"] = "xgboost-inference:1",
        };

        var execution = await LocalStepFunctions.RunAsync(Definitions["preprocess-train-deploy"], input, simulation);

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error} {execution.Cause}");
        AssertSameOutputs(inProcess, execution.Output!);
        Assert.Equal("InService", (string?)execution.Output!["endpointStatus"]);
        // Each create was throttled twice, then retried by the task's Retry (retryThrottled: 5 after 2 s).
        Assert.Equal(3, execution.CallsTo("CreateProcessingJob"));
        Assert.Equal(3, execution.CallsTo("CreateTrainingJob"));
        Assert.Equal(3, execution.CallsTo("CreateEndpoint"));
    }

    [Fact]
    public async Task Register_latest_on_Step_Functions_ends_after_an_empty_list_and_registers_the_newest_completed_job()
    {
        var input = new JsonObject { ["modelName"] = "churn", ["inferenceImage"] = "image", ["executionRoleArn"] = "arn:aws:iam::123456789012:role/SageMaker" };
        var inputs = new RegisterLatestCompletedTrainingWorkflow.Inputs { ModelName = "churn", InferenceImage = "image", ExecutionRoleArn = "arn:aws:iam::123456789012:role/SageMaker" };

        var empty = new SimulatedSageMaker(_clock, new SimulationOptions());
        var noneInProcess = await new RegisterLatestCompletedTrainingWorkflow(new RegisterLatestCompletedTrainingWorkflow.Clients(empty.Client), new WorkflowOptions { TimeProvider = _clock }).RunAsync(inputs);
        var none = await LocalStepFunctions.RunAsync(Definitions["register-latest-completed-training"], input, new SimulationOptions());

        Assert.True(none.Status == "SUCCEEDED", $"{none.Error} {none.Cause}");
        AssertSameOutputs(noneInProcess, none.Output!);
        Assert.Null(none.Output!["latestTrainingJobName"]);
        Assert.Equal(0, none.CallsTo("DescribeTrainingJob"));

        var withJob = new SimulatedSageMaker(_clock, new SimulationOptions());
        await withJob.Client.CreateTrainingJobAsync(new CreateTrainingJobRequest
        {
            TrainingJobName = "nightly-7",
            RoleArn = "arn:aws:iam::123456789012:role/SageMaker",
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "xgboost:1", TrainingInputMode = "File" },
            OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://models" },
        });
        _clock.Advance(TimeSpan.FromHours(1));
        var registeredInProcess = await new RegisterLatestCompletedTrainingWorkflow(new RegisterLatestCompletedTrainingWorkflow.Clients(withJob.Client), new WorkflowOptions { TimeProvider = _clock }).RunAsync(inputs);
        var existing = new JsonObject { ["existingTrainingJobs"] = new JsonArray(new JsonObject { ["name"] = "nightly-7", ["ageSeconds"] = 3600, ["outputPath"] = "s3://models" }) };

        var registered = await LocalStepFunctions.RunAsync(Definitions["register-latest-completed-training"], input, new SimulationOptions(), existing);

        Assert.True(registered.Status == "SUCCEEDED", $"{registered.Error} {registered.Cause}");
        AssertSameOutputs(registeredInProcess, registered.Output!);
        Assert.Equal("s3://models/nightly-7/output/model.tar.gz", (string?)registered.Output!["modelArtifacts"]);
    }

    [Fact]
    public async Task An_input_of_the_wrong_type_fails_the_execution_before_any_call_as_the_class_refuses_it()
    {
        var input = TrainThenDeployInput;
        input["instanceCount"] = "one";

        var execution = await LocalStepFunctions.RunAsync(Definitions["train-then-deploy"], input, new SimulationOptions());

        Assert.Equal(("FAILED", "ArazzoGen.InvalidInput"), (execution.Status, execution.Error));
        Assert.Empty(execution.Calls);
    }

    [Fact]
    public async Task A_workflow_that_runs_others_starts_their_state_machines_as_nested_executions_and_ends_as_the_class_does()
    {
        var simulation = new SimulationOptions { TrainingDuration = TimeSpan.FromMinutes(20), EndpointCreationDuration = TimeSpan.FromMinutes(6) };
        var sageMaker = new SimulatedSageMaker(_clock, simulation);
        var inputs = new TrainAndDeployWorkflow.Inputs { JobName = "churn", TrainingImage = "xgboost:1", InferenceImage = "xgboost-inference:1", RoleArn = "arn:aws:iam::123456789012:role/SageMaker", S3OutputPath = "s3://models/churn/", EndpointName = "churn" };
        var inProcess = await new TrainAndDeployWorkflow(new TrainAndDeployWorkflow.Clients(sageMaker.Client), new WorkflowOptions { TimeProvider = _clock }).RunAsync(inputs);
        var input = new JsonObject { ["jobName"] = "churn", ["trainingImage"] = "xgboost:1", ["inferenceImage"] = "xgboost-inference:1", ["roleArn"] = "arn:aws:iam::123456789012:role/SageMaker", ["s3OutputPath"] = "s3://models/churn/", ["endpointName"] = "churn" };
        var children = new[] { "train-model", "deploy-model" }.ToDictionary(id => id, id => Definitions[id]);

        var execution = await LocalStepFunctions.RunAsync(Definitions["train-and-deploy"], input, simulation, stateMachines: children);

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error} {execution.Cause}");
        Assert.Equal(["main", "train-model", "deploy-model"], execution.Executions);
        AssertSameOutputs(inProcess, execution.Output!);
        Assert.Equal("InService", (string?)execution.Output!["endpointStatus"]);
    }

    [Fact]
    public async Task Dependencies_run_in_Parallel_states_each_once_before_the_first_step_as_the_class_runs_them()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.ListTablesAsync(Arg.Any<ListTablesRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new ListTablesResponse { TableNames = ["features", "anomalies"] }));
        dynamo.PutItemAsync(Arg.Any<PutItemRequest>(), Arg.Any<CancellationToken>()).Returns(Ok(new PutItemResponse()));
        var describes = new Dictionary<string, int>();
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var table = call.Arg<DescribeTableRequest>().TableName;
            lock (describes)
            {
                describes[table] = describes.GetValueOrDefault(table) + 1;
                return Ok(new DescribeTableResponse { Table = new TableDescription { TableName = table, TableStatus = describes[table] >= 2 ? TableStatus.ACTIVE : TableStatus.CREATING } });
            }
        });
        var inProcess = await new TrainOnPreparedDataWorkflow(new TrainOnPreparedDataWorkflow.Clients(dynamo), new WorkflowOptions { TimeProvider = _clock })
            .RunAsync(new TrainOnPreparedDataWorkflow.Inputs { FeaturesTable = "features", AnomaliesTable = "anomalies", RunId = "run-1" });
        var tables = new JsonObject { ["dynamoTables"] = new JsonObject { ["features"] = new JsonObject { ["activeAfterDescribes"] = 2 }, ["anomalies"] = new JsonObject { ["activeAfterDescribes"] = 2 } } };

        var execution = await LocalStepFunctions.RunAsync(Definitions["train-on-prepared-data"], new JsonObject { ["featuresTable"] = "features", ["anomaliesTable"] = "anomalies", ["runId"] = "run-1" }, new SimulationOptions(), tables);

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error} {execution.Cause}");
        AssertSameOutputs(inProcess, execution.Output!);
        // list-tables, which both preparations depend on, ran once; each preparation polled its table until ACTIVE.
        Assert.Equal((1, 4, 1), (execution.CallsTo("ListTables"), execution.CallsTo("DescribeTable"), execution.CallsTo("PutItem")));
        var states = JsonNode.Parse(Definitions["train-on-prepared-data"])!["States"]!.AsObject();
        Assert.Equal([1, 2], new[] { "Run dependencies (1 of 2)", "Run dependencies (2 of 2)" }.Select(s => states[s]!["Branches"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_page_loop_on_Step_Functions_asks_for_each_next_page_until_the_last_as_the_class_does()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        var scans = 0;
        dynamo.ScanAsync(Arg.Any<ScanRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            scans++;
            var request = call.Arg<ScanRequest>();
            var start = request.ExclusiveStartKey is { Count: > 0 } key ? int.Parse(key["pk"].S, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var end = Math.Min(start + (request.Limit ?? 5), 5);
            return Ok(new ScanResponse
            {
                Count = end - start,
                LastEvaluatedKey = end < 5 ? new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = end.ToString(System.Globalization.CultureInfo.InvariantCulture) } } : null,
            });
        });
        var inProcess = await new ScanAllWorkflow(new ScanAllWorkflow.Clients(dynamo), new WorkflowOptions { TimeProvider = _clock }).RunAsync(new ScanAllWorkflow.Inputs { TableName = "events" });
        var table = new JsonObject { ["dynamoTables"] = new JsonObject { ["events"] = new JsonObject { ["items"] = 5 } } };

        var execution = await LocalStepFunctions.RunAsync(Definitions["scan-all"], new JsonObject { ["tableName"] = "events" }, new SimulationOptions(), table);

        Assert.True(execution.Status == "SUCCEEDED", $"{execution.Error} {execution.Cause}");
        AssertSameOutputs(inProcess, execution.Output!);
        Assert.Equal("1", execution.Output!["lastPageCount"]?.ToString());
        Assert.Equal((3, 3), (scans, execution.CallsTo("Scan")));
    }

    /// <summary>Each output of the execution equals the class's output of that name (its property in PascalCase): text as text, lists item by item.</summary>
    private static void AssertSameOutputs(object inProcess, JsonObject output)
    {
        Assert.NotEmpty(output);
        foreach (var (name, value) in output)
        {
            var property = inProcess.GetType().GetProperty(char.ToUpperInvariant(name[0]) + name[1..], BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"the class's outputs have no {name}");
            var expected = property.GetValue(inProcess);
            if (value is JsonArray items)
            {
                Assert.Equal(((System.Collections.IEnumerable)expected!).Cast<object>().Select(i => i.ToString()), items.Select(i => i?.ToString()));
            }
            else
            {
                Assert.Equal(expected?.ToString(), value?.ToString());
            }
        }
    }
}
