using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using ArazzoGen.Benchmarks.Workflows;
using ArazzoGen.Hosting;
using ArazzoGen.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// How the retry layers multiply: the real AmazonDynamoDBClient's own retries, a resilience pipeline
/// around each call, and the workflow's own retry action, under 30 % of HTTP requests throttled or
/// reset. Faults are injected inside the SDK's HttpClient (an HTTP handler answering for DynamoDB),
/// seeded, so every row counts exactly the same attempts on every run.
/// </summary>
internal static class RetryLayering
{
    private const int Runs = 200;
    private const double FaultRate = 0.3;
    private static readonly int DefaultTransientRetries = new WorkflowOptions().TransientRetries;

    public static void Run()
    {
        Console.WriteLine($"{Runs} runs of one GetItem each, {FaultRate:P0} of HTTP requests faulted");
        Console.WriteLine();
        Console.WriteLine("| layers | fault | HTTP attempts per run: mean | max seen | bound | runs failed |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var fault in new[] { Fault.Throttle, Fault.Reset })
        {
            Row("SDK retries (standard mode, 3 attempts)", fault, sdkAttempts: 3, pipeline: false, workflowRetry: false);
            Row("SDK retries + workflow retry action (2)", fault, sdkAttempts: 3, pipeline: false, workflowRetry: true);
            Row("SDK retries + pipeline retry (3)", fault, sdkAttempts: 3, pipeline: true, workflowRetry: false);
            Row("no SDK retry + pipeline retry (3)", fault, sdkAttempts: 1, pipeline: true, workflowRetry: false);
            Row("all three", fault, sdkAttempts: 3, pipeline: true, workflowRetry: true);
            Row("SDK retries + default TransientRetries (4)", fault, sdkAttempts: 3, pipeline: false, workflowRetry: false, transientRetries: DefaultTransientRetries);
            Row("SDK retries + HTTP AddStandardResilienceHandler", fault, sdkAttempts: 3, pipeline: false, workflowRetry: false, httpHandler: true);
            Row("no SDK retry + HTTP AddStandardResilienceHandler", fault, sdkAttempts: 1, pipeline: false, workflowRetry: false, httpHandler: true);
            Row("SDK retries + HTTP handler + TransientRetries (4)", fault, sdkAttempts: 3, pipeline: false, workflowRetry: false, transientRetries: DefaultTransientRetries, httpHandler: true);
        }
    }

    private static void Row(string name, Fault fault, int sdkAttempts, bool pipeline, bool workflowRetry, int transientRetries = 0, bool httpHandler = false)
    {
        var handler = new FaultyDynamoDb(fault, seed: 7);
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:1",
            AuthenticationRegion = "us-east-1",
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = sdkAttempts - 1,
            HttpClientFactory = new ArazzoGen.Testing.HandlerHttpClientFactory(handler),
        };
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), config);
        using var services = httpHandler ? ThroughStandardResilienceHandler(client, handler) : null;
        var options = new WorkflowOptions
        {
            ResiliencePipeline = pipeline
                ? new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(5), BackoffType = DelayBackoffType.Constant }).Build()
                : null,
            // The layers measured are the ones named.
            TransientRetries = transientRetries,
            TimeProvider = transientRetries > 0 ? new InstantClock() : TimeProvider.System,
        };
        var attempts = new List<int>();
        var failed = 0;
        for (var i = 0; i < Runs; i++)
        {
            var before = handler.Requests;
            try
            {
                if (workflowRetry)
                {
                    new ReadItemWithRetryWorkflow(new ReadItemWithRetryWorkflow.Clients(client), options).RunAsync(new ReadItemWithRetryWorkflow.Inputs { Table = "t" }).GetAwaiter().GetResult();
                }
                else
                {
                    new ReadItemWorkflow(new ReadItemWorkflow.Clients(client), options).RunAsync(new ReadItemWorkflow.Inputs { Table = "t" }).GetAwaiter().GetResult();
                }
            }
            catch (WorkflowException)
            {
                failed++;
            }

            attempts.Add(handler.Requests - before);
        }

        // Every layer retries what the one inside it gave up on: the attempts multiply.
        var bound = sdkAttempts * (pipeline ? 4 : 1) * (workflowRetry ? 3 : 1) * (transientRetries + 1) * (httpHandler ? 4 : 1);
        Console.WriteLine($"| {name} | {fault.ToString().ToLowerInvariant()} | {attempts.Average():0.00} | {attempts.Max()} | {bound} | {failed} of {Runs} |");
    }

    /// <summary>
    /// The client's requests sent through IHttpClientFactory (ArazzoGen.Hosting's AddAwsHttpClient) with
    /// Microsoft.Extensions.Http.Resilience's standard handler, as its defaults are (3 retries, circuit
    /// breaker, timeouts) but with 5 ms between retries instead of 2 s, so the bench does not wait.
    /// </summary>
    private static ServiceProvider ThroughStandardResilienceHandler(IAmazonDynamoDB client, HttpMessageHandler faulty)
    {
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddAwsHttpClient<IAmazonDynamoDB>()
            .ConfigurePrimaryHttpMessageHandler(() => new Undisposed(faulty))
            .AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5));
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IAmazonDynamoDB>(); // sets the client's HttpClientFactory
        return provider;
    }

    private sealed class Undisposed(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }

    /// <summary>A clock whose waits end at once, so the transient retry's 1 s and 2 s cost the bench nothing.</summary>
    private sealed class InstantClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }

    private enum Fault
    {
        Throttle,
        Reset,
    }

    /// <summary>Answers DynamoDB GetItem, or with probability <see cref="FaultRate"/> throttles (400 ThrottlingException) or resets the connection.</summary>
    private sealed class FaultyDynamoDb(Fault fault, int seed) : HttpMessageHandler
    {
        private readonly Random _random = new(seed);
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            bool faulted;
            lock (_random)
            {
                faulted = _random.NextDouble() < FaultRate;
            }

            if (faulted && fault == Fault.Reset)
            {
                throw new HttpRequestException("Connection reset by peer", new IOException("Unable to read data from the transport connection: Connection reset by peer."));
            }

            var response = faulted
                ? Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}""")
                : Json(HttpStatusCode.OK, """{"Item":{"pk":{"S":"1"}}}""");
            return Task.FromResult(response);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) => new(status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0"),
            Headers = { { "x-amzn-RequestId", Guid.NewGuid().ToString() } },
        };
    }
}
