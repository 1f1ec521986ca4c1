using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Arazzo semantics on the real AWSSDK.DynamoDBv2 client against dynalite, and on fakes
/// (workflows/dynamodb-semantics.arazzo.yaml): a page loop asks for the next page on every call,
/// success criteria decide on an error response too, and YAML names that collide in C# still run.
/// </summary>
public class ArazzoSemanticsTests : IClassFixture<DynaliteFixture>
{
    private readonly DynaliteFixture _dynalite;

    public ArazzoSemanticsTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    private static string NewTable() => "arazzo-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_page_loop_sends_each_pages_start_key_and_reads_every_item_without_waiting()
    {
        using var client = _dynalite.CreateClient();
        var table = NewTable();
        await CreateActiveTable(client, table);
        for (var i = 0; i < 5; i++)
        {
            await client.PutItemAsync(new PutItemRequest { TableName = table, Item = new() { ["pk"] = new AttributeValue { S = "item-" + i } } });
        }

        // Forward Scan to the real client, recording what the workflow sent and what it was given.
        var requests = new List<ScanRequest>();
        var seen = new List<string>();
        var spy = Substitute.For<IAmazonDynamoDB>();
        spy.ScanAsync(Arg.Any<ScanRequest>(), Arg.Any<CancellationToken>()).Returns(async call =>
        {
            var request = call.Arg<ScanRequest>();
            requests.Add(request);
            var response = await client.ScanAsync(request, call.Arg<CancellationToken>());
            seen.AddRange(response.Items.Select(item => item["pk"].S));
            return response;
        });
        var clock = new TestClock();

        var outputs = await new ScanAllWorkflow(new ScanAllWorkflow.Clients(spy), new WorkflowOptions { TimeProvider = clock })
            .RunAsync(new ScanAllWorkflow.Inputs { TableName = table });

        Assert.Equal(3, requests.Count); // 2 + 2 + 1 items
        Assert.Null(requests[0].ExclusiveStartKey);
        Assert.NotNull(requests[1].ExclusiveStartKey);
        Assert.NotEqual(requests[1].ExclusiveStartKey["pk"].S, requests[2].ExclusiveStartKey["pk"].S);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => "item-" + i), seen.Order());
        Assert.Empty(clock.Delays); // a page loop is not a poll: it does not wait
        Assert.Equal(("scan", "done", 1), (outputs.EndStepId, outputs.EndActionName, outputs.LastPageCount));
    }

    [Fact]
    public async Task A_page_loop_stops_at_the_page_limit_with_a_workflow_exception()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.ScanAsync(Arg.Any<ScanRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => Ok(new ScanResponse { Count = 1, LastEvaluatedKey = new() { ["pk"] = new AttributeValue { S = "more" } } }));

        var error = await Assert.ThrowsAsync<WorkflowPageLimitExceededException>(() =>
            new ScanAllWorkflow(new ScanAllWorkflow.Clients(dynamo), new WorkflowOptions { PageLimit = 4 }).RunAsync(new ScanAllWorkflow.Inputs { TableName = "t" }));

        Assert.Equal(("scan", 4), (error.StepId, error.Attempt));
        await dynamo.Received(4).ScanAsync(Arg.Any<ScanRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Success_criteria_on_an_error_status_hold_when_the_service_answers_that_error()
    {
        using var client = _dynalite.CreateClient();

        var outputs = await new TableMustNotExistWorkflow(new TableMustNotExistWorkflow.Clients(client))
            .RunAsync(new TableMustNotExistWorkflow.Inputs { TableName = NewTable() });

        Assert.Equal((400, "ResourceNotFoundException"), (outputs.Status, outputs.ErrorCode));
        Assert.Equal("describeMissing", outputs.EndStepId);
    }

    [Fact]
    public async Task Success_criteria_on_an_error_status_fail_the_step_when_the_call_succeeds()
    {
        using var client = _dynalite.CreateClient();
        var table = NewTable();
        await CreateActiveTable(client, table);

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new TableMustNotExistWorkflow(new TableMustNotExistWorkflow.Clients(client)).RunAsync(new TableMustNotExistWorkflow.Inputs { TableName = table }));

        Assert.Equal(("describeMissing", 200), (error.StepId, error.StatusCode));
        Assert.Contains("success criteria were not met", error.Message);
    }

    [Fact]
    public async Task A_transport_failure_is_no_response_so_error_status_criteria_cannot_hold()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<DescribeTableResponse>(new HttpRequestException("connection reset")));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new TableMustNotExistWorkflow(new TableMustNotExistWorkflow.Clients(dynamo)).RunAsync(new TableMustNotExistWorkflow.Inputs { TableName = "t" }));

        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task An_input_named_workflowId_does_not_change_which_workflow_the_input_error_names()
    {
        var workflow = new NameCollisionsWorkflow(new NameCollisionsWorkflow.Clients(Substitute.For<IAmazonDynamoDB>()));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => workflow.RunAsync(new NameCollisionsWorkflow.Inputs { WorkflowId = "" }));

        Assert.StartsWith("Workflow 'name-collisions' cannot start: 'workflowId' is required.", error.Message);
    }

    [Fact]
    public async Task Retry_actions_whose_names_collide_in_csharp_keep_separate_counts()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<DescribeTableResponse>(Error<ResourceNotFoundException>("ResourceNotFoundException")));
        var clock = new TestClock();
        var workflow = new NameCollisionsWorkflow(new NameCollisionsWorkflow.Clients(dynamo), new WorkflowOptions { TimeProvider = clock });

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(new NameCollisionsWorkflow.Inputs { WorkflowId = "orders" }));

        Assert.Equal(3, error.Attempt); // one retry by 'retry-x', then one by 'retryX'
        Assert.Equal(new[] { 1.0, 2.0 }, clock.Delays.Select(d => d.TotalSeconds));
        var outputs = Assert.IsType<NameCollisionsWorkflow.Outputs>(error.PartialOutputs);
        Assert.Equal("kept", outputs.Inputs);
    }

    [Fact]
    public async Task Outputs_and_inputs_named_like_their_classes_get_a_suffixed_property()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new DescribeTableResponse { Table = new TableDescription { TableName = "orders" } }));

        var outputs = await new NameCollisionsWorkflow(new NameCollisionsWorkflow.Clients(dynamo))
            .RunAsync(new NameCollisionsWorkflow.Inputs { WorkflowId = "orders", Inputs2 = "given" });

        Assert.Equal(("orders", "given"), (outputs.Outputs2, outputs.Inputs));
    }

    private static async Task CreateActiveTable(IAmazonDynamoDB client, string table)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = new() { new AttributeDefinition { AttributeName = "pk", AttributeType = ScalarAttributeType.S } },
            KeySchema = new() { new KeySchemaElement { AttributeName = "pk", KeyType = KeyType.HASH } },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        while ((await client.DescribeTableAsync(new DescribeTableRequest { TableName = table })).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(100);
        }
    }
}

/// <summary>A failure goto to the workflow's own id starts it over, within the same run and its step budget.</summary>
public class RestartTests
{
    private readonly IAmazonDynamoDB _dynamo = Substitute.For<IAmazonDynamoDB>();

    public RestartTests() =>
        _dynamo.ListTablesAsync(Arg.Any<ListTablesRequest>(), Arg.Any<CancellationToken>()).Returns(_ => Ok(new ListTablesResponse()));

    [Fact]
    public async Task A_503_starts_the_workflow_over_from_its_first_step()
    {
        _dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>()).Returns(
            Fail<DescribeTableResponse>(Error<AmazonDynamoDBException>("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)),
            Ok(new DescribeTableResponse { Table = new TableDescription { TableStatus = TableStatus.ACTIVE } }));

        // The restart action sees the 503 itself: no default transient retry below it.
        var outputs = await new RestartOnUnavailableWorkflow(new RestartOnUnavailableWorkflow.Clients(_dynamo), new WorkflowOptions { TransientRetries = 0 }).RunAsync(new RestartOnUnavailableWorkflow.Inputs { TableName = "t" });

        Assert.Equal(("describeAgain", 200), (outputs.EndStepId, outputs.LastStatus));
        await _dynamo.Received(2).ListTablesAsync(Arg.Any<ListTablesRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_restart_that_never_succeeds_is_stopped_by_the_step_budget()
    {
        _dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => Fail<DescribeTableResponse>(Error<AmazonDynamoDBException>("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)));

        var error = await Assert.ThrowsAsync<WorkflowStepBudgetExceededException>(() =>
            new RestartOnUnavailableWorkflow(new RestartOnUnavailableWorkflow.Clients(_dynamo), new WorkflowOptions { StepBudget = 6, TransientRetries = 0 }).RunAsync(new RestartOnUnavailableWorkflow.Inputs { TableName = "t" }));

        Assert.Equal("listFirst", error.StepId);
        await _dynamo.Received(3).ListTablesAsync(Arg.Any<ListTablesRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StatusCode_in_a_step_that_runs_a_workflow_is_that_workflows_last_call_and_in_outputs_the_runs_last()
    {
        _dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<DescribeTableResponse>(Error<ResourceNotFoundException>("ResourceNotFoundException")));

        var outputs = await new CheckAbsentTableWorkflow(new CheckAbsentTableWorkflow.Clients(_dynamo)).RunAsync(new CheckAbsentTableWorkflow.Inputs { TableName = "t" });

        Assert.Equal(400, outputs.CalledStatus);
        Assert.Null(outputs.LastStatus); // this run made no call of its own
        Assert.Null(outputs.LastStatusCode);
    }
}

/// <summary>workflows/sagemaker-error-status.arazzo.yaml: success criteria on SageMaker's error response.</summary>
public class SageMakerErrorStatusTests
{
    private readonly Amazon.SageMaker.IAmazonSageMaker _sageMaker = Substitute.For<Amazon.SageMaker.IAmazonSageMaker>();

    private Task<TrainingJobIsGoneWorkflow.Outputs> Run() =>
        new TrainingJobIsGoneWorkflow(new TrainingJobIsGoneWorkflow.Clients(_sageMaker)).RunAsync(new TrainingJobIsGoneWorkflow.Inputs { TrainingJobName = "churn-2026-11-01" });

    [Fact]
    public async Task A_ValidationException_for_a_deleted_job_is_the_success_the_workflow_asks_for()
    {
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<Amazon.SageMaker.Model.DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Fail<Amazon.SageMaker.Model.DescribeTrainingJobResponse>(Error<Amazon.SageMaker.AmazonSageMakerException>("ValidationException")));

        var outputs = await Run();

        Assert.Equal(("describeDeleted", null), (outputs.EndStepId, outputs.EndActionName));
        Assert.Equal("ValidationException: simulated", outputs.Message);
    }

    [Fact]
    public async Task A_job_that_still_exists_fails_the_criteria_and_the_failure_action_ends_the_run()
    {
        _sageMaker.DescribeTrainingJobAsync(Arg.Any<Amazon.SageMaker.Model.DescribeTrainingJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(Ok(new Amazon.SageMaker.Model.DescribeTrainingJobResponse { TrainingJobStatus = Amazon.SageMaker.TrainingJobStatus.Completed }));

        var outputs = await Run();

        Assert.Equal(("describeDeleted", "stillThere"), (outputs.EndStepId, outputs.EndActionName));
        Assert.Null(outputs.Message);
    }
}

/// <summary>Whatever goes wrong inside a run reaches the caller as a WorkflowException naming the step, with the cause inside.</summary>
public class FailureContractTests
{
    private readonly IAmazonDynamoDB _dynamo = Substitute.For<IAmazonDynamoDB>();

    private void DescribeThrows(Exception error) =>
        _dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>()).Returns(_ => Task.FromException<DescribeTableResponse>(error));

    [Fact]
    public async Task A_connection_reset_is_a_step_failure_that_failure_actions_match()
    {
        DescribeThrows(new IOException("Unable to read data from the transport connection: Connection reset by peer."));
        var clock = new TestClock();

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new NameCollisionsWorkflow(new NameCollisionsWorkflow.Clients(_dynamo), new WorkflowOptions { TimeProvider = clock }).RunAsync(new NameCollisionsWorkflow.Inputs { WorkflowId = "t" }));

        Assert.Equal(("describe", 3, null), (error.StepId, error.Attempt, error.StatusCode)); // both unconditional retries ran
        Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("failed with no answer (IOException)", error.Message);
        Assert.IsType<NameCollisionsWorkflow.Outputs>(error.PartialOutputs);
    }

    [Fact]
    public async Task A_timeout_says_it_timed_out()
    {
        DescribeThrows(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new TableMustNotExistWorkflow(new TableMustNotExistWorkflow.Clients(_dynamo)).RunAsync(new TableMustNotExistWorkflow.Inputs { TableName = "t" }));

        Assert.Contains("timed out", error.Message);
        Assert.Equal("describeMissing", error.StepId);
    }

    [Fact]
    public async Task An_exception_no_step_expects_is_a_WorkflowException_naming_the_step_with_the_cause()
    {
        // What a bug in a user's resilience pipeline, or in an SDK unmarshaller, looks like.
        DescribeThrows(new InvalidOperationException("pipeline bug"));

        var error = await Assert.ThrowsAsync<WorkflowStepFailedException>(() =>
            new TableMustNotExistWorkflow(new TableMustNotExistWorkflow.Clients(_dynamo)).RunAsync(new TableMustNotExistWorkflow.Inputs { TableName = "t" }));

        Assert.Equal(("table-must-not-exist", "describeMissing"), (error.WorkflowId, error.StepId));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("failed unexpectedly (InvalidOperationException): pipeline bug", error.Message);
        Assert.IsType<TableMustNotExistWorkflow.Outputs>(error.PartialOutputs);
    }
}
