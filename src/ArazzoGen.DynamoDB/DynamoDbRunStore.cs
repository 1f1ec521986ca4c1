using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Runtime.Durable;

namespace ArazzoGen.DynamoDB;

/// <summary>
/// Keeps durable runs in a DynamoDB table, one item per run keyed by <c>pk = {workflowId}#{runId}</c>.
/// Every write is a PutItem conditional on the version the writer last saw (or on the item not
/// existing), so of two workers only one advances a run; reads are strongly consistent.
/// </summary>
/// <remarks>
/// Per checkpoint: one PutItem. Starting or resuming a run: one GetItem and one PutItem. A checkpoint
/// is stored as binary and must stay under DynamoDB's 400 KB item limit (train-then-deploy's is
/// about 3 KB). Create the table with <see cref="CreateTableAsync"/> or the CloudFormation in the README.
/// </remarks>
public sealed class DynamoDbRunStore : IWorkflowRunStore
{
    private const string Key = "pk";

    private readonly IAmazonDynamoDB _client;

    /// <summary>Keeps runs in <paramref name="tableName"/> through <paramref name="client"/>.</summary>
    public DynamoDbRunStore(IAmazonDynamoDB client, string tableName)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        TableName = tableName;
    }

    /// <summary>The table.</summary>
    public string TableName { get; }

    /// <summary>
    /// Creates a table for runs (on-demand capacity, key <c>pk</c>) and waits until it is ACTIVE; does
    /// nothing when it exists.
    /// </summary>
    public static async Task CreateTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = tableName,
                    AttributeDefinitions = new List<AttributeDefinition> { new() { AttributeName = Key, AttributeType = ScalarAttributeType.S } },
                    KeySchema = new List<KeySchemaElement> { new() { AttributeName = Key, KeyType = KeyType.HASH } },
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // It exists (or is being created by another process): wait for it below.
        }

        for (var attempt = 0; ; attempt++)
        {
            var table = await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken).ConfigureAwait(false);
            if (table.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt, 6))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = TableName,
                Key = new Dictionary<string, AttributeValue> { [Key] = new() { S = KeyOf(workflowId, runId) } },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new StoredRun(
            workflowId,
            runId,
            long.Parse(item["version"].N, CultureInfo.InvariantCulture),
            item["owner"].S,
            DateTimeOffset.Parse(item["leaseExpires"].S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Enum.Parse<RunStatus>(item["status"].S),
            item["checkpoint"].B.ToArray());
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [Key] = new() { S = KeyOf(run.WorkflowId, run.RunId) },
                ["workflowId"] = new() { S = run.WorkflowId },
                ["runId"] = new() { S = run.RunId },
                ["version"] = new() { N = run.Version.ToString(CultureInfo.InvariantCulture) },
                ["owner"] = new() { S = run.Owner },
                ["leaseExpires"] = new() { S = run.LeaseExpires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                ["status"] = new() { S = run.Status.ToString() },
                ["checkpoint"] = new() { B = new MemoryStream(run.Checkpoint.ToArray()) },
            },
        };
        if (expectedVersion == 0)
        {
            request.ConditionExpression = "attribute_not_exists(#pk)";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Key };
        }
        else
        {
            request.ConditionExpression = "#version = :expected";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#version"] = "version" };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = new() { N = expectedVersion.ToString(CultureInfo.InvariantCulture) } };
        }

        try
        {
            await _client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static string KeyOf(string workflowId, string runId) => workflowId + "#" + runId;
}
