using System.Net;
using Amazon.Runtime;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Benchmarks.Workflows;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// One train-then-deploy run (six SDK calls, no waiting) through the generated workflow, against
/// the same calls written by hand; both on one in-memory fake client that answers at once.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RuntimeOverheadBenchmarks
{
    private readonly IAmazonSageMaker _sageMaker = InstantSageMaker.Create();
    private readonly IAmazonSageMaker _answeringLater = InstantSageMaker.CreateAnsweringLater();
    private TrainThenDeployWorkflow _workflow = null!;
    private TrainThenDeployWorkflow _workflowAnsweredLater = null!;
    private TrainThenDeployWorkflow _hostLogged = null!;
    private ILoggerFactory _hostLoggers = null!;
    private TrainThenDeployWorkflow.Inputs _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(_sageMaker));
        _workflowAnsweredLater = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(_answeringLater));
        // A host's logging as it usually stands: a provider, with workflows at Warning, so a run that goes well writes nothing.
        _hostLoggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(NullLoggerProvider.Instance));
        _hostLogged = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(_sageMaker), new ArazzoGen.Runtime.WorkflowOptions { LoggerFactory = _hostLoggers });
        _inputs = SampleInputs();
    }

    /// <summary>The inputs every runtime variant runs with.</summary>
    public static TrainThenDeployWorkflow.Inputs SampleInputs() => new()
    {
        TrainingJobName = "job", TrainingImage = "image", RoleArn = "arn:role", S3OutputPath = "s3://out",
        InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 30, MaxRuntimeInSeconds = 3600,
        ModelName = "model", InferenceImage = "image", EndpointConfigName = "config", VariantName = "AllTraffic",
        InitialInstanceCount = 1, HostingInstanceType = "ml.m5.large", EndpointName = "endpoint",
    };

    [Benchmark(Baseline = true)]
    public Task<string?> HandWritten() => HandWrittenTrainThenDeploy.RunAsync(_sageMaker, _inputs);

    /// <summary>The same calls in the generated code's shape (a run object, a method per step, a step loop) and nothing else.</summary>
    [Benchmark]
    public Task<string?> HandWrittenInStepShape() => Benchmarks.HandWrittenInStepShape.RunAsync(_sageMaker, _inputs);

    // The run's own task, as the hand-written method returns its own: an async wrapper here would bill the generated code for the benchmark's frame.
    [Benchmark]
    public Task<TrainThenDeployWorkflow.Outputs> Generated() => _workflow.RunAsync(_inputs);

    /// <summary>The same, in a host whose logging is on at Warning: nothing is written, but the logger is a real one.</summary>
    [Benchmark]
    public Task<TrainThenDeployWorkflow.Outputs> GeneratedWithHostLogging() => _hostLogged.RunAsync(_inputs);

    /// <summary>The hand-written calls on a client that answers each after a yield, as a real client answers: every call completes asynchronously.</summary>
    [Benchmark]
    public Task<string?> HandWrittenAnsweredLater() => HandWrittenTrainThenDeploy.RunAsync(_answeringLater, _inputs);

    /// <summary>The generated run on the same client.</summary>
    [Benchmark]
    public Task<TrainThenDeployWorkflow.Outputs> GeneratedAnsweredLater() => _workflowAnsweredLater.RunAsync(_inputs);

    [GlobalCleanup]
    public void Cleanup() => _hostLoggers.Dispose();
}

/// <summary>What a careful developer writes without ArazzoGen: the same requests, checks and branch.</summary>
internal static class HandWrittenTrainThenDeploy
{
    public static Task<string?> RunAsync(IAmazonSageMaker sageMaker, TrainThenDeployWorkflow.Inputs inputs) =>
        RunAsync(sageMaker, inputs, TimeSpan.Zero, TimeProvider.System);

    /// <summary>The same, waiting <paramref name="pollDelay"/> on <paramref name="clock"/> between polls.</summary>
    public static async Task<string?> RunAsync(IAmazonSageMaker sageMaker, TrainThenDeployWorkflow.Inputs inputs, TimeSpan pollDelay, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var created = await sageMaker.CreateTrainingJobAsync(new CreateTrainingJobRequest
        {
            TrainingJobName = inputs.TrainingJobName,
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = inputs.TrainingImage, TrainingInputMode = TrainingInputMode.FindValue(inputs.TrainingInputMode) },
            RoleArn = inputs.RoleArn,
            InputDataConfig = inputs.InputDataConfig,
            OutputDataConfig = new OutputDataConfig { S3OutputPath = inputs.S3OutputPath },
            ResourceConfig = new ResourceConfig { InstanceType = TrainingInstanceType.FindValue(inputs.InstanceType), InstanceCount = inputs.InstanceCount, VolumeSizeInGB = inputs.VolumeSizeInGB },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = inputs.MaxRuntimeInSeconds },
        }, cancellationToken);
        Check(created);
        DescribeTrainingJobResponse training;
        while (true)
        {
            training = await sageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = inputs.TrainingJobName }, cancellationToken);
            Check(training);
            if (training.TrainingJobStatus != TrainingJobStatus.InProgress)
            {
                break;
            }

            await Task.Delay(pollDelay, clock, cancellationToken);
        }

        if (training.TrainingJobStatus != TrainingJobStatus.Completed)
        {
            return null;
        }

        Check(await sageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = inputs.ModelName,
            PrimaryContainer = new ContainerDefinition { Image = inputs.InferenceImage, ModelDataUrl = training.ModelArtifacts?.S3ModelArtifacts },
            ExecutionRoleArn = inputs.RoleArn,
        }, cancellationToken));
        Check(await sageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = inputs.EndpointConfigName,
            ProductionVariants = new List<ProductionVariant>
            {
                new() { VariantName = inputs.VariantName, ModelName = inputs.ModelName, InitialInstanceCount = inputs.InitialInstanceCount, InstanceType = ProductionVariantInstanceType.FindValue(inputs.HostingInstanceType) },
            },
        }, cancellationToken));
        Check(await sageMaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = inputs.EndpointName, EndpointConfigName = inputs.EndpointConfigName }, cancellationToken));
        DescribeEndpointResponse endpoint;
        while (true)
        {
            endpoint = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = inputs.EndpointName }, cancellationToken);
            Check(endpoint);
            if (endpoint.EndpointStatus != EndpointStatus.Creating)
            {
                break;
            }

            await Task.Delay(pollDelay, clock, cancellationToken);
        }

        return endpoint.EndpointStatus?.Value;
    }

    private static void Check(AmazonWebServiceResponse response)
    {
        if (response.HttpStatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("call failed: " + response.HttpStatusCode);
        }
    }
}

/// <summary>A SageMaker that answers every call at once with a finished job (cached, completed tasks).</summary>
public static class InstantSageMaker
{
    // Each call's answer, finished jobs all: the other fakes answer from these too.
    internal static readonly Task<CreateTrainingJobResponse> Created = Answer(new CreateTrainingJobResponse { TrainingJobArn = "arn:job" });
    internal static readonly Task<DescribeTrainingJobResponse> Trained = Answer(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.Completed, ModelArtifacts = new ModelArtifacts { S3ModelArtifacts = "s3://out/model.tar.gz" } });
    internal static readonly Task<CreateModelResponse> Model = Answer(new CreateModelResponse { ModelArn = "arn:model" });
    internal static readonly Task<CreateEndpointConfigResponse> Config = Answer(new CreateEndpointConfigResponse { EndpointConfigArn = "arn:config" });
    internal static readonly Task<CreateEndpointResponse> Endpoint = Answer(new CreateEndpointResponse { EndpointArn = "arn:endpoint" });
    internal static readonly Task<DescribeEndpointResponse> InService = Answer(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.InService });

    public static IAmazonSageMaker Create() => AnsweringClient.Create<IAmazonSageMaker>(new Dictionary<string, object>
    {
        ["CreateTrainingJobAsync"] = Created,
        ["DescribeTrainingJobAsync"] = Trained,
        ["CreateModelAsync"] = Model,
        ["CreateEndpointConfigAsync"] = Config,
        ["CreateEndpointAsync"] = Endpoint,
        ["DescribeEndpointAsync"] = InService,
    });

    /// <summary>
    /// The same answers, each given after the caller has yielded, as a real client's are: every call
    /// then completes asynchronously. The delay costs each call the same few objects in both variants.
    /// With <paramref name="after"/>, each answer comes from a timer that long after the call, as a
    /// network's does: after every frame of the caller has registered its continuation.
    /// </summary>
    public static IAmazonSageMaker CreateAnsweringLater(TimeSpan after = default) => AnsweringClient.Create<IAmazonSageMaker>(new Dictionary<string, object>
    {
        ["CreateTrainingJobAsync"] = new Func<CreateTrainingJobRequest, CancellationToken, Task<CreateTrainingJobResponse>>((_, _) => Later(Created, after)),
        ["DescribeTrainingJobAsync"] = new Func<DescribeTrainingJobRequest, CancellationToken, Task<DescribeTrainingJobResponse>>((_, _) => Later(Trained, after)),
        ["CreateModelAsync"] = new Func<CreateModelRequest, CancellationToken, Task<CreateModelResponse>>((_, _) => Later(Model, after)),
        ["CreateEndpointConfigAsync"] = new Func<CreateEndpointConfigRequest, CancellationToken, Task<CreateEndpointConfigResponse>>((_, _) => Later(Config, after)),
        ["CreateEndpointAsync"] = new Func<CreateEndpointRequest, CancellationToken, Task<CreateEndpointResponse>>((_, _) => Later(Endpoint, after)),
        ["DescribeEndpointAsync"] = new Func<DescribeEndpointRequest, CancellationToken, Task<DescribeEndpointResponse>>((_, _) => Later(InService, after)),
    });

    private static async Task<T> Later<T>(Task<T> answer, TimeSpan after)
    {
        if (after > TimeSpan.Zero)
        {
            await Task.Delay(after);
        }
        else
        {
            await Task.Yield();
        }

        return await answer;
    }

    /// <summary>A completed call's answer, as the SDK gives it (status 200, a request id).</summary>
    internal static Task<T> Answer<T>(T response)
        where T : AmazonWebServiceResponse
    {
        response.HttpStatusCode = HttpStatusCode.OK;
        response.ResponseMetadata = new ResponseMetadata { RequestId = "r" };
        return Task.FromResult(response);
    }
}
