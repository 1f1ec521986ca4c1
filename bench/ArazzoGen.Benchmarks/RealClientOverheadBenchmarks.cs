using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ArazzoGen.Benchmarks.Workflows;
using BenchmarkDotNet.Attributes;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The overhead as a user pays it: the ensure-table-write-read workflow (DescribeTable, PutItem,
/// GetItem) through the real <see cref="AmazonDynamoDBClient"/>, which marshals, signs (SigV4) and
/// sends each request through its HttpClient and reads each answer, against the same calls written
/// by hand. The HTTP handler answers in memory, so no network or server is measured, only the two
/// sides' code and the SDK's, which both pay alike. The SageMaker client is not served here, so
/// train-then-deploy cannot run on a real client; <see cref="RuntimeOverheadBenchmarks"/> is the
/// issue's own measure, on a free fake client.
/// </summary>
[MemoryDiagnoser]
public class RealClientOverheadBenchmarks : IDisposable
{
    private readonly AmazonDynamoDBClient _client = InMemoryDynamoDb.Client();
    private readonly EnsureTableWriteReadWorkflow.Inputs _inputs = new() { TableName = "orders", ItemId = "order-1", Payload = "3 x espresso" };
    private EnsureTableWriteReadWorkflow _workflow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(_client));
        // Both sides must read the same item back, or the comparison measures something else.
        var generated = Generated().GetAwaiter().GetResult();
        var handWritten = HandWritten().GetAwaiter().GetResult();
        if (generated.StoredPayload != _inputs.Payload || handWritten != _inputs.Payload || generated.EndStepId != "getItem")
        {
            throw new InvalidOperationException($"the runs disagree: generated read '{generated.StoredPayload}' (ended at {generated.EndStepId}), hand-written '{handWritten}'");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<string?> HandWritten() => HandWrittenEnsureTableWriteRead.RunAsync(_client, _inputs.TableName, _inputs.ItemId, _inputs.Payload);

    [Benchmark]
    public Task<EnsureTableWriteReadWorkflow.Outputs> Generated() => _workflow.RunAsync(_inputs);

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The workflow written by hand, as a careful developer would: the same requests, the same branches
/// (a missing table is created, a table not yet ACTIVE is polled), the same status checks.
/// </summary>
internal static class HandWrittenEnsureTableWriteRead
{
    public static async Task<string?> RunAsync(IAmazonDynamoDB dynamoDb, string tableName, string itemId, string payload, CancellationToken cancellationToken = default)
    {
        string? status;
        try
        {
            var described = await dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
            Check(described);
            status = described.Table?.TableStatus?.Value;
        }
        catch (ResourceNotFoundException)
        {
            Check(await dynamoDb.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = tableName,
                    AttributeDefinitions = [new AttributeDefinition { AttributeName = "pk", AttributeType = ScalarAttributeType.S }],
                    KeySchema = [new KeySchemaElement { AttributeName = "pk", KeyType = KeyType.HASH }],
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                },
                cancellationToken));
            status = null;
        }

        while (status != "ACTIVE")
        {
            var described = await dynamoDb.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
            Check(described);
            status = described.Table?.TableStatus?.Value;
            if (status is not ("CREATING" or "UPDATING"))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        Check(await dynamoDb.PutItemAsync(
            new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new AttributeValue { S = itemId },
                    ["payload"] = new AttributeValue { S = payload },
                    ["writtenBy"] = new AttributeValue { S = "arazzogen" },
                },
            },
            cancellationToken));
        var read = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = itemId } },
                ConsistentRead = true,
            },
            cancellationToken);
        Check(read);
        return read.Item?.TryGetValue("payload", out var stored) == true ? stored.S : null;
    }

    private static void Check(AmazonWebServiceResponse response)
    {
        if (response.HttpStatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"DynamoDB answered {(int)response.HttpStatusCode}.");
        }
    }
}

/// <summary>A real <see cref="AmazonDynamoDBClient"/> whose HttpClient is answered in memory: an ACTIVE table, a write, the item.</summary>
internal static class InMemoryDynamoDb
{
    public static AmazonDynamoDBClient Client() => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1", AuthenticationRegion = "us-east-1", HttpClientFactory = new ArazzoGen.Testing.HandlerHttpClientFactory(new Answers()) });

    private sealed class Answers : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
            var body = target switch
            {
                "DynamoDB_20120810.DescribeTable" => """{"Table":{"TableName":"orders","TableStatus":"ACTIVE","TableArn":"arn:aws:dynamodb:us-east-1:123456789012:table/orders","ItemCount":1}}""",
                "DynamoDB_20120810.PutItem" => "{}",
                "DynamoDB_20120810.GetItem" => """{"Item":{"pk":{"S":"order-1"},"payload":{"S":"3 x espresso"},"writtenBy":{"S":"arazzogen"}}}""",
                _ => throw new InvalidOperationException("unexpected call " + target),
            };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0"),
                Headers = { { "x-amzn-RequestId", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" } },
            });
        }
    }
}
