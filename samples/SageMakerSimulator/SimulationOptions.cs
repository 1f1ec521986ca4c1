namespace ArazzoGen.Samples.Simulation;

/// <summary>How the simulated SageMaker behaves: realistic durations, and the failures to inject.</summary>
public sealed class SimulationOptions
{
    /// <summary>Time in the Training phase (Starting, Downloading and Uploading add 4 minutes).</summary>
    public TimeSpan TrainingDuration { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>How long a processing job runs.</summary>
    public TimeSpan ProcessingDuration { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>How long an endpoint stays Creating.</summary>
    public TimeSpan EndpointCreationDuration { get; init; } = TimeSpan.FromMinutes(8);

    /// <summary>Training jobs fail halfway through training (AlgorithmError).</summary>
    public bool FailTraining { get; init; }

    /// <summary>Processing jobs fail halfway.</summary>
    public bool FailProcessing { get; init; }

    /// <summary>Endpoints end Failed instead of InService.</summary>
    public bool FailEndpoint { get; init; }

    /// <summary>The first N calls of every operation answer ThrottlingException (400), as SageMaker does under load.</summary>
    public int ThrottledCallsPerOperation { get; init; }

    /// <summary>
    /// Receives what SageMaker would send EventBridge as jobs and endpoints change state (the
    /// event's JSON, as an SQS queue delivers it): at creation, at each status or secondary-status
    /// change, and at the end. Null: no events.
    /// </summary>
    public Action<string>? StateChanged { get; init; }

    /// <summary>How many calls and requests <see cref="SimulatedSageMaker.Events"/> and <see cref="SimulatedSageMaker.Requests"/> keep (the oldest go first). 10,000 by default.</summary>
    public int History { get; init; } = 10_000;
}

/// <summary>Something the simulated service did or reported, for progress displays and assertions.</summary>
public sealed record SimulatorEvent(DateTimeOffset At, string Operation, string Resource, string Outcome);
