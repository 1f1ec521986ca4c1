using System.CommandLine;
using Amazon.SageMaker;
using ArazzoGen.Runtime;
using ArazzoGen.Runtime.Durable;
using ArazzoGen.Samples.Simulation;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using TrainThenDeploy;
using TrainThenDeploy.Workflows;

// Runs the generated TrainThenDeployWorkflow (or the preprocess-train-deploy pipeline) against an
// in-process simulated SageMaker whose jobs take realistic durations on an accelerated clock.
// Against real AWS, pass `new AmazonSageMakerClient()` (package AWSSDK.SageMaker) instead of
// `simulator.Client` and drop the clock: the workflow code is the same.
var failTraining = new Option<bool>("--fail-training") { Description = "The training job fails halfway (AlgorithmError)." };
var failEndpoint = new Option<bool>("--fail-endpoint") { Description = "The endpoint ends Failed instead of InService." };
var throttle = new Option<int>("--throttle") { Description = "The first N calls of every operation answer ThrottlingException.", DefaultValueFactory = _ => 0 };
var pipeline = new Option<bool>("--pipeline") { Description = "Run the preprocess -> train -> deploy pipeline (workflows/*pipeline*) instead." };
var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second.", DefaultValueFactory = _ => 600 };
var plain = new Option<bool>("--plain") { Description = "Print plain lines instead of a live table (automatic without a terminal)." };
var store = new Option<string?>("--store") { Description = "Run durably: checkpoints (and the simulated SageMaker's state) go in this folder." };
var crashAfter = new Option<string?>("--crash-after") { Description = "With --store: kill this process (as SIGKILL would) once this step has called SageMaker, before the run records it is past the step." };
var resume = new Option<string?>("--resume") { Description = "With --store: continue this run id from its last checkpoint." };

var command = new RootCommand("Train a model and deploy it to an endpoint, end to end on a simulated SageMaker.")
{
    failTraining, failEndpoint, throttle, pipeline, speed, plain, store, crashAfter, resume,
};
command.Validators.Add(result =>
{
    if (result.GetValue(store) is null && (result.GetValue(crashAfter) is not null || result.GetValue(resume) is not null))
    {
        result.AddError("--crash-after and --resume need --store.");
    }
});
command.SetAction((parse, cancellationToken) => RunAsync(
    new SimulationOptions
    {
        FailTraining = parse.GetValue(failTraining),
        FailEndpoint = parse.GetValue(failEndpoint),
        ThrottledCallsPerOperation = parse.GetValue(throttle),
    },
    parse.GetValue(pipeline),
    parse.GetValue(speed),
    parse.GetValue(plain) || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive,
    new Durability(parse.GetValue(store), parse.GetValue(crashAfter), parse.GetValue(resume)),
    cancellationToken));
return await command.Parse(args).InvokeAsync();

static async Task<int> RunAsync(SimulationOptions simulation, bool runPipeline, double speed, bool plain, Durability durability, CancellationToken cancellationToken)
{
    // A durable run keeps the simulated account next to its checkpoints, and its clock goes on from where it was.
    var stateFile = durability.Store is { } folder ? Path.Combine(folder, "simulated-sagemaker.json") : null;
    var clock = new AcceleratedTimeProvider(speed, stateFile is null ? null : SimulatedSageMaker.SavedAt(stateFile));
    var simulator = new SimulatedSageMaker(clock, simulation, stateFile);
    var board = new ProgressBoard(clock);
    simulator.Event += e => board.Observed(e.Operation, e.Outcome);
    using var logging = LoggerFactory.Create(b => b.AddProvider(new WorkflowLogBridge(board)).SetMinimumLevel(LogLevel.Debug));
    var options = new WorkflowOptions
    {
        TimeProvider = clock,
        LoggerFactory = logging,
        // train-then-deploy has no throttling retry of its own: the run's transient retry absorbs
        // throttling (4 retries by default, so --throttle up to 4). The pipeline workflow retries by
        // its own failure actions, which this shows by turning the layer below them off.
        TransientRetries = runPipeline ? 0 : 4,
        Store = durability.Store is { } directory
            ? CrashingStore.Around(new FileRunStore(Path.Combine(directory, "runs")), durability.CrashAfter)
            : null,
    };
    var runId = durability.Resume ?? (durability.Store is null ? null : $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
    if (runId is not null)
    {
        Console.WriteLine($"Run id: {runId}");
    }

    var title = runPipeline ? "preprocess-train-deploy (Step Functions pipeline)" : "train-then-deploy";
    Console.WriteLine($"ArazzoGen sample: {title} on a simulated SageMaker, {speed:0}x faster than real time");
    if (plain)
    {
        board.Changed += Console.WriteLine;
    }

    var run = runPipeline ? RunPipeline(simulator.Client, options, runId, durability.Resume is not null, cancellationToken) : RunTrainThenDeploy(simulator.Client, options, runId, durability.Resume is not null, cancellationToken);
    if (plain)
    {
        await Wait(run);
    }
    else
    {
        await AnsiConsole.Live(Render(board.Snapshot())).StartAsync(async live =>
        {
            while (!run.IsCompleted)
            {
                live.UpdateTarget(Render(board.Snapshot()));
                await Task.WhenAny(run, Task.Delay(100, CancellationToken.None));
            }

            live.UpdateTarget(Render(board.Snapshot()));
        });
    }

    try
    {
        var (outputs, endStep, endAction) = await run;
        Console.WriteLine();
        Console.WriteLine($"Workflow ended after step {endStep} ({endAction ?? "ran past its last step"}) after {clock.Elapsed:hh\\:mm\\:ss} simulated time.");
        foreach (var (name, value) in outputs)
        {
            Console.WriteLine($"  {name}: {value ?? "(not produced)"}");
        }

        if (durability.Store is not null)
        {
            // What the simulated account was asked to create, over every process of the run: one each, however often it crashed.
            Console.WriteLine("Creates the simulated SageMaker answered, over all processes of the run:");
            foreach (var operation in simulator.Operations.Where(o => o.StartsWith("Create", StringComparison.Ordinal)))
            {
                Console.WriteLine($"  {operation}: {simulator.CallsTo(operation)}");
            }
        }

        return 0;
    }
    catch (WorkflowException ex)
    {
        Console.WriteLine($"Workflow failed in step {ex.StepId}: {ex.Message}");
        return 1;
    }
}

static async Task Wait(Task task)
{
    try
    {
        await task;
    }
    catch (WorkflowException)
    {
        // Reported once the run is awaited for its outputs.
    }
}

static async Task<(IReadOnlyList<(string, object?)> Outputs, string EndStep, string? EndAction)> RunTrainThenDeploy(IAmazonSageMaker sageMaker, WorkflowOptions options, string? runId, bool resume, CancellationToken cancellationToken)
{
    var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker), options);
    var inputs = new TrainThenDeployWorkflow.Inputs
        {
            TrainingJobName = "churn-xgboost-2026-11-21",
            TrainingImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
            RoleArn = "arn:aws:iam::123456789012:role/SageMakerExecution",
            S3OutputPath = "s3://ml-artifacts/churn/",
            InstanceType = "ml.m5.xlarge",
            InstanceCount = 1,
            VolumeSizeInGB = 30,
            MaxRuntimeInSeconds = 86400,
            ModelName = "churn-xgboost",
            InferenceImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
            EndpointConfigName = "churn-xgboost-config",
            VariantName = "AllTraffic",
            InitialInstanceCount = 1,
            HostingInstanceType = "ml.m5.large",
            EndpointName = "churn-xgboost",
        };
    var outputs = resume ? await workflow.ResumeAsync(runId!, cancellationToken)
        : runId is not null ? await workflow.RunAsync(inputs, runId, cancellationToken)
        : await workflow.RunAsync(inputs, cancellationToken);
    return (
        new (string, object?)[]
        {
            ("TrainingJobArn", outputs.TrainingJobArn),
            ("ModelArtifacts", outputs.ModelArtifacts),
            ("ModelArn", outputs.ModelArn),
            ("EndpointArn", outputs.EndpointArn),
            ("EndpointStatus", outputs.EndpointStatus),
        },
        outputs.EndStepId,
        outputs.EndActionName);
}

static async Task<(IReadOnlyList<(string, object?)> Outputs, string EndStep, string? EndAction)> RunPipeline(IAmazonSageMaker sageMaker, WorkflowOptions options, string? runId, bool resume, CancellationToken cancellationToken)
{
    var workflow = new PreprocessTrainDeployWorkflow(new PreprocessTrainDeployWorkflow.Clients(sageMaker), options);
    var inputs = new PreprocessTrainDeployWorkflow.Inputs
        {
            JobName = "churn-2026-11-21",
            RoleArn = "arn:aws:iam::123456789012:role/SageMakerExecution",
            RawDataS3Uri = "s3://ml-data/churn/raw",
            PreprocessedDataS3Uri = "s3://ml-data/churn/preprocessed",
            PreprocessingImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:0.20.0-cpu-py3",
            TrainingImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
            ModelOutputS3Uri = "s3://ml-artifacts/churn",
            InferenceImage = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        };
    var outputs = resume ? await workflow.ResumeAsync(runId!, cancellationToken)
        : runId is not null ? await workflow.RunAsync(inputs, runId, cancellationToken)
        : await workflow.RunAsync(inputs, cancellationToken);
    return (
        new (string, object?)[]
        {
            ("ProcessingJobArn", outputs.ProcessingJobArn),
            ("TrainingJobArn", outputs.TrainingJobArn),
            ("TrainingStatus", outputs.TrainingStatus),
            ("TrainingFailure", outputs.TrainingFailure),
            ("ModelArn", outputs.ModelArn),
            ("EndpointArn", outputs.EndpointArn),
            ("EndpointStatus", outputs.EndpointStatus),
            ("EndpointFailure", outputs.EndpointFailure),
        },
        outputs.EndStepId,
        outputs.EndActionName);
}

static Table Render(IReadOnlyList<StepProgress> steps)
{
    var table = new Table().Border(TableBorder.Rounded).AddColumns("Step", "Operation", "Last answer", "Attempt", "Now", "Elapsed (simulated)");
    foreach (var step in steps)
    {
        table.AddRow(
            Markup.Escape(step.StepId),
            Markup.Escape(step.Operation),
            Markup.Escape(step.Status),
            step.Attempt.ToString(),
            Markup.Escape(step.Activity),
            step.Elapsed.ToString(@"hh\:mm\:ss"));
    }

    return table;
}

/// <summary>The sample's durable-run options: where to keep runs, where to crash, which run to resume.</summary>
internal sealed record Durability(string? Store, string? CrashAfter, string? Resume);
