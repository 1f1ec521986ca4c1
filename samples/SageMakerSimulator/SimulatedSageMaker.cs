using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;

namespace ArazzoGen.Samples.Simulation;

/// <summary>
/// A SageMaker that runs in-process on a clock: training jobs move through SecondaryStatus
/// Starting -> Downloading -> Training -> Uploading -> Completed, processing jobs and endpoints
/// through theirs, with the failures <see cref="SimulationOptions"/> asks for.
/// </summary>
public sealed class SimulatedSageMaker
{
    private static readonly TimeSpan Starting = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Downloading = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Uploading = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock;
    private readonly SimulationOptions _options;
    private readonly ConcurrentDictionary<string, Job> _trainingJobs = new();
    private readonly ConcurrentDictionary<string, Job> _processingJobs = new();
    private readonly ConcurrentDictionary<string, Job> _endpoints = new();
    private readonly ConcurrentDictionary<string, string> _models = new();
    private readonly ConcurrentDictionary<string, string> _endpointConfigs = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentQueue<SimulatorEvent> _events = new();

    private readonly string? _stateFile;
    private readonly object _saving = new();
    private readonly StateChangePublisher? _stateChanges;

    /// <summary>Creates a simulated SageMaker whose jobs run on <paramref name="clock"/>.</summary>
    /// <param name="clock">The clock jobs run on.</param>
    /// <param name="options">Durations and failures.</param>
    /// <param name="stateFile">
    /// Where the simulated account's resources and call counts are kept across processes (loaded when
    /// it exists, saved after every call), as the real service keeps them when a client process dies.
    /// </param>
    public SimulatedSageMaker(TimeProvider clock, SimulationOptions? options = null, string? stateFile = null)
    {
        _clock = clock;
        _options = options ?? new SimulationOptions();
        _stateFile = stateFile;
        _stateChanges = _options.StateChanged is { } publish ? new StateChangePublisher(clock, publish) : null;
        if (stateFile is not null && File.Exists(stateFile))
        {
            SimulatorState.Load(stateFile, this);
        }
        else if (stateFile is not null)
        {
            // From now on the file holds the simulated time too, for the clock of the next process.
            SimulatorState.Save(stateFile, this);
        }

        Client = SageMakerProxy.Create(this);
    }

    /// <summary>The client to hand to a workflow.</summary>
    public IAmazonSageMaker Client { get; }

    /// <summary>Raised for every call and what it answered.</summary>
    public event Action<SimulatorEvent>? Event;

    /// <summary>The last <see cref="SimulationOptions.History"/> calls, in order.</summary>
    public IReadOnlyList<SimulatorEvent> Events => _events.ToList();

    /// <summary>The last <see cref="SimulationOptions.History"/> requests the simulator was sent, in order.</summary>
    public IReadOnlyList<object> Requests => _requests.ToList();

    private readonly ConcurrentQueue<object> _requests = new();

    /// <summary>Every operation called so far, in name order.</summary>
    public IReadOnlyList<string> Operations => _calls.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>The simulated time a state file was last saved at (where the clock of the next process starts), or null when there is none yet.</summary>
    public static DateTimeOffset? SavedAt(string stateFile) => SimulatorState.SavedAt(stateFile);

    /// <summary>How many times an operation was called (throttled calls included).</summary>
    public int CallsTo(string operation) => _calls.TryGetValue(operation, out var count) ? count : 0;

    private DateTimeOffset Now => _clock.GetUtcNow();

    internal DateTimeOffset UtcNow => Now;

    internal object Dispatch(string operation, object request)
    {
        if (_stateFile is null)
        {
            return DispatchCounted(operation, request);
        }

        // The account is shared by every process using the file, as AWS is: each call sees what the
        // others did, and one call at a time changes it.
        lock (_saving)
        {
            using var exclusive = SimulatorState.Lock(_stateFile);
            SimulatorState.Load(_stateFile, this);
            try
            {
                return DispatchCounted(operation, request);
            }
            finally
            {
                SimulatorState.Save(_stateFile, this);
            }
        }
    }

    private object DispatchCounted(string operation, object request)
    {
        Keep(_requests, request);
        var count = _calls.AddOrUpdate(operation, 1, (_, c) => c + 1);
        if (count <= _options.ThrottledCallsPerOperation)
        {
            Record(operation, "-", "ThrottlingException");
            return Throw(new AmazonSageMakerException("Rate exceeded", ErrorType.Sender, "ThrottlingException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest));
        }

        try
        {
            return operation switch
            {
                "CreateTrainingJob" => Answer(CreateTrainingJob((CreateTrainingJobRequest)request)),
                "DescribeTrainingJob" => Answer(DescribeTrainingJob((DescribeTrainingJobRequest)request)),
                "StopTrainingJob" => Answer(StopTrainingJob((StopTrainingJobRequest)request)),
                "ListTrainingJobs" => Answer(ListTrainingJobs((ListTrainingJobsRequest)request)),
                "CreateProcessingJob" => Answer(CreateProcessingJob((CreateProcessingJobRequest)request)),
                "DescribeProcessingJob" => Answer(DescribeProcessingJob((DescribeProcessingJobRequest)request)),
                "StopProcessingJob" => Answer(StopProcessingJob((StopProcessingJobRequest)request)),
                "CreateModel" => Answer(CreateModel((CreateModelRequest)request)),
                "DescribeModel" => Answer(DescribeModel((DescribeModelRequest)request)),
                "CreateEndpointConfig" => Answer(CreateEndpointConfig((CreateEndpointConfigRequest)request)),
                "DescribeEndpointConfig" => Answer(DescribeEndpointConfig((DescribeEndpointConfigRequest)request)),
                "CreateEndpoint" => Answer(CreateEndpoint((CreateEndpointRequest)request)),
                "DescribeEndpoint" => Answer(DescribeEndpoint((DescribeEndpointRequest)request)),
                "DeleteEndpoint" => Answer(DeleteEndpoint((DeleteEndpointRequest)request)),
                _ => throw new NotSupportedException($"The simulated SageMaker does not implement {operation}."),
            };
        }
        catch (AmazonServiceException ex)
        {
            Record(operation, "-", ex.ErrorCode);
            return Throw(ex);
        }
    }

    private CreateTrainingJobResponse CreateTrainingJob(CreateTrainingJobRequest request)
    {
        Require(request.TrainingJobName, request.RoleArn, request.AlgorithmSpecification?.TrainingImage);
        var job = new Job(request.TrainingJobName, Now) { OutputPath = request.OutputDataConfig?.S3OutputPath };
        if (!_trainingJobs.TryAdd(request.TrainingJobName, job))
        {
            throw new ResourceInUseException($"Training job {request.TrainingJobName} already exists", ErrorType.Sender, "ResourceInUse", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }

        Record("CreateTrainingJob", request.TrainingJobName, "created");
        if (_stateChanges is not null)
        {
            var ends = _options.FailTraining ? Starting + Downloading + _options.TrainingDuration / 2 : Starting + Downloading + _options.TrainingDuration + Uploading;
            var changes = _options.FailTraining
                ? new[] { TimeSpan.Zero, Starting, Starting + Downloading, ends }
                : new[] { TimeSpan.Zero, Starting, Starting + Downloading, Starting + Downloading + _options.TrainingDuration, ends };
            foreach (var at in changes)
            {
                AnnounceTraining(job, at);
            }
        }
        return new CreateTrainingJobResponse { TrainingJobArn = Arn("training-job", request.TrainingJobName) };
    }

    private DescribeTrainingJobResponse DescribeTrainingJob(DescribeTrainingJobRequest request)
    {
        var job = Find(_trainingJobs, request.TrainingJobName, "training job");
        var (status, secondary, failure) = TrainingState(job);
        Record("DescribeTrainingJob", job.Name, $"{status}/{secondary}");
        return new DescribeTrainingJobResponse
        {
            TrainingJobName = job.Name,
            TrainingJobArn = Arn("training-job", job.Name),
            TrainingJobStatus = status,
            SecondaryStatus = secondary,
            FailureReason = failure,
            CreationTime = job.CreatedAt.UtcDateTime,
            ModelArtifacts = status == TrainingJobStatus.Completed
                ? new ModelArtifacts { S3ModelArtifacts = job.OutputPath?.TrimEnd('/') + $"/{job.Name}/output/model.tar.gz" }
                : null,
        };
    }

    private void AnnounceTraining(Job job, TimeSpan after) =>
        _stateChanges!.After(after, "SageMaker Training Job State Change", Arn("training-job", job.Name), () =>
        {
            var (status, secondary, failure) = TrainingState(job);
            return new JsonObject
            {
                ["TrainingJobName"] = job.Name,
                ["TrainingJobArn"] = Arn("training-job", job.Name),
                ["TrainingJobStatus"] = status.Value,
                ["SecondaryStatus"] = secondary.Value,
                ["FailureReason"] = failure,
            };
        });

    private (TrainingJobStatus, SecondaryStatus, string?) TrainingState(Job job)
    {
        if (job.StoppedAt is { } stopped)
        {
            return Now - stopped < TimeSpan.FromMinutes(1)
                ? (TrainingJobStatus.Stopping, SecondaryStatus.Stopping, null)
                : (TrainingJobStatus.Stopped, SecondaryStatus.Stopped, null);
        }

        var elapsed = Now - job.CreatedAt;
        if (_options.FailTraining && elapsed >= Starting + Downloading + _options.TrainingDuration / 2)
        {
            return (TrainingJobStatus.Failed, SecondaryStatus.Failed, "AlgorithmError: the training container exited with code 137 (out of memory)");
        }

        if (elapsed < Starting)
        {
            return (TrainingJobStatus.InProgress, SecondaryStatus.Starting, null);
        }

        if (elapsed < Starting + Downloading)
        {
            return (TrainingJobStatus.InProgress, SecondaryStatus.Downloading, null);
        }

        if (elapsed < Starting + Downloading + _options.TrainingDuration)
        {
            return (TrainingJobStatus.InProgress, SecondaryStatus.Training, null);
        }

        if (elapsed < Starting + Downloading + _options.TrainingDuration + Uploading)
        {
            return (TrainingJobStatus.InProgress, SecondaryStatus.Uploading, null);
        }

        return (TrainingJobStatus.Completed, SecondaryStatus.Completed, null);
    }

    private StopTrainingJobResponse StopTrainingJob(StopTrainingJobRequest request)
    {
        var job = Find(_trainingJobs, request.TrainingJobName, "training job");
        job.StoppedAt ??= Now;
        Record("StopTrainingJob", job.Name, "stopping");
        if (_stateChanges is not null)
        {
            AnnounceTraining(job, TimeSpan.Zero);
            AnnounceTraining(job, TimeSpan.FromMinutes(1));
        }

        return new StopTrainingJobResponse();
    }

    private ListTrainingJobsResponse ListTrainingJobs(ListTrainingJobsRequest request)
    {
        var jobs = _trainingJobs.Values
            .Where(j => request.StatusEquals is null || TrainingState(j).Item1 == request.StatusEquals)
            .OrderByDescending(j => j.CreatedAt)
            .Take(request.MaxResults ?? 10)
            .Select(j => new TrainingJobSummary { TrainingJobName = j.Name, TrainingJobArn = Arn("training-job", j.Name), TrainingJobStatus = TrainingState(j).Item1, CreationTime = j.CreatedAt.UtcDateTime })
            .ToList();
        Record("ListTrainingJobs", "-", $"{jobs.Count} jobs");
        return new ListTrainingJobsResponse { TrainingJobSummaries = jobs };
    }

    private CreateProcessingJobResponse CreateProcessingJob(CreateProcessingJobRequest request)
    {
        Require(request.ProcessingJobName, request.RoleArn, request.AppSpecification?.ImageUri);
        if (!_processingJobs.TryAdd(request.ProcessingJobName, new Job(request.ProcessingJobName, Now) { Outputs = request.ProcessingOutputConfig?.Outputs?.Select(o => (o.OutputName, o.S3Output?.S3Uri, o.S3Output?.LocalPath)).ToList() }))
        {
            throw new ResourceInUseException($"Processing job {request.ProcessingJobName} already exists", ErrorType.Sender, "ResourceInUse", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }

        Record("CreateProcessingJob", request.ProcessingJobName, "created");
        if (_stateChanges is not null)
        {
            var job = _processingJobs[request.ProcessingJobName];
            AnnounceProcessing(job, TimeSpan.Zero);
            AnnounceProcessing(job, _options.FailProcessing ? _options.ProcessingDuration / 2 : _options.ProcessingDuration);
        }
        return new CreateProcessingJobResponse { ProcessingJobArn = Arn("processing-job", request.ProcessingJobName) };
    }

    private (ProcessingJobStatus Status, string? Failure) ProcessingState(Job job)
    {
        var elapsed = Now - job.CreatedAt;
        return job.StoppedAt is not null ? (ProcessingJobStatus.Stopped, null)
            : _options.FailProcessing && elapsed >= _options.ProcessingDuration / 2 ? (ProcessingJobStatus.Failed, (string?)"ClientError: preprocessing script failed: KeyError 'label'")
            : elapsed >= _options.ProcessingDuration ? (ProcessingJobStatus.Completed, null)
            : (ProcessingJobStatus.InProgress, null);
    }

    private void AnnounceProcessing(Job job, TimeSpan after) =>
        _stateChanges!.After(after, "SageMaker Processing Job State Change", Arn("processing-job", job.Name), () =>
        {
            var (status, failure) = ProcessingState(job);
            return new JsonObject { ["ProcessingJobName"] = job.Name, ["ProcessingJobArn"] = Arn("processing-job", job.Name), ["ProcessingJobStatus"] = status.Value, ["FailureReason"] = failure };
        });

    private DescribeProcessingJobResponse DescribeProcessingJob(DescribeProcessingJobRequest request)
    {
        var job = Find(_processingJobs, request.ProcessingJobName, "processing job");
        var (status, failure) = ProcessingState(job);
        Record("DescribeProcessingJob", job.Name, status.Value);
        return new DescribeProcessingJobResponse
        {
            ProcessingJobName = job.Name,
            ProcessingJobArn = Arn("processing-job", job.Name),
            ProcessingJobStatus = status,
            FailureReason = failure,
            ProcessingOutputConfig = job.Outputs is { } outputs
                ? new ProcessingOutputConfig { Outputs = outputs.Select(o => new ProcessingOutput { OutputName = o.Name, S3Output = new ProcessingS3Output { S3Uri = o.S3Uri, LocalPath = o.LocalPath } }).ToList() }
                : null,
        };
    }

    private StopProcessingJobResponse StopProcessingJob(StopProcessingJobRequest request)
    {
        var job = Find(_processingJobs, request.ProcessingJobName, "processing job");
        job.StoppedAt ??= Now;
        Record("StopProcessingJob", job.Name, "stopping");
        if (_stateChanges is not null)
        {
            AnnounceProcessing(job, TimeSpan.Zero);
        }

        return new StopProcessingJobResponse();
    }

    private CreateModelResponse CreateModel(CreateModelRequest request)
    {
        Require(request.ModelName, request.ExecutionRoleArn, request.PrimaryContainer?.Image);
        if (!_models.TryAdd(request.ModelName, request.PrimaryContainer!.ModelDataUrl ?? string.Empty))
        {
            throw AlreadyExisting("model", Arn("model", request.ModelName));
        }

        Record("CreateModel", request.ModelName, "created");
        return new CreateModelResponse { ModelArn = Arn("model", request.ModelName) };
    }

    private CreateEndpointConfigResponse CreateEndpointConfig(CreateEndpointConfigRequest request)
    {
        Require(request.EndpointConfigName);
        foreach (var variant in request.ProductionVariants ?? new List<ProductionVariant>())
        {
            if (!_models.ContainsKey(variant.ModelName))
            {
                throw new AmazonSageMakerException($"Could not find model \"{variant.ModelName}\".", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
            }
        }

        if (!_endpointConfigs.TryAdd(request.EndpointConfigName, request.EndpointConfigName))
        {
            throw AlreadyExisting("endpoint configuration", Arn("endpoint-config", request.EndpointConfigName));
        }

        Record("CreateEndpointConfig", request.EndpointConfigName, "created");
        return new CreateEndpointConfigResponse { EndpointConfigArn = Arn("endpoint-config", request.EndpointConfigName) };
    }

    private CreateEndpointResponse CreateEndpoint(CreateEndpointRequest request)
    {
        Require(request.EndpointName, request.EndpointConfigName);
        if (!_endpointConfigs.ContainsKey(request.EndpointConfigName))
        {
            throw new AmazonSageMakerException($"Could not find endpoint configuration \"{request.EndpointConfigName}\".", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }

        if (!_endpoints.TryAdd(request.EndpointName, new Job(request.EndpointName, Now)))
        {
            throw AlreadyExisting("endpoint", Arn("endpoint", request.EndpointName));
        }

        Record("CreateEndpoint", request.EndpointName, "created");
        if (_stateChanges is not null)
        {
            var endpoint = _endpoints[request.EndpointName];
            AnnounceEndpoint(endpoint, TimeSpan.Zero);
            AnnounceEndpoint(endpoint, _options.EndpointCreationDuration);
        }
        return new CreateEndpointResponse { EndpointArn = Arn("endpoint", request.EndpointName) };
    }

    private DescribeModelResponse DescribeModel(DescribeModelRequest request)
    {
        if (request.ModelName is null || !_models.TryGetValue(request.ModelName, out var modelData))
        {
            throw new AmazonSageMakerException($"Could not find model \"{request.ModelName}\".", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }

        Record("DescribeModel", request.ModelName, "found");
        return new DescribeModelResponse { ModelName = request.ModelName, ModelArn = Arn("model", request.ModelName), PrimaryContainer = new ContainerDefinition { ModelDataUrl = modelData } };
    }

    private DescribeEndpointConfigResponse DescribeEndpointConfig(DescribeEndpointConfigRequest request)
    {
        if (request.EndpointConfigName is null || !_endpointConfigs.ContainsKey(request.EndpointConfigName))
        {
            throw new AmazonSageMakerException($"Could not find endpoint configuration \"{request.EndpointConfigName}\".", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }

        Record("DescribeEndpointConfig", request.EndpointConfigName, "found");
        return new DescribeEndpointConfigResponse { EndpointConfigName = request.EndpointConfigName, EndpointConfigArn = Arn("endpoint-config", request.EndpointConfigName) };
    }

    // What SageMaker answers for a name taken by a model, endpoint configuration or endpoint (not ResourceInUse).
    private static AmazonSageMakerException AlreadyExisting(string what, string arn) =>
        new($"Cannot create already existing {what} \"{arn}\".", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);

    private (EndpointStatus Status, string? Failure) EndpointState(Job endpoint)
    {
        var elapsed = Now - endpoint.CreatedAt;
        return endpoint.StoppedAt is not null ? (EndpointStatus.Deleting, null)
            : elapsed < _options.EndpointCreationDuration ? (EndpointStatus.Creating, null)
            : _options.FailEndpoint ? (EndpointStatus.Failed, (string?)"The primary container for production variant AllTraffic did not pass the ping health check.")
            : (EndpointStatus.InService, null);
    }

    // EventBridge spells endpoint statuses in capitals with underscores (IN_SERVICE), unlike DescribeEndpoint.
    private void AnnounceEndpoint(Job endpoint, TimeSpan after) =>
        _stateChanges!.After(after, "SageMaker Endpoint State Change", Arn("endpoint", endpoint.Name), () =>
        {
            var (status, failure) = EndpointState(endpoint);
            var spelled = string.Concat(status.Value.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
            return new JsonObject { ["EndpointName"] = endpoint.Name, ["EndpointArn"] = Arn("endpoint", endpoint.Name), ["EndpointStatus"] = spelled, ["FailureReason"] = failure };
        });

    private DescribeEndpointResponse DescribeEndpoint(DescribeEndpointRequest request)
    {
        var endpoint = Find(_endpoints, request.EndpointName, "endpoint");
        var (status, failure) = EndpointState(endpoint);
        Record("DescribeEndpoint", endpoint.Name, status.Value);
        return new DescribeEndpointResponse
        {
            EndpointName = endpoint.Name,
            EndpointArn = Arn("endpoint", endpoint.Name),
            EndpointStatus = status,
            FailureReason = failure,
        };
    }

    private DeleteEndpointResponse DeleteEndpoint(DeleteEndpointRequest request)
    {
        var endpoint = Find(_endpoints, request.EndpointName, "endpoint");
        endpoint.StoppedAt ??= Now;
        Record("DeleteEndpoint", endpoint.Name, "deleting");
        return new DeleteEndpointResponse();
    }

    private void Record(string operation, string resource, string outcome)
    {
        var e = new SimulatorEvent(Now, operation, resource, outcome);
        Keep(_events, e);
        Event?.Invoke(e);
    }

    private void Keep<T>(ConcurrentQueue<T> history, T item)
    {
        history.Enqueue(item);
        while (history.Count > _options.History && history.TryDequeue(out _))
        {
        }
    }

    private static Job Find(ConcurrentDictionary<string, Job> jobs, string? name, string what) =>
        name is not null && jobs.TryGetValue(name, out var job)
            ? job
            : throw new AmazonSageMakerException($"Requested resource not found: {what} {name}", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);

    private static void Require(params string?[] values)
    {
        if (values.Any(string.IsNullOrEmpty))
        {
            throw new AmazonSageMakerException("1 validation error detected: a required member is null", ErrorType.Sender, "ValidationException", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }
    }

    private static string Arn(string kind, string name) => $"arn:aws:sagemaker:us-east-1:123456789012:{kind}/{name.ToLowerInvariant()}";

    private static object Answer<T>(T response)
        where T : AmazonWebServiceResponse
    {
        response.HttpStatusCode = HttpStatusCode.OK;
        response.ResponseMetadata = new ResponseMetadata { RequestId = Guid.NewGuid().ToString() };
        return Task.FromResult(response);
    }

    private static object Throw(AmazonServiceException error) => error;

    internal sealed class Job(string name, DateTimeOffset createdAt)
    {
        public string Name { get; } = name;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        /// <summary>A training job's S3OutputPath.</summary>
        public string? OutputPath { get; init; }

        /// <summary>A processing job's S3 outputs.</summary>
        public List<(string Name, string? S3Uri, string? LocalPath)>? Outputs { get; init; }

        public DateTimeOffset? StoppedAt { get; set; }
    }

    internal ConcurrentDictionary<string, Job> TrainingJobs => _trainingJobs;

    internal ConcurrentDictionary<string, Job> ProcessingJobs => _processingJobs;

    internal ConcurrentDictionary<string, Job> Endpoints => _endpoints;

    internal ConcurrentDictionary<string, string> Models => _models;

    internal ConcurrentDictionary<string, string> EndpointConfigs => _endpointConfigs;

    internal ConcurrentDictionary<string, int> Calls => _calls;
}

/// <summary>Routes every IAmazonSageMaker call to <see cref="SimulatedSageMaker"/> by operation name.</summary>
public class SageMakerProxy : DispatchProxy
{
    private SimulatedSageMaker _simulator = null!;

    internal static IAmazonSageMaker Create(SimulatedSageMaker simulator)
    {
        var proxy = DispatchProxy.Create<IAmazonSageMaker, SageMakerProxy>();
        ((SageMakerProxy)(object)proxy)._simulator = simulator;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IDisposable.Dispose))
        {
            return null;
        }

        if (!targetMethod.Name.EndsWith("Async", StringComparison.Ordinal) || args is not { Length: > 0 } || args[0] is not AmazonWebServiceRequest request)
        {
            throw new NotSupportedException($"The simulated SageMaker does not implement {targetMethod.Name}.");
        }

        var outcome = _simulator.Dispatch(targetMethod.Name[..^"Async".Length], request);
        if (outcome is AmazonServiceException error)
        {
            // The SDK fails the returned task; it does not throw synchronously.
            var fail = typeof(Task).GetMethod(nameof(Task.FromException), 1, new[] { typeof(Exception) })!
                .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
            return fail.Invoke(null, new object[] { error });
        }

        return outcome;
    }
}
