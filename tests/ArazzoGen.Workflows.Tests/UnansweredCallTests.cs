using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// A call that got no answer may have taken effect: the run's exception names its step in
/// UnansweredSteps, so a caller knows a CreateTable whose response was lost may have created the table.
/// </summary>
public class UnansweredCallTests
{
    private static IAmazonDynamoDB MissingTable()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ResourceNotFoundException("Requested resource not found") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "ResourceNotFoundException" });
        return dynamo;
    }

    private static EnsureTableWriteReadWorkflow.Inputs Inputs => new() { TableName = "orders", ItemId = "1", Payload = "x" };

    [Fact]
    public async Task A_connection_reset_during_CreateTable_leaves_its_outcome_unknown_and_says_so()
    {
        var dynamo = MissingTable();
        dynamo.CreateTableAsync(Arg.Any<CreateTableRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new IOException("Unable to read data from the transport connection: Connection reset by peer."));
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(dynamo));

        var failure = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(Inputs));

        Assert.Equal("createTable", failure.StepId);
        Assert.Equal(["createTable"], failure.UnansweredSteps); // describeTable was answered (404-like 400): not listed
    }

    /// <summary>
    /// A test double that was not told what to answer returns null, which no SDK client does: the run
    /// says so, naming the step, whether or not anything listens to its spans.
    /// </summary>
    [Fact]
    public async Task A_client_that_answers_null_fails_its_step_with_a_message_saying_so()
    {
        var dynamo = MissingTable(); // CreateTableAsync not configured: NSubstitute answers null
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(dynamo));

        var failure = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(Inputs));

        Assert.Equal("createTable", failure.StepId);
        Assert.Contains("answered step 'createTable' with no response (null) for its CreateTableRequest", failure.Message);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    /// <summary>
    /// The SDK resends a CreateTable whose answer was lost and gets ResourceInUseException: the failure
    /// says the table exists and was probably created by the lost attempt, with its ARN read back.
    /// </summary>
    [Fact]
    public async Task A_create_that_finds_its_resource_in_use_reads_it_back_and_says_the_lost_attempt_probably_created_it()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        var describes = 0;
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>()).Returns(_ => ++describes == 1
            ? throw new ResourceNotFoundException("Requested resource not found") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "ResourceNotFoundException" }
            : new DescribeTableResponse { Table = new TableDescription { TableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders", TableStatus = TableStatus.CREATING }, HttpStatusCode = System.Net.HttpStatusCode.OK });
        dynamo.CreateTableAsync(Arg.Any<CreateTableRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ResourceInUseException("Table already exists: orders") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "ResourceInUseException" });
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(dynamo));

        var failure = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(Inputs));

        Assert.Equal(("createTable", "ResourceInUseException"), (failure.StepId, failure.ErrorCode));
        Assert.Contains("What it creates exists (DescribeTable found it)", failure.Message);
        Assert.Contains("probably created it", failure.Message);
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/orders", ((EnsureTableWriteReadWorkflow.Outputs)failure.PartialOutputs!).CreatedTableArn);
        Assert.Equal(2, describes);
    }

    /// <summary>
    /// An answer whose body is cut short arrives with status 200, but tells nothing of what the
    /// service did: it is no answer, so a <c>$statusCode == 200</c> criterion does not hold for it and
    /// the run does not go on with empty outputs (the fault bench found runs completing with no payload).
    /// </summary>
    [Fact]
    public async Task An_answer_that_cannot_be_read_is_no_answer_so_a_statusCode_200_criterion_does_not_hold()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(new DescribeTableResponse { Table = new TableDescription { TableStatus = TableStatus.ACTIVE }, HttpStatusCode = System.Net.HttpStatusCode.OK });
        dynamo.PutItemAsync(Arg.Any<PutItemRequest>(), Arg.Any<CancellationToken>()).Returns(new PutItemResponse { HttpStatusCode = System.Net.HttpStatusCode.OK });
        dynamo.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new Amazon.Runtime.AmazonUnmarshallingException("request-1", "/Item/payload/S", new System.Text.Json.JsonException("unexpected end of data"), System.Net.HttpStatusCode.OK));
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(dynamo), new WorkflowOptions { TransientRetries = 0 });

        var failure = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(Inputs));

        Assert.Equal("getItem", failure.StepId);
        Assert.Null(failure.StatusCode);
        Assert.Equal(["getItem"], failure.UnansweredSteps);
        Assert.IsType<Amazon.Runtime.AmazonUnmarshallingException>(failure.InnerException);
    }

    /// <summary>
    /// A document that means "make sure the table exists" says so with a failure action on
    /// ResourceInUseException (docs/reliability.md): the lost attempt's table is then used, not reported.
    /// </summary>
    [Fact]
    public async Task A_workflow_whose_failure_action_accepts_ResourceInUse_goes_on_with_the_table_a_lost_attempt_created()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        dynamo.CreateTableAsync(Arg.Any<CreateTableRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ResourceInUseException("Table already exists: orders") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "ResourceInUseException" });
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(new DescribeTableResponse { Table = new TableDescription { TableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders", TableStatus = TableStatus.ACTIVE }, HttpStatusCode = System.Net.HttpStatusCode.OK });
        var workflow = new EnsureTableWhoeverCreatedItWorkflow(new EnsureTableWhoeverCreatedItWorkflow.Clients(dynamo));

        var outputs = await workflow.RunAsync(new EnsureTableWhoeverCreatedItWorkflow.Inputs { TableName = "orders" });

        Assert.Equal(("waitForTable", TableStatus.ACTIVE.Value), (outputs.EndStepId, outputs.TableStatus?.Value));
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/orders", outputs.TableArn);
    }

    [Fact]
    public async Task A_service_error_is_an_answer_so_nothing_is_unknown()
    {
        var dynamo = MissingTable();
        dynamo.CreateTableAsync(Arg.Any<CreateTableRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new LimitExceededException("too many tables") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "LimitExceededException" });
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(dynamo));

        var failure = await Assert.ThrowsAsync<WorkflowStepFailedException>(() => workflow.RunAsync(Inputs));

        Assert.Empty(failure.UnansweredSteps);
    }

    [Fact]
    public async Task Cancelling_while_CreateTable_is_in_flight_names_it_as_possibly_done()
    {
        var dynamo = MissingTable();
        var started = new TaskCompletionSource();
        dynamo.CreateTableAsync(Arg.Any<CreateTableRequest>(), Arg.Any<CancellationToken>()).Returns(async call =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
            return new CreateTableResponse();
        });
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(dynamo));
        using var cancel = new CancellationTokenSource();

        var run = workflow.RunAsync(Inputs, cancel.Token);
        await started.Task;
        await cancel.CancelAsync();
        var canceled = await Assert.ThrowsAsync<WorkflowCanceledException>(() => run);

        Assert.Equal("createTable", canceled.StepId);
        Assert.Equal(["createTable"], canceled.UnansweredSteps);
        Assert.Contains("UnansweredSteps for calls that may have taken effect (createTable)", canceled.Message, StringComparison.Ordinal);
    }
}
