using ArazzoGen.Testing;
using Amazon.Runtime;
using Amazon.SQS;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// local-aws-sqs (an SQS implementation, npm, that speaks the AWS JSON protocol the .NET SDK v4
/// uses) on a free loopback port, for tests of the real AWSSDK.SQS client over HTTP.
/// </summary>
public sealed class SqsFixture : IAsyncLifetime
{
    private readonly NodeServer _server = new("sqs", port => $"server.js {port}");

    public AmazonSQSClient CreateClient() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonSQSConfig { ServiceURL = $"http://127.0.0.1:{_server.Port}", AuthenticationRegion = "us-east-1" });

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync()
    {
        _server.Dispose();
        return Task.CompletedTask;
    }
}
