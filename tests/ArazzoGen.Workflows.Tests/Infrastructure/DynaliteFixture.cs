using ArazzoGen.Testing;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// dynalite (a DynamoDB implementation, npm) on a free loopback port, for end-to-end tests of the
/// real AWSSDK.DynamoDBv2 client over HTTP, with table creation taking real time (so CREATING ->
/// ACTIVE polling is real).
/// </summary>
public class DynaliteFixture : IAsyncLifetime
{
    /// <summary>How long dynalite keeps a new table CREATING.</summary>
    public static readonly TimeSpan CreateTableTime = TimeSpan.FromMilliseconds(1500);

    private readonly NodeServer _server;

    public DynaliteFixture()
        : this(CreateTableTime)
    {
    }

    protected DynaliteFixture(TimeSpan createTableTime) => _server = new(
        "dynalite",
        port => $"\"{Path.Combine("node_modules", "dynalite", "cli.js")}\" --port {port} --host 127.0.0.1 --createTableMs {(int)createTableTime.TotalMilliseconds} --deleteTableMs 50");

    public int Port => _server.Port;

    public AmazonDynamoDBClient CreateClient() =>
        new(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{Port}", AuthenticationRegion = "us-east-1" });

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync()
    {
        _server.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>dynalite whose tables are ACTIVE after 200 ms: for tests that create many (the crash tests).</summary>
public sealed class QuickDynaliteFixture : DynaliteFixture
{
    public QuickDynaliteFixture()
        : base(TimeSpan.FromMilliseconds(200))
    {
    }
}
