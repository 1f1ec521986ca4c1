using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// The generated code on a real AWS SDK client: AWSSDK.DynamoDBv2 over HTTP against dynalite, with
/// table creation taking real time.
/// </summary>
public class DynamoDbEndToEndTests : IClassFixture<DynaliteFixture>
{
    private readonly DynaliteFixture _dynalite;

    public DynamoDbEndToEndTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    private static string NewTable() => "arazzo-" + Guid.NewGuid().ToString("N")[..12];

    private static WorkflowOptions FastPolls(string stepId, RecordingLogs logs) => new()
    {
        LoggerFactory = logs.Factory,
        // The TableExists waiter's 20 s is right for AWS; a local DynamoDB is ready in under a second.
        Polls = { [stepId] = new PollOptions { Delay = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(30) } },
    };

    [Fact]
    public async Task A_missing_table_is_created_polled_until_active_then_written_and_read_back()
    {
        using var client = _dynalite.CreateClient();
        using var logs = new RecordingLogs();
        var table = NewTable();
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(client), FastPolls("waitForTable", logs));

        var outputs = await workflow.RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = table, ItemId = "order-1", Payload = "3 x espresso" });

        Assert.Equal(("3 x espresso", "arazzogen"), (outputs.StoredPayload, outputs.WrittenBy));
        Assert.Equal(TableStatus.ACTIVE, outputs.TableStatus);
        Assert.EndsWith("table/" + table, outputs.CreatedTableArn);
        Assert.Equal(("getItem", null), (outputs.EndStepId, outputs.EndActionName));
        Assert.True(logs.Count("StepPolling") >= 2, "the table was CREATING for a while, so the workflow polled");
        Assert.Equal(1, logs.Count("StepCallFailed")); // the ResourceNotFoundException that led to createTable

        var item = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["pk"] = new AttributeValue { S = "order-1" } } });
        Assert.Equal("3 x espresso", item.Item["payload"].S);
    }

    [Fact]
    public async Task An_active_table_is_used_as_it_is()
    {
        using var client = _dynalite.CreateClient();
        using var logs = new RecordingLogs();
        var table = NewTable();
        await CreateTable(client, table);
        await WaitActive(client, table);
        var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(client), FastPolls("waitForTable", logs));

        var outputs = await workflow.RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = table, ItemId = "order-2", Payload = "1 x tea" });

        Assert.Equal("1 x tea", outputs.StoredPayload);
        Assert.Null(outputs.CreatedTableArn);
        Assert.Null(outputs.TableStatus); // waitForTable never ran
        Assert.Equal(0, logs.Count("StepCallFailed"));
    }

    [Fact]
    public async Task The_wait_workflow_polls_with_the_delay_given_at_run_time_instead_of_the_waiters_20_s()
    {
        using var client = _dynalite.CreateClient();
        using var logs = new RecordingLogs();
        var table = NewTable();
        await CreateTable(client, table);
        var workflow = new WaitForTableWorkflow(new WaitForTableWorkflow.Clients(client), FastPolls("waitUntilActive", logs));

        var outputs = await workflow.RunAsync(new WaitForTableWorkflow.Inputs { TableName = table });

        Assert.Equal(TableStatus.ACTIVE, outputs.TableStatus);
        Assert.Equal(0L, outputs.ItemCount);
        Assert.Equal(("waitUntilActive", "active"), (outputs.EndStepId, outputs.EndActionName));
        Assert.True(logs.Count("StepPolling") >= 2);
        Assert.All(logs.Messages.Where(m => m.Contains("polling again", StringComparison.Ordinal)), m => Assert.Contains("in 0.1 s", m));
    }

    [Fact]
    public async Task A_table_that_never_becomes_active_ends_the_poll_at_its_deadline_with_the_status_seen()
    {
        using var client = _dynalite.CreateClient();
        var table = NewTable();
        await CreateTable(client, table);
        // One 10 ms poll: well inside the 1.5 s the table stays CREATING, even on a loaded machine.
        var options = new WorkflowOptions { Polls = { ["waitUntilActive"] = new PollOptions { Delay = TimeSpan.FromMilliseconds(10), MaxAttempts = 1 } } };
        var workflow = new WaitForTableWorkflow(new WaitForTableWorkflow.Clients(client), options);

        var error = await Assert.ThrowsAsync<WorkflowPollExhaustedException>(() => workflow.RunAsync(new WaitForTableWorkflow.Inputs { TableName = table }));

        Assert.Equal(("waitUntilActive", 2), (error.StepId, error.Attempt));
        Assert.Contains("CREATING", error.LastObservedValue);
    }

    private static Task CreateTable(IAmazonDynamoDB client, string table) =>
        client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = new() { new AttributeDefinition { AttributeName = "pk", AttributeType = ScalarAttributeType.S } },
            KeySchema = new() { new KeySchemaElement { AttributeName = "pk", KeyType = KeyType.HASH } },
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });

    private static async Task WaitActive(IAmazonDynamoDB client, string table)
    {
        while ((await client.DescribeTableAsync(new DescribeTableRequest { TableName = table })).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(100);
        }
    }
}
