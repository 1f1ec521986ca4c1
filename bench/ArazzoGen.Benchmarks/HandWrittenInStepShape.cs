using System.Net;
using Amazon.Runtime;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Benchmarks.Workflows;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The hand-written train-then-deploy in the generated code's shape, and nothing else: a run object
/// holding each step's result, one async method per step, and a loop that moves from step to step.
/// No input checks, logging, tracing, step budget, call wrapping or outputs object. Against the
/// hand-written method it prices the shape; against the generated class, what the runtime adds to it.
/// </summary>
internal sealed class HandWrittenInStepShape
{
    private enum Step
    {
        CreateTrainingJob,
        PollTrainingJob,
        CreateModel,
        CreateEndpointConfig,
        CreateEndpoint,
        PollEndpoint,
    }

    private readonly IAmazonSageMaker _sageMaker;
    private readonly TrainThenDeployWorkflow.Inputs _inputs;
    private readonly TimeSpan _pollDelay;
    private readonly TimeProvider _clock;
    private readonly CancellationToken _cancellationToken;
    private string? _modelArtifacts;
    private EndpointStatus? _endpointStatus;

    private HandWrittenInStepShape(IAmazonSageMaker sageMaker, TrainThenDeployWorkflow.Inputs inputs, TimeSpan pollDelay, TimeProvider clock, CancellationToken cancellationToken)
    {
        _sageMaker = sageMaker;
        _inputs = inputs;
        _pollDelay = pollDelay;
        _clock = clock;
        _cancellationToken = cancellationToken;
    }

    public static Task<string?> RunAsync(IAmazonSageMaker sageMaker, TrainThenDeployWorkflow.Inputs inputs) =>
        RunAsync(sageMaker, inputs, TimeSpan.Zero, TimeProvider.System);

    /// <summary>The same, waiting <paramref name="pollDelay"/> on <paramref name="clock"/> between polls (the scale benchmark's runs).</summary>
    public static Task<string?> RunAsync(IAmazonSageMaker sageMaker, TrainThenDeployWorkflow.Inputs inputs, TimeSpan pollDelay, TimeProvider clock, CancellationToken cancellationToken = default) =>
        new HandWrittenInStepShape(sageMaker, inputs, pollDelay, clock, cancellationToken).ExecuteAsync();

    private async Task<string?> ExecuteAsync()
    {
        Step? next = Step.CreateTrainingJob;
        while (next is { } step)
        {
            next = step switch
            {
                Step.CreateTrainingJob => await CreateTrainingJobAsync().ConfigureAwait(false),
                Step.PollTrainingJob => await PollTrainingJobAsync().ConfigureAwait(false),
                Step.CreateModel => await CreateModelAsync().ConfigureAwait(false),
                Step.CreateEndpointConfig => await CreateEndpointConfigAsync().ConfigureAwait(false),
                Step.CreateEndpoint => await CreateEndpointAsync().ConfigureAwait(false),
                Step.PollEndpoint => await PollEndpointAsync().ConfigureAwait(false),
                _ => throw new InvalidOperationException("Unknown step " + step),
            };
        }

        return _endpointStatus?.Value;
    }

    private async ValueTask<Step?> CreateTrainingJobAsync()
    {
        Check(await _sageMaker.CreateTrainingJobAsync(new CreateTrainingJobRequest
        {
            TrainingJobName = _inputs.TrainingJobName,
            AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = _inputs.TrainingImage, TrainingInputMode = TrainingInputMode.FindValue(_inputs.TrainingInputMode) },
            RoleArn = _inputs.RoleArn,
            InputDataConfig = _inputs.InputDataConfig,
            OutputDataConfig = new OutputDataConfig { S3OutputPath = _inputs.S3OutputPath },
            ResourceConfig = new ResourceConfig { InstanceType = TrainingInstanceType.FindValue(_inputs.InstanceType), InstanceCount = _inputs.InstanceCount, VolumeSizeInGB = _inputs.VolumeSizeInGB },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = _inputs.MaxRuntimeInSeconds },
        }, _cancellationToken).ConfigureAwait(false));
        return Step.PollTrainingJob;
    }

    private async ValueTask<Step?> PollTrainingJobAsync()
    {
        while (true)
        {
            var training = await _sageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = _inputs.TrainingJobName }, _cancellationToken).ConfigureAwait(false);
            Check(training);
            _modelArtifacts = training.ModelArtifacts?.S3ModelArtifacts;
            if (training.TrainingJobStatus == TrainingJobStatus.InProgress)
            {
                await Task.Delay(_pollDelay, _clock, _cancellationToken).ConfigureAwait(false);
                continue;
            }

            return training.TrainingJobStatus == TrainingJobStatus.Completed ? Step.CreateModel : null;
        }
    }

    private async ValueTask<Step?> CreateModelAsync()
    {
        Check(await _sageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = _inputs.ModelName,
            PrimaryContainer = new ContainerDefinition { Image = _inputs.InferenceImage, ModelDataUrl = _modelArtifacts },
            ExecutionRoleArn = _inputs.RoleArn,
        }, _cancellationToken).ConfigureAwait(false));
        return Step.CreateEndpointConfig;
    }

    private async ValueTask<Step?> CreateEndpointConfigAsync()
    {
        Check(await _sageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = _inputs.EndpointConfigName,
            ProductionVariants = new List<ProductionVariant>
            {
                new() { VariantName = _inputs.VariantName, ModelName = _inputs.ModelName, InitialInstanceCount = _inputs.InitialInstanceCount, InstanceType = ProductionVariantInstanceType.FindValue(_inputs.HostingInstanceType) },
            },
        }, _cancellationToken).ConfigureAwait(false));
        return Step.CreateEndpoint;
    }

    private async ValueTask<Step?> CreateEndpointAsync()
    {
        Check(await _sageMaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = _inputs.EndpointName, EndpointConfigName = _inputs.EndpointConfigName }, _cancellationToken).ConfigureAwait(false));
        return Step.PollEndpoint;
    }

    private async ValueTask<Step?> PollEndpointAsync()
    {
        while (true)
        {
            var endpoint = await _sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = _inputs.EndpointName }, _cancellationToken).ConfigureAwait(false);
            Check(endpoint);
            _endpointStatus = endpoint.EndpointStatus;
            if (endpoint.EndpointStatus == EndpointStatus.Creating)
            {
                await Task.Delay(_pollDelay, _clock, _cancellationToken).ConfigureAwait(false);
                continue;
            }

            return null;
        }
    }

    private static void Check(AmazonWebServiceResponse response)
    {
        if (response.HttpStatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("call failed: " + response.HttpStatusCode);
        }
    }
}
