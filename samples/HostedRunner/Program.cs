using Amazon.SageMaker;
using ArazzoGen.Hosting;
using ArazzoGen.Samples.Simulation;
using HostedRunner;
using HostedRunner.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// train-then-deploy run by a host: `dotnet run --project samples/HostedRunner [-- <nights>]`. A schedule
// queues one run per simulated night; the hosted runner works through the queue; the health check
// says how the runs went; the host stops after the given number of nights (2 by default).
var nights = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 2;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

var clock = new AcceleratedTimeProvider(3000);
var sageMaker = new SimulatedSageMaker(clock, new SimulationOptions { TrainingDuration = TimeSpan.FromMinutes(30), EndpointCreationDuration = TimeSpan.FromMinutes(6) });
builder.Services.AddSingleton<TimeProvider>(clock);
builder.Services.AddSingleton(sageMaker.Client); // in production: builder.Services.AddAWSService<IAmazonSageMaker>()
builder.Services.AddArazzoWorkflows();
builder.Services.AddArazzoRunner(o => o.MaxConcurrentRuns = 2);
builder.Services.AddSingleton(new NightlySchedule.Settings(nights));
builder.Services.AddHostedService<NightlySchedule>();

using var host = builder.Build();
await host.StartAsync();
await host.WaitForShutdownAsync();

var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
var runs = health.Entries[ArazzoRunnerServiceCollectionExtensions.HealthCheckName];
Console.WriteLine($"Health: {runs.Status}: {runs.Description}");
return runs.Status == HealthStatus.Healthy ? 0 : 1;
