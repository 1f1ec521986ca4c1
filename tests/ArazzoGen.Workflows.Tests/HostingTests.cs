using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using ArazzoGen.Hosting;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Polly;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// The generated AddArazzoWorkflows() in a host built as .NET services are: the DynamoDB client from
/// AddAWSService (pointed at dynalite), the clock from the container, a poll delay from appsettings.json.
/// </summary>
public class HostingTests : IClassFixture<DynaliteFixture>, IDisposable
{
    private readonly DynaliteFixture _dynalite;
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("arazzogen-host-").FullName;

    public HostingTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private IHost BuildHost(string workflowSettings, TimeProvider clock, Action<IServiceCollection>? more = null)
    {
        File.WriteAllText(Path.Combine(_contentRoot, "appsettings.json"), $$"""
            {
              "AWS": { "ServiceURL": "http://127.0.0.1:{{_dynalite.Port}}", "AuthenticationRegion": "us-east-1" },
              "Arazzo": { "Workflows": { "ensure-table-write-read": {{workflowSettings}} } }
            }
            """);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot, EnvironmentName = "Test" });
        var aws = builder.Configuration.GetAWSOptions();
        aws.Credentials = new BasicAWSCredentials("test", "test");
        builder.Services.AddDefaultAWSOptions(aws);
        builder.Services.AddAWSService<IAmazonDynamoDB>();
        builder.Services.AddSingleton(clock);
        builder.Services.AddArazzoWorkflows();
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task A_host_resolves_the_workflow_with_its_client_clock_and_a_poll_delay_from_appsettings_and_runs_it()
    {
        var clock = new RecordingClock();
        using var host = BuildHost("""{ "StepBudget": 50, "Polls": { "waitForTable": { "Delay": "00:00:00.250" } } }""", clock);
        await host.StartAsync();

        var workflow = host.Services.GetRequiredService<EnsureTableWriteReadWorkflow>();
        var outputs = await workflow.RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = "hosted-" + Guid.NewGuid().ToString("N")[..8], ItemId = "1", Payload = "from a host" });

        Assert.Equal("from a host", outputs.StoredPayload);
        Assert.NotEmpty(clock.Waits);                                            // the table was CREATING: the poll waited on the container's clock
        Assert.All(clock.Waits, wait => Assert.Equal(TimeSpan.FromMilliseconds(250), wait)); // appsettings' delay, not the TableExists waiter's 20 s
        await host.StopAsync();
    }

    [Fact]
    public async Task A_run_store_in_the_container_makes_the_hosts_runs_durable_with_the_lease_from_appsettings()
    {
        var clock = new RecordingClock();
        var store = new ArazzoGen.Runtime.Durable.InMemoryRunStore();
        using var host = BuildHost(
            """{ "LeaseDuration": "00:00:30", "Polls": { "waitForTable": { "Delay": "00:00:00.250" } } }""",
            clock,
            services => services.AddSingleton<ArazzoGen.Runtime.Durable.IWorkflowRunStore>(store));
        await host.StartAsync();

        var workflow = host.Services.GetRequiredService<EnsureTableWriteReadWorkflow>();
        var outputs = await workflow.RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = "hosted-" + Guid.NewGuid().ToString("N")[..8], ItemId = "1", Payload = "durable" }, "hosted-run");
        var resumed = await workflow.ResumeAsync("hosted-run");

        Assert.Equal(("hosted-run", "durable"), (outputs.RunId, resumed.StoredPayload));
        var run = Assert.Single(store.Runs);
        Assert.Equal(ArazzoGen.Runtime.Durable.RunStatus.Completed, run.Status);
        Assert.True(run.LeaseExpires - clock.GetUtcNow() <= TimeSpan.FromSeconds(30), $"lease until {run.LeaseExpires}, now {clock.GetUtcNow()}");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_bad_setting_fails_the_host_at_start_naming_the_key_and_what_is_allowed()
    {
        using var host = BuildHost("""{ "StepBudget": 0, "TransientRetries": -1, "LeaseDuration": "-00:01:00", "Polls": { "waitForTabel": { "Delay": "00:00:01" } } }""", TimeProvider.System);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Arazzo:Workflows:ensure-table-write-read:StepBudget is 0; it must be at least 1.", failure.Failures);
        Assert.Contains("Arazzo:Workflows:ensure-table-write-read:TransientRetries is -1; it must be 0 (none) or more.", failure.Failures);
        Assert.Contains(failure.Failures, f => f.StartsWith("Arazzo:Workflows:ensure-table-write-read:LeaseDuration is -00:01:00; it must be positive", StringComparison.Ordinal));
        Assert.Contains("Arazzo:Workflows:ensure-table-write-read:Polls:waitForTabel: 'waitForTabel' is not a polling step of workflow 'ensure-table-write-read'; its polling steps are waitForTable.", failure.Failures);
    }

    [Fact]
    public async Task The_hosted_runner_runs_a_queued_workflow_and_the_health_check_reports_it()
    {
        using var host = BuildHost("""{ "Polls": { "waitForTable": { "Delay": "00:00:00.100" } } }""", TimeProvider.System, services => services.AddArazzoRunner());
        await host.StartAsync();
        var done = new TaskCompletionSource<EnsureTableWriteReadWorkflow.Outputs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inputs = new EnsureTableWriteReadWorkflow.Inputs { TableName = "queued-" + Guid.NewGuid().ToString("N")[..8], ItemId = "1", Payload = "from the queue" };

        await host.Services.GetRequiredService<WorkflowRunQueue>().EnqueueAsync<EnsureTableWriteReadWorkflow>("nightly", async (workflow, ct) => done.SetResult(await workflow.RunAsync(inputs, ct)));
        var outputs = await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await host.StopAsync();

        Assert.Equal("from the queue", outputs.StoredPayload);
        var status = host.Services.GetRequiredService<WorkflowRunsStatus>();
        Assert.Equal((1L, 0L, 0), (status.Completed, status.Failed, status.Running.Count));
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries[ArazzoRunnerServiceCollectionExtensions.HealthCheckName].Status);
        Assert.Equal("0 runs in progress, 1 completed, 0 failed", health.Entries[ArazzoRunnerServiceCollectionExtensions.HealthCheckName].Description);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_the_waits_of_runs_in_progress_reports_them_and_the_health_check_names_the_failure()
    {
        var logs = new FakeLogCollector();
        using var host = BuildHost("{}", TimeProvider.System, services =>
        {
            services.AddArazzoRunner();
            services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        });
        await host.StartAsync();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await host.Services.GetRequiredService<WorkflowRunQueue>().EnqueueAsync<EnsureTableWriteReadWorkflow>("long-training", async (_, ct) =>
        {
            waiting.SetResult();
            await Task.Delay(Timeout.Infinite, ct); // a poll's wait, cancelled by the stop
        });
        await waiting.Task.WaitAsync(TimeSpan.FromMinutes(1));

        await host.StopAsync();

        var status = host.Services.GetRequiredService<WorkflowRunsStatus>();
        Assert.Equal((0L, 1L, 0), (status.Completed, status.Failed, status.Running.Count));
        Assert.Equal(("long-training", "TaskCanceledException"), (status.LastFailure!.Name, status.LastFailure.Exception));
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("The host is stopping with 1 workflow runs in progress", StringComparison.Ordinal) && r.Message.Contains("long-training (since ", StringComparison.Ordinal));
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = health.Entries[ArazzoRunnerServiceCollectionExtensions.HealthCheckName];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("the last run to end, long-training, failed", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SDKs_requests_go_through_the_containers_HttpClient_and_its_handlers()
    {
        var targets = new List<string>();
        using var host = BuildHost("""{ "Polls": { "waitForTable": { "Delay": "00:00:00.100" } } }""", TimeProvider.System, services =>
            services.AddAwsHttpClient<IAmazonDynamoDB>().AddHttpMessageHandler(() => new RecordingHandler(targets)));
        await host.StartAsync();

        var outputs = await host.Services.GetRequiredService<EnsureTableWriteReadWorkflow>()
            .RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = "through-" + Guid.NewGuid().ToString("N")[..8], ItemId = "1", Payload = "via IHttpClientFactory" });
        await host.StopAsync();

        Assert.Equal("via IHttpClientFactory", outputs.StoredPayload);
        // Every call of the run passed the container's handler: describe, create, the polls, put, get.
        Assert.Contains("DynamoDB_20120810.CreateTable", targets);
        Assert.Contains("DynamoDB_20120810.PutItem", targets);
        Assert.Contains("DynamoDB_20120810.GetItem", targets);
    }

    private sealed class RecordingHandler(List<string> targets) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (targets)
            {
                targets.Add(request.Headers.TryGetValues("X-Amz-Target", out var target) ? target.Single() : request.RequestUri!.ToString());
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task The_default_transient_retries_are_set_per_workflow_from_configuration()
    {
        using var host = BuildHost("""{ "TransientRetries": 4 }""", TimeProvider.System);
        await host.StartAsync();

        Assert.Equal(4, ArazzoServices.Options(host.Services, "ensure-table-write-read").TransientRetries);
        Assert.Equal(Runtime.WorkflowOptions.Default.TransientRetries, ArazzoServices.Options(host.Services, "another-workflow").TransientRetries);
        await host.StopAsync();
    }

    [Fact]
    public async Task Calls_go_through_the_workflows_resilience_pipeline_from_the_container()
    {
        var calls = 0;
        using var host = BuildHost("""{ "Polls": { "waitForTable": { "Delay": "00:00:00.100" } } }""", TimeProvider.System, services =>
            services.AddResiliencePipeline(ArazzoGen.Hosting.ArazzoServices.PipelineName("ensure-table-write-read"), pipeline =>
                pipeline.AddStrategy(_ => new CountingStrategy(() => Interlocked.Increment(ref calls)), new Polly.Retry.RetryStrategyOptions { Name = "count" })));
        await host.StartAsync();

        var outputs = await host.Services.GetRequiredService<EnsureTableWriteReadWorkflow>()
            .RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = "piped-" + Guid.NewGuid().ToString("N")[..8], ItemId = "1", Payload = "through the pipeline" });

        Assert.Equal("through the pipeline", outputs.StoredPayload);
        Assert.True(calls >= 5, $"{calls} calls went through the pipeline"); // describe, create, at least one poll, put, get
        await host.StopAsync();
    }

    /// <summary>A resilience strategy that only counts the calls it wraps.</summary>
    private sealed class CountingStrategy(Action counted) : Polly.ResilienceStrategy
    {
        protected override ValueTask<Polly.Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<Polly.ResilienceContext, TState, ValueTask<Polly.Outcome<TResult>>> callback, Polly.ResilienceContext context, TState state)
        {
            counted();
            return callback(context, state);
        }
    }

    [Fact]
    public void The_shared_default_options_cannot_be_changed()
    {
        Assert.Throws<NotSupportedException>(() => Runtime.WorkflowOptions.Default.Polls["waitForTable"] = new Runtime.PollOptions { Delay = TimeSpan.Zero });
    }

    /// <summary>The system clock, recording each timer's due time (the waits the workflow asks for).</summary>
    private sealed class RecordingClock : TimeProvider
    {
        private readonly List<TimeSpan> _waits = new();

        public IReadOnlyList<TimeSpan> Waits
        {
            get
            {
                lock (_waits)
                {
                    return _waits.ToList();
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (_waits)
                {
                    _waits.Add(dueTime);
                }
            }

            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
