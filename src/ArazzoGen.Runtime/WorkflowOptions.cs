using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ArazzoGen.Runtime;

/// <summary>
/// How a generated workflow runs: its clock, logging, bounds on polling and goto cycles, and an
/// optional resilience pipeline around each AWS SDK call.
/// </summary>
/// <remarks>
/// Retries are layered, innermost first: the AWS SDK's own retry of transient errors (its retry
/// mode and <c>MaxErrorRetry</c>), then around each call either <see cref="ResiliencePipeline"/> or,
/// by default, <see cref="TransientRetries"/>, then the workflow's own <c>retry</c> failure actions.
/// </remarks>
public sealed class WorkflowOptions
{
    /// <summary>Options with every default, shared and read-only: its <see cref="Polls"/> cannot be changed.</summary>
    public static WorkflowOptions Default { get; } = new()
    {
        Polls = new System.Collections.ObjectModel.ReadOnlyDictionary<string, PollOptions>(new Dictionary<string, PollOptions>(StringComparer.Ordinal)),
    };

    /// <summary>The clock polls and retries wait on. Tests and simulations pass their own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where structured logs go (one category per workflow class).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// How many transitions between steps one run may make before it is stopped with
    /// <see cref="WorkflowStepBudgetExceededException"/> (poll attempts do not count). Guards
    /// against goto cycles that never end.
    /// </summary>
    public int StepBudget { get; init; } = 1000;

    /// <summary>
    /// Wraps every AWS SDK call (Polly v8); built on the same <see cref="TimeProvider"/> in tests. A
    /// pipeline of your own replaces <see cref="TransientRetries"/>.
    /// </summary>
    public ResiliencePipeline? ResiliencePipeline { get; init; }

    /// <summary>
    /// How many more times a call is tried after the AWS SDK gave up on a transient failure
    /// (throttling, HTTP 5xx, a timeout, a reset connection, an answer cut short), waiting 1 s, 2 s,
    /// 4 s, 8 s with jitter on <see cref="TimeProvider"/>. 4 by default. The SDK's standard retry mode
    /// draws its retries from a quota per client that sustained faults on a shared client drain, after
    /// which it tries each call once; this keeps runs completing then (at 30 % faults, 2 left about 10 %
    /// of runs failing and 4 leaves 0.5 to 1 %: docs/reliability.md). 0 turns it off; unused when
    /// <see cref="ResiliencePipeline"/> is set.
    /// </summary>
    public int TransientRetries { get; init; } = 4;

    private ResiliencePipeline? _transientRetry;

    /// <summary>The default transient retry (when no <see cref="ResiliencePipeline"/> replaces it and <see cref="TransientRetries"/> is not 0).</summary>
    internal ResiliencePipeline? TransientRetry =>
        ResiliencePipeline is null && TransientRetries > 0 ? _transientRetry ??= TransientFailures.Pipeline(TransientRetries, TimeProvider) : null;

    /// <summary>
    /// How long a poll may wait in total (counted from its first wait) when the workflow gives no <c>retryLimit</c>. 24 hours by
    /// default: SageMaker's default MaxRuntimeInSeconds is one day.
    /// </summary>
    public TimeSpan DefaultPollDeadline { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Where polls learn that the resource they wait on changed state (SageMaker training,
    /// processing, transform and tuning jobs, and endpoints, which publish state-change events to
    /// EventBridge). With it, such a poll calls again as soon as an event arrives and otherwise every
    /// AWS waiter delay, in case an event is lost; the call after an event is what decides. Null (the
    /// default): polls call on their schedule.
    /// </summary>
    public StateChanges? StateChanges { get; init; }

    /// <summary>
    /// How many pages a page loop (a step whose request reads its own previous outputs, going back
    /// to itself while there is more) may ask for when the workflow gives no <c>retryLimit</c>,
    /// before it is stopped with <see cref="WorkflowPageLimitExceededException"/>. 10,000 by default.
    /// </summary>
    public int PageLimit { get; init; } = 10_000;

    /// <summary>
    /// Where runs keep checkpoints, so a run survives its process: with a store, a run has a run id,
    /// is checkpointed after every step and poll, and <c>ResumeAsync(runId)</c> continues it. Null
    /// (the default): runs live in memory only.
    /// </summary>
    public Durable.IWorkflowRunStore? Store { get; init; }

    /// <summary>
    /// How long a worker holds a durable run after its last checkpoint (plus the poll wait it is in)
    /// before another worker may take the run over. 5 minutes by default: a worker that dies is
    /// replaced within that; a live worker pausing longer than that loses the run to another.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long starting a durable run waits while another worker holds it: until that worker's lease
    /// runs out (it died; this worker takes over) or the run ends (its outputs are returned). 10 minutes
    /// by default, enough to outlast the lease of a worker that died; then <see cref="Durable.WorkflowRunLeasedException"/>.
    /// </summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>This worker's name in the run store's leases; unique per process by default.</summary>
    public string WorkerId { get; init; } = ThisProcess.WorkerId;

    /// <summary>Encrypts secrets into checkpoints; without one, secrets are never stored.</summary>
    public Durable.IWorkflowSecretProtector? SecretProtector { get; init; }

    // A class of its own so it is initialised before Default, whatever the order of fields.
    private static class ThisProcess
    {
        public static readonly string WorkerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    /// <summary>Per-step overrides of the poll delay and bound, keyed by stepId.</summary>
    public IDictionary<string, PollOptions> Polls { get; init; } = new Dictionary<string, PollOptions>(StringComparer.Ordinal);
}

/// <summary>Overrides for one polling step; anything left null keeps the workflow's value.</summary>
public sealed class PollOptions
{
    private readonly TimeSpan? _delay;

    /// <summary>The wait between two polls.</summary>
    public TimeSpan? Delay
    {
        get => _delay;
        init
        {
            _delay = value;
            Waits = value is { } delay ? PollDelay.Every(delay) : null;
        }
    }

    /// <summary><see cref="Delay"/> as the poll's schedule: made once here, not at every poll a run starts.</summary>
    internal PollDelay? Waits { get; private init; }

    /// <summary>The longest the poll may wait in total (counted from its first wait) before it gives up.</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The most polls (after the first call) before it gives up.</summary>
    public int? MaxAttempts { get; init; }
}
