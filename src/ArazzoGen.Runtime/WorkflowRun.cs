using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

/// <summary>
/// One run of a generated workflow: counts transitions, makes the SDK calls (with logging, a trace
/// span and the optional resilience pipeline), and waits on the options' clock. A generated
/// workflow's run derives from it, so one object per run holds both the runtime's state and the
/// steps' results; it is not meant to be used by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public abstract class WorkflowRun : IDisposable
{
    private readonly WorkflowContext _context;
    private Extras? _extras;
    private const long NotTimed = long.MinValue;
    private int _transitions;

    /// <summary>Starts a run of the workflow <paramref name="context"/> describes, durable when its options have a store.</summary>
    /// <param name="context">The workflow's id, state version, options and logger, created once per workflow instance.</param>
    /// <param name="runId">The run id a durable run was given, or null for a new id.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    protected WorkflowRun(WorkflowContext context, string? runId, CancellationToken cancellationToken)
    {
        _context = context;
        CancellationToken = cancellationToken;
        var options = context.Options;
        var checkpoints = options.Store is { } store
            ? new Durable.Checkpoints(store, options, context.WorkflowId, context.StateVersion, runId ?? Guid.NewGuid().ToString("N"))
            : null;
        // Only the completion log line reads the start: a run nobody logs reads no clock for it.
        var timed = context.Logger.IsEnabled(LogLevel.Information);
        if (checkpoints is not null || timed)
        {
            _extras = new Extras(checkpoints, timed ? options.TimeProvider.GetTimestamp() : NotTimed);
        }
    }

    /// <summary>
    /// What only some runs need: a durable run's checkpoints, a traced run's span, the start of a run
    /// whose completion is logged, the calls that got no answer. A run in memory that nobody traces or
    /// logs, and whose calls are all answered, never creates it.
    /// </summary>
    private sealed class Extras(Durable.Checkpoints? checkpoints, long startedAt)
    {
        public readonly Durable.Checkpoints? Checkpoints = checkpoints;
        public readonly long StartedAt = startedAt;
        public Activity? Activity;
        public List<string>? Unanswered;

        // The step running now has a timeout (Arazzo 1.1): how long, and when it runs out.
        public TimeSpan StepTimeout;
        public DateTimeOffset? StepDeadline;

        public Extras()
            : this(null, NotTimed)
        {
        }
    }

    // Created here by a run in memory when it is traced, or when a call gets no answer.
    private Extras CreatedExtras => LazyInitializer.EnsureInitialized(ref _extras, static () => new Extras());

    private Durable.Checkpoints? Checkpoints => _extras?.Checkpoints;

    private Activity? RunActivity => _extras?.Activity;

    private ILogger Logger => _context.Logger;

    /// <summary>
    /// Checks a run id before anything runs: 1 to 80 letters, digits, '-', '_' or '.', not starting
    /// with '.' (what a file name, a DynamoDB key and a Step Functions execution name all accept);
    /// and that the options have a store to keep the run in.
    /// </summary>
    public static void CheckRunId(string runId, WorkflowOptions options, string workflowId)
    {
        if (runId is null)
        {
            throw new ArgumentNullException(nameof(runId));
        }

        if (runId.Length is 0 or > 80 || runId[0] == '.' || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{runId}' is not a run id: use 1 to 80 letters, digits, '-', '_' or '.', not starting with '.'.", nameof(runId));
        }

        if (options.Store is null)
        {
            throw new ArgumentException($"Workflow '{workflowId}' was given a run id, but its WorkflowOptions have no Store to keep the run in.", nameof(runId));
        }
    }

    /// <summary>
    /// The stored inputs of a durable run, to resume it (<c>ResumeAsync</c>); an
    /// <see cref="ArgumentException"/> when the store has no such run.
    /// </summary>
    public static async Task<System.Text.Json.JsonElement> StoredInputsAsync(WorkflowOptions options, string workflowId, string runId, CancellationToken cancellationToken)
    {
        CheckRunId(runId, options, workflowId);
        var stored = await options.Store!.ReadAsync(workflowId, runId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"The run store has no run '{runId}' of workflow '{workflowId}'.", nameof(runId));
        using var checkpoint = System.Text.Json.JsonDocument.Parse(stored.Checkpoint);
        return Durable.StateJson.Property(checkpoint.RootElement, "inputs").Clone();
    }

    /// <summary>
    /// What a step observed, for a failure's message: its result's text, or null while the step has not
    /// produced one. A generated step's result is a struct that is its default until then.
    /// </summary>
    public static string? Observed<TResult>(TResult result)
        where TResult : struct, IEquatable<TResult> => result.Equals(default) ? null : result.ToString();

    /// <summary>The durable run's id, or null when the run lives in memory only.</summary>
    /// <remarks>This and the other durable facts live in the checkpoints, so a run in memory holds no field for them.</remarks>
    public string? RunId => Checkpoints?.RunId;

    /// <summary>True once the run is claimed and about to run steps: what fails from here on is a failure of the run.</summary>
    public bool Started { get; private set; }

    /// <summary>True when <see cref="StartAsync"/> found the run finished before: its results are read back, and no step runs.</summary>
    public bool FinishedBefore => Checkpoints?.Start.Finished ?? false;

    /// <summary>The index of the step the run goes on from, once <see cref="StartAsync"/> has started it (0 for a new run).</summary>
    public int FirstStepIndex => Checkpoints?.Start.StepIndex ?? 0;

    /// <summary>
    /// Starts the run: a new run at its first step, or a stored one where its checkpoint left it (a
    /// finished one with its results, and no step to run: <see cref="FinishedBefore"/>). Errors here
    /// (the run id names another run, another worker holds it, another version wrote it) come before any AWS call.
    /// </summary>
    /// <remarks>Not a ValueTask of the start: the generated run's frame, which every waiting run holds, then keeps no awaiter of its own for it.</remarks>
    public ValueTask StartAsync(Durable.IRunState state, IReadOnlyList<string> stepIds)
    {
        // Started here, not in the constructor: this runs in the generated run's async frame, so the
        // run's span is current for its calls, and the caller of RunAsync goes on under its own span.
        if (Telemetry.Source.HasListeners() && Telemetry.Source.StartActivity("workflow " + WorkflowId) is { } activity)
        {
            activity.SetTag("arazzo.workflow.id", WorkflowId);
            activity.SetTag("arazzo.run.id", RunId);
            CreatedExtras.Activity = activity;
        }

        if (Checkpoints is not { } checkpoints)
        {
            Begin(new Durable.RunStart(0, false));
            return default;
        }

        return StartDurableAsync(checkpoints, state, stepIds);
    }

    private async ValueTask StartDurableAsync(Durable.Checkpoints checkpoints, Durable.IRunState state, IReadOnlyList<string> stepIds)
    {
        await checkpoints.StartAsync(state, stepIds, (owner, until) => Log.RunLeased(Logger, WorkflowId, RunId!, owner, until, null), CancellationToken).ConfigureAwait(false);
        _transitions = checkpoints.ResumedTransitions;
        LastStatusCode = checkpoints.ResumedStatusCode;
        Begin(checkpoints.Start);
    }

    private void Begin(Durable.RunStart start)
    {
        Started = !start.Finished;
        if (Checkpoints?.ResumedInStep is { } resumed)
        {
            Log.WorkflowResuming(Logger, WorkflowId, RunId!, resumed, null);
        }
        else if (Started)
        {
            Log.WorkflowStarting(Logger, WorkflowId, null);
        }
    }

    /// <summary>
    /// The run id of a workflow this durable run runs (a step's, an action's or a dependency's): derived
    /// from this run's id and <paramref name="part"/>, so a resumed run finds that run again (finished: its
    /// outputs without any AWS call; unfinished: resumed). Null when this run is not durable.
    /// </summary>
    public string? ChildRunId(string part)
    {
        if (RunId is null)
        {
            return null;
        }

        var safe = new string(part.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        var id = RunId + "." + safe;
        if (id.Length <= 80 && safe == part)
        {
            return id;
        }

        // Too long, or changed by the cleaning: a hash keeps it unique.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RunId + "/" + part)), 0, 8).ToLowerInvariant();
        return (RunId.Length > 62 ? RunId.Substring(0, 62) : RunId) + "." + hash;
    }

    /// <summary>
    /// The idempotency token (<c>ClientToken</c>, <c>ClientRequestToken</c>) a durable run sends for the
    /// current visit of <paramref name="stepId"/>: derived from the run id, the step and the transitions
    /// made, so a resumed run repeating the call sends the same one and the service acts once. Null when
    /// the run is not durable: the SDK fills in a random one.
    /// </summary>
    public string? IdempotencyToken(string stepId)
    {
        if (RunId is null)
        {
            return null;
        }

        // 36 characters, as a GUID: within every AWS token's bounds (1-36, 32-64, 32-128...).
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{WorkflowId}/{RunId}/{stepId}/{_transitions}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    /// <summary>True when the run was resumed in <paramref name="stepId"/> and has not left it: the process before may have sent its call.</summary>
    public bool ResumedIn(string stepId) => Checkpoints?.ResumedInStep == stepId;

    /// <summary>Checkpoints a durable run on its way to <paramref name="nextStepId"/>, with what the steps so far produced.</summary>
    public ValueTask AdvanceAsync(string nextStepId)
    {
        if (Checkpoints is not { } checkpoints)
        {
            return default;
        }

        checkpoints.LeftResumedStep();
        return checkpoints.SaveAsync(nextStepId, _transitions, LastStatusCode, null, CurrentStepId, CancellationToken);
    }

    /// <summary>Checkpoints a poll before its wait: how far it got, and since when it polls.</summary>
    internal ValueTask PollingAsync(string stepId, int nextAttempt, DateTimeOffset since, TimeSpan delay) =>
        Checkpoints is not { } checkpoints ? default : checkpoints.SaveAsync(stepId, _transitions, LastStatusCode, (nextAttempt, since, delay), stepId, CancellationToken);

    /// <summary>The poll progress a resumed run stored for <paramref name="stepId"/>.</summary>
    internal (int Attempt, DateTimeOffset? Since)? ResumedPoll(string stepId) => ResumedIn(stepId) ? Checkpoints!.ResumedPoll : null;

    /// <summary>The workflowId from the Arazzo document.</summary>
    public string WorkflowId => _context.WorkflowId;

    /// <summary>The caller's token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The step running now.</summary>
    public string CurrentStepId { get; private set; } = string.Empty;

    /// <summary>The HTTP status of the last AWS call this run made, or null when it got no answer (<c>$statusCode</c> in workflow outputs).</summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>The run's options.</summary>
    public WorkflowOptions Options => _context.Options;

    /// <summary>Enters <paramref name="stepId"/>, counting the transition against the step budget.</summary>
    public void EnterStep(string stepId)
    {
        if (++_transitions > Options.StepBudget)
        {
            throw new WorkflowStepBudgetExceededException(
                $"Workflow '{WorkflowId}' made more than {Options.StepBudget} step transitions (last: '{CurrentStepId}' -> '{stepId}'); a goto cycle never reached an end. Raise WorkflowOptions.StepBudget if the flow is meant to run this long.",
                new StepContext(WorkflowId, stepId, 1, null, null, null, null));
        }

        CurrentStepId = stepId;
        if (_extras is { StepDeadline: not null } extras)
        {
            extras.StepDeadline = null;
        }
    }

    /// <summary>Enters <paramref name="stepId"/>, which must complete within <paramref name="timeout"/> (the step's Arazzo 1.1 <c>timeout</c>).</summary>
    /// <remarks>
    /// Its calls are cancelled when the time runs out, and then fail as a call with no answer does, so
    /// its failure actions decide what follows; its poll waits end there too. A failure action's retry
    /// gives the step its time again.
    /// </remarks>
    public void EnterStep(string stepId, TimeSpan timeout)
    {
        EnterStep(stepId);
        var extras = CreatedExtras;
        extras.StepTimeout = timeout;
        extras.StepDeadline = Now() + timeout;
    }

    /// <summary>The running step's timeout; zero when it has none.</summary>
    internal TimeSpan StepTimeoutLength => _extras?.StepTimeout ?? TimeSpan.Zero;

    /// <summary>What is left of the running step's timeout; null when it has none.</summary>
    internal TimeSpan? StepTimeLeft() => _extras?.StepDeadline is { } deadline
        ? (deadline - Now() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero)
        : null;

    /// <summary>
    /// Calls the SDK for <paramref name="stepId"/>; a service or transport failure is returned, not
    /// thrown. The client travels as state so generated code passes a static lambda (no closure per call).
    /// </summary>
    public ValueTask<CallResult<TResponse>> CallAsync<TClient, TRequest, TResponse>(
        string stepId, int attempt, TClient client, TRequest request, Func<TClient, TRequest, CancellationToken, Task<TResponse>> call)
        where TResponse : AmazonWebServiceResponse
    {
        var activity = StartCall(stepId, attempt);
        if (_extras is { StepDeadline: not null })
        {
            return Awaiting(TimedCallAsync(stepId, attempt, activity, client, request, call), activity);
        }

        if (Options.ResiliencePipeline is not null)
        {
            return Awaiting(AwaitCallAsync(stepId, attempt, activity, null, client, request, call), activity);
        }

        // The first attempt runs bare (the default transient retry joins only when it fails), so an
        // answer that is already there needs no async frame of its own.
        Task<TResponse> sent;
        try
        {
            sent = call(client, request, CancellationToken);
        }
        catch (Exception ex)
        {
            sent = Task.FromException<TResponse>(ex);
        }

        if (!sent.IsCompletedSuccessfully)
        {
            return Awaiting(AwaitCallAsync(stepId, attempt, activity, sent, client, request, call), activity);
        }

        using (activity)
        {
            return new ValueTask<CallResult<TResponse>>(ResultOf(stepId, activity, sent.Result, request));
        }
    }

    // The span goes on in the awaiting frame, which ends it; this frame's caller goes on under the span it was in.
    private static ValueTask<CallResult<TResponse>> Awaiting<TResponse>(ValueTask<CallResult<TResponse>> pending, Activity? activity)
        where TResponse : AmazonWebServiceResponse
    {
        if (activity is not null)
        {
            Activity.Current = activity.Parent;
        }

        return pending;
    }

    /// <summary>A call whose answer is not there yet, or that goes through the user's resilience pipeline: <paramref name="sent"/> is its first attempt, null with a pipeline.</summary>
    /// <remarks>
    /// Every call to AWS comes here, so its frame is pooled: a run awaits it once, and the next call
    /// reuses it instead of allocating one per call.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallResult<TResponse>> AwaitCallAsync<TClient, TRequest, TResponse>(
        string stepId, int attempt, Activity? activity, Task<TResponse>? sent, TClient client, TRequest request, Func<TClient, TRequest, CancellationToken, Task<TResponse>> call)
        where TResponse : AmazonWebServiceResponse
    {
        using var disposing = activity;
        try
        {
            TResponse response;
            if (sent is null)
            {
                response = await Options.ResiliencePipeline!.ExecuteAsync(static async (state, token) => await state.call(state.client, state.request, token).ConfigureAwait(false), (call, client, request), CancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Awaited here, not in a method of the retry's own: each frame between the answer and the
                // step is one more continuation to register, and one more that can miss the answer and hop threads.
                try
                {
                    response = await sent.ConfigureAwait(false);
                }
                catch (Exception ex) when (Options.TransientRetry is { } retry && TransientFailures.IsTransient(ex, CancellationToken.IsCancellationRequested))
                {
                    response = await TransientFailures.RetryAsync(retry, call, client, request, ExceptionDispatchInfo.Capture(ex), CancellationToken).ConfigureAwait(false);
                }
            }

            return ResultOf(stepId, activity, response, request);
        }
        catch (Exception ex) when (CancellationToken.IsCancellationRequested && ex is OperationCanceledException)
        {
            Unanswered(stepId); // the request may have reached the service before the run was cancelled
            throw;
        }
        catch (Exception ex) when (IsCallFailure(ex))
        {
            // An answer that could not be read (a truncated body) tells nothing of what the service did.
            if (ex is AmazonServiceException { StatusCode: > 0 } and not AmazonUnmarshallingException)
            {
                Answered(stepId);
            }
            else
            {
                Unanswered(stepId);
            }

            var result = new CallResult<TResponse>(null, ex);
            LastStatusCode = result.StatusCode;
            activity?.SetStatus(ActivityStatusCode.Error, result.ErrorCode ?? ex.GetType().Name);
            Log.StepCallFailed(Logger, WorkflowId, stepId, attempt, result.ErrorCode ?? ex.GetType().Name, result.StatusCode, null);
            return result;
        }
    }

    /// <summary>A call of a step with a timeout: cancelled when the step's time runs out, and then a failure with no answer (<see cref="WorkflowStepTimeoutException"/>).</summary>
    private async ValueTask<CallResult<TResponse>> TimedCallAsync<TClient, TRequest, TResponse>(
        string stepId, int attempt, Activity? activity, TClient client, TRequest request, Func<TClient, TRequest, CancellationToken, Task<TResponse>> call)
        where TResponse : AmazonWebServiceResponse
    {
        using var timeout = new StepTimeout(this, stepId);

        // Every attempt (a transient retry's, the resilience pipeline's) goes through this, on the step's clock.
        Task<TResponse> Timed(TClient c, TRequest r, CancellationToken _) => timeout.RunAsync(token => call(c, r, token));

        Task<TResponse>? sent = null;
        if (Options.ResiliencePipeline is null)
        {
            try
            {
                sent = Timed(client, request, CancellationToken);
            }
            catch (Exception ex)
            {
                sent = Task.FromException<TResponse>(ex);
            }
        }

        return await AwaitCallAsync(stepId, attempt, activity, sent, client, request, Timed).ConfigureAwait(false);
    }

    private CallResult<TResponse> ResultOf<TRequest, TResponse>(string stepId, Activity? activity, TResponse? response, TRequest request)
        where TResponse : AmazonWebServiceResponse
    {
        if (response is null)
        {
            // An AWS SDK client never answers null; a test double that was not told what to return does.
            throw new InvalidOperationException($"The client answered step '{stepId}' with no response (null) for its {request?.GetType().Name}; a test double must return a {typeof(TResponse).Name} or throw the service's exception.");
        }

        activity?.SetTag("http.response.status_code", (int)response.HttpStatusCode);
        Answered(stepId);
        var answered = new CallResult<TResponse>(response, null);
        LastStatusCode = answered.StatusCode;
        return answered;
    }

    /// <summary>
    /// Runs another workflow for <paramref name="stepId"/> (a step with a <c>workflowId</c>). Its
    /// failure is returned, not thrown, so the step's failure actions can handle it; cancellation is thrown.
    /// </summary>
    /// <param name="stepId">The step.</param>
    /// <param name="attempt">Which attempt this is.</param>
    /// <param name="inputs">Builds the inputs; a required value that is missing (an <see cref="ArgumentException"/>) fails the step.</param>
    /// <param name="run">The called workflow's RunAsync.</param>
    public async ValueTask<WorkflowCallResult<TOutputs>> RunWorkflowAsync<TInputs, TOutputs>(
        string stepId, int attempt, Func<TInputs> inputs, Func<TInputs, CancellationToken, Task<TOutputs>> run)
        where TOutputs : class
    {
        using var activity = StartCall(stepId, attempt);
        using var timeout = _extras is { StepDeadline: not null } ? new StepTimeout(this, stepId) : null;
        try
        {
            var outputs = timeout is null
                ? await run(inputs(), CancellationToken).ConfigureAwait(false)
                : await timeout.RunAsync(token => run(inputs(), token)).ConfigureAwait(false);
            return new WorkflowCallResult<TOutputs>(outputs, null);
        }
        catch (WorkflowStepTimeoutException timedOut)
        {
            // The step's time ran out while the workflow it runs was still going: that run was cancelled.
            activity?.SetStatus(ActivityStatusCode.Error, nameof(WorkflowStepTimeoutException));
            Log.StepCallFailed(Logger, WorkflowId, stepId, attempt, nameof(WorkflowStepTimeoutException), null, null);
            return new WorkflowCallResult<TOutputs>(null, timedOut);
        }
        catch (Exception ex) when (ex is WorkflowException or ArgumentException)
        {
            var result = new WorkflowCallResult<TOutputs>(null, ex);
            activity?.SetStatus(ActivityStatusCode.Error, result.ErrorCode ?? ex.GetType().Name);
            Log.StepCallFailed(Logger, WorkflowId, stepId, attempt, result.ErrorCode ?? ex.GetType().Name, result.StatusCode, null);
            return result;
        }
    }

    /// <summary>
    /// Runs the workflow an action names (a <c>goto</c>, or a <c>retry</c> that runs it first) and
    /// returns its outputs; its failure fails <paramref name="stepId"/>.
    /// </summary>
    public async ValueTask<TOutputs> RunActionWorkflowAsync<TInputs, TOutputs>(
        string stepId, string actionName, int attempt, Func<TInputs> inputs, Func<TInputs, CancellationToken, Task<TOutputs>> run, string? observed)
        where TOutputs : class
    {
        var result = await RunWorkflowAsync(stepId, attempt, inputs, run).ConfigureAwait(false);
        if (result.Outputs is { } outputs)
        {
            return outputs;
        }

        var inner = result.Error as WorkflowException;
        throw Failure(stepId, attempt, $"action '{actionName}' ran a workflow that failed: {result.Error!.Message}", string.Empty, inner?.StatusCode, inner?.ErrorCode, inner?.RequestId, observed, result.Error);
    }

    /// <summary>
    /// Runs the workflows this one depends on, all at once (Arazzo's dependsOn: they must complete
    /// before this workflow is processed), each once per run through <paramref name="runs"/>. When
    /// one fails, the others are cancelled and awaited, then the failure is thrown naming it.
    /// </summary>
    public async Task RunDependenciesAsync(DependencyRuns runs, params (string WorkflowId, Func<DependencyRuns, CancellationToken, Task> Run)[] dependencies)
    {
        CancellationToken.ThrowIfCancellationRequested();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        var tasks = dependencies.Select(d => RunDependencyAsync(d.WorkflowId, d.Run, runs, failed)).ToArray();
        var outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);
        CancellationToken.ThrowIfCancellationRequested();
        // The first real failure; a dependency cancelled because another failed is not the cause.
        var failure = outcomes.FirstOrDefault(o => o.Error is not null and not OperationCanceledException);
        if (failure.Error is null)
        {
            failure = outcomes.FirstOrDefault(o => o.Error is not null);
        }

        if (failure is { WorkflowId: { } failedId, Error: { } error })
        {
            Log.StepFailed(Logger, WorkflowId, "dependsOn " + failedId, 1, error.Message, null);
            throw new WorkflowDependencyFailedException(
                $"Workflow '{WorkflowId}' depends on workflow '{failedId}', which failed: {error.Message}",
                WorkflowId,
                failedId,
                error);
        }
    }

    private static async Task<(string WorkflowId, Exception? Error)> RunDependencyAsync(
        string workflowId, Func<DependencyRuns, CancellationToken, Task> run, DependencyRuns runs, CancellationTokenSource failed)
    {
        try
        {
            await run(runs, failed.Token).ConfigureAwait(false);
            return (workflowId, null);
        }
        catch (Exception ex) when (ex is WorkflowException or OperationCanceledException or ArgumentException)
        {
            failed.Cancel();
            return (workflowId, ex);
        }
    }

    /// <summary>Before each call (of the SDK, or of another workflow): cancellation, the step's span when traced, the log line.</summary>
    private Activity? StartCall(string stepId, int attempt)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var activity = Telemetry.Source.HasListeners() ? Telemetry.Source.StartActivity("step " + stepId) : null;
        activity?.SetTag("arazzo.workflow.id", WorkflowId);
        activity?.SetTag("arazzo.step.id", stepId);
        activity?.SetTag("arazzo.step.attempt", attempt);
        Log.StepCalling(Logger, WorkflowId, stepId, attempt, null);
        return activity;
    }

    /// <summary>
    /// Starts polling a step: the delays and bound come from the workflow, overridable per step in the
    /// options. A resumed run goes on counting from its checkpoint, so a crash does not reset the bound.
    /// </summary>
    public Poll StartPoll(string stepId, PollDelay delay, int? retryLimit) => StartPoll(stepId, delay, retryLimit, null, delay);

    /// <summary>
    /// Starts the poll of a step whose resource sends state-change events of <paramref name="detailType"/>:
    /// with <see cref="WorkflowOptions.StateChanges"/>, it waits for them, and in case one is lost calls
    /// again on <paramref name="fallback"/> (every AWS waiter delay).
    /// </summary>
    public Poll StartPoll(string stepId, PollDelay delay, int? retryLimit, string? detailType, PollDelay fallback)
    {
        Options.Polls.TryGetValue(stepId, out var overrides);
        var maxAttempts = overrides?.MaxAttempts ?? retryLimit;
        var deadline = overrides?.Deadline ?? (maxAttempts is null ? Options.DefaultPollDeadline : null);
        var progress = ResumedPoll(stepId) ?? (1, null);
        var told = detailType is not null ? Options.StateChanges : null;
        var waits = overrides?.Waits is { } every ? every
            : told is not null ? fallback
            : delay;
        return new Poll(this, stepId, waits, maxAttempts, deadline, progress.Attempt, progress.Since, told, told is null ? null : detailType);
    }

    /// <summary>Starts a page loop of a step: no wait unless the workflow gives one, bounded by <paramref name="retryLimit"/> or the options' page limit.</summary>
    public Pages StartPages(string stepId, TimeSpan delay, int? retryLimit) =>
        new(this, stepId, delay, retryLimit is { } limit ? limit + 1 : Options.PageLimit);

    /// <summary>Waits on the options' clock, honouring cancellation.</summary>
    public Task DelayAsync(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, Options.TimeProvider, CancellationToken);

    /// <summary>Waits on the options' clock until a state-change event of the resource or <paramref name="delay"/>, honouring cancellation.</summary>
    internal Task WaitForStateChangeAsync(StateChanges stateChanges, string detailType, string resourceName, long mark, TimeSpan delay) =>
        stateChanges.WaitAsync(detailType, resourceName, mark, delay, Options.TimeProvider, CancellationToken);

    internal DateTimeOffset Now() => Options.TimeProvider.GetUtcNow();

    internal void LogPolling(string stepId, int attempt, TimeSpan delay) => Log.StepPolling(Logger, WorkflowId, stepId, attempt, delay.TotalSeconds, null);

    /// <summary>Records a failure action's retry.</summary>
    public Task RetryAsync(string stepId, string actionName, int retry, TimeSpan delay)
    {
        Log.StepRetrying(Logger, WorkflowId, stepId, actionName, retry, delay.TotalSeconds, null);
        if (_extras is { StepDeadline: not null })
        {
            return RetryTimedStepAsync(delay);
        }

        return DelayAsync(delay);
    }

    // The retried step has its whole timeout again, counted from when it runs again.
    private async Task RetryTimedStepAsync(TimeSpan delay)
    {
        await DelayAsync(delay).ConfigureAwait(false);
        _extras!.StepDeadline = Now() + _extras.StepTimeout;
    }

    /// <summary>The exception for a step that failed with no failure action to handle it.</summary>
    /// <param name="stepId">The step.</param>
    /// <param name="attempt">Which attempt failed.</param>
    /// <param name="call">The failed call.</param>
    /// <param name="observed">What the step last observed (its outputs, secrets masked).</param>
    /// <param name="requestCarriesSecret">The request carried a secret: the service's message, which may echo request values, is withheld.</param>
    /// <param name="readBack">The call that found what the step creates although it failed with "already exists" (<see cref="SaysAlreadyExists"/>): the failure says an attempt whose answer was lost probably created it.</param>
    public WorkflowStepFailedException StepFailed<TResponse>(string stepId, int attempt, CallResult<TResponse> call, string? observed, bool requestCarriesSecret = false, string? readBack = null)
        where TResponse : AmazonWebServiceResponse
    {
        var message = requestCarriesSecret ? "(the service's message is withheld: the request carried a secret)" : call.ErrorMessage;
        var reason = call.Error switch
        {
            null => $"its success criteria were not met (status {call.StatusCode})",
            _ when call.ErrorCode is not null => $"the call failed with {call.ErrorCode} (status {call.StatusCode}): {message}",
            WorkflowStepTimeoutException timedOut => timedOut.Message,
            TimeoutException or OperationCanceledException or { InnerException: TimeoutException } => $"the call timed out with no answer: {call.Error.Message}",
            _ => $"the call failed with no answer ({call.Error.GetType().Name}): {call.Error.Message}",
        };
        var cause = requestCarriesSecret && call.Error is AmazonServiceException service ? new ServiceErrorWithheldException(service) : call.Error;
        var tail = readBack is null
            ? NoActionMatched
            : $" What it creates exists ({readBack} found it): when an earlier attempt's answer is lost (a reset or a timeout, and the SDK sends the call again), that attempt has probably created it. PartialOutputs holds what was read back; a durable run (WorkflowOptions.Store) takes it as created.{NoActionMatched}";
        return Failure(stepId, attempt, reason, tail, call.StatusCode, call.ErrorCode, call.RequestId, observed, cause);
    }

    /// <summary>
    /// True when a call failed because what it creates exists already: ResourceInUse(Exception),
    /// *AlreadyExists*, BucketAlreadyOwnedByYou, or a message saying "already exist" (SageMaker answers
    /// CreateModel, CreateEndpointConfig and CreateEndpoint with "ValidationException: Cannot create already existing ...").
    /// </summary>
    public static bool SaysAlreadyExists<TResponse>(CallResult<TResponse> call)
        where TResponse : AmazonWebServiceResponse =>
        call.Error is AmazonServiceException
        && (call.ErrorCode is "ResourceInUse" or "ResourceInUseException" or "BucketAlreadyOwnedByYou"
            || call.ErrorCode?.Contains("AlreadyExists", StringComparison.Ordinal) == true
            || call.ErrorMessage?.Contains("already exist", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The exception for a step running another workflow that failed with no failure action to handle it.</summary>
    public WorkflowStepFailedException StepFailed<TOutputs>(string stepId, int attempt, WorkflowCallResult<TOutputs> call, string? observed)
        where TOutputs : class
    {
        var reason = call.Error is null
            ? "its success criteria were not met"
            : $"the workflow it runs failed: {call.Error.Message}";
        var inner = call.Error as WorkflowException;
        return Failure(stepId, attempt, reason, NoActionMatched, inner?.StatusCode, inner?.ErrorCode, inner?.RequestId, observed, call.Error);
    }

    private const string NoActionMatched = " No onFailure action matched.";

    /// <summary>Logs a step's failure and builds its exception: what failed, why, and the AWS facts of the failed call.</summary>
    private WorkflowStepFailedException Failure(
        string stepId, int attempt, string reason, string tail, int? statusCode, string? errorCode, string? requestId, string? observed, Exception? cause)
    {
        Log.StepFailed(Logger, WorkflowId, stepId, attempt, reason, null);
        return new WorkflowStepFailedException(
            $"Step '{stepId}' of workflow '{WorkflowId}' failed on attempt {attempt}: {reason.TrimEnd('.')}.{tail}",
            new StepContext(WorkflowId, stepId, attempt, statusCode, errorCode, requestId, observed),
            cause);
    }

    /// <summary>
    /// Anything else that escaped the run (a bug in a resilience pipeline, a regex that timed out, an
    /// unmarshalling error): a failure of the step it happened in, with the exception as its cause.
    /// </summary>
    public WorkflowStepFailedException Unexpected(Exception exception) =>
        Failure(CurrentStepId, 1, $"it failed unexpectedly ({exception.GetType().Name}): {exception.Message}", string.Empty, null, null, null, null, exception);

    /// <summary>Records the end of the run (in its store too, when durable), logs it and tags its trace span.</summary>
    public async ValueTask CompletedAsync(string endStepId, string? endActionName)
    {
        if (Checkpoints is { } checkpoints)
        {
            await checkpoints.EndAsync(Durable.RunStatus.Completed, _transitions, LastStatusCode, null, CurrentStepId, CancellationToken).ConfigureAwait(false);
        }

        RunActivity?.SetTag("arazzo.end.step", endStepId);
        RunActivity?.SetTag("arazzo.end.action", endActionName);
        if (_extras is { StartedAt: not NotTimed } timed && Logger.IsEnabled(LogLevel.Information))
        {
            Log.WorkflowCompleted(Logger, WorkflowId, endStepId, endActionName ?? "(last step)", Options.TimeProvider.GetElapsedTime(timed.StartedAt).TotalSeconds, null);
        }
    }

    /// <summary>
    /// Steps whose last call got no answer: a transport failure, a timeout, or the run cancelled while
    /// the call was in flight. The service may have acted on it (a create may have created), so check
    /// before running them again or cleaning up. Empty when every call was answered.
    /// </summary>
    public IReadOnlyList<string> UnansweredSteps
    {
        get
        {
            if (Volatile.Read(ref _extras)?.Unanswered is not { } list)
            {
                return Array.Empty<string>();
            }

            lock (list)
            {
                return list.Count == 0 ? Array.Empty<string>() : list.ToArray();
            }
        }
    }

    private void Unanswered(string stepId)
    {
        // Created by the first call that gets no answer: a run whose calls are all answered allocates nothing for it.
        var list = LazyInitializer.EnsureInitialized(ref CreatedExtras.Unanswered);
        lock (list)
        {
            if (!list.Contains(stepId))
            {
                list.Add(stepId);
            }
        }
    }

    private void Answered(string stepId)
    {
        if (Volatile.Read(ref _extras)?.Unanswered is { } list)
        {
            lock (list)
            {
                list.Remove(stepId);
            }
        }
    }

    /// <summary>
    /// Marks the run's span as failed and attaches what the run produced so far, and the calls that got
    /// no answer, to the exception; a durable run records the failure as its end (a run that lost its
    /// lease leaves the record to the worker that took it over).
    /// </summary>
    public async ValueTask FailedAsync(WorkflowException exception, object? partialOutputs)
    {
        exception.PartialOutputs = partialOutputs;
        exception.UnansweredSteps = UnansweredSteps;
        exception.RunId = RunId;
        RunActivity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        if (Checkpoints is { } checkpoints && Started && exception is not Durable.WorkflowRunLeaseLostException)
        {
            try
            {
                await checkpoints.EndAsync(Durable.RunStatus.Failed, _transitions, LastStatusCode, exception, CurrentStepId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The run's own failure is what the caller needs; its record stays at the last checkpoint, from which it can be resumed.
                Log.CheckpointFailed(Logger, WorkflowId, RunId!, ex.GetType().Name, ex);
            }
        }
    }

    /// <summary>
    /// Gives up a cancelled durable run's lease, so another worker can resume it at once (a host
    /// shutting down hands its runs over); then <see cref="Canceled"/> is what the run throws.
    /// </summary>
    public async ValueTask ReleaseLeaseAsync()
    {
        if (Checkpoints is { } checkpoints && Started)
        {
            try
            {
                await checkpoints.ReleaseAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The lease then runs out by itself.
                Log.CheckpointFailed(Logger, WorkflowId, RunId!, ex.GetType().Name, ex);
            }
        }
    }

    /// <summary>The exception for a cancelled run: where it stopped, what it produced, and the calls that got no answer.</summary>
    public WorkflowCanceledException Canceled(object? partialOutputs, OperationCanceledException cause) =>
        new(WorkflowId, CurrentStepId, partialOutputs, UnansweredSteps, CancellationToken, cause);

    /// <inheritdoc />
    public void Dispose() => RunActivity?.Dispose();

    // A service error or a transport failure is the step's outcome; the caller's cancellation is not.
    private bool IsCallFailure(Exception ex) => ex switch
    {
        AmazonServiceException => true,
        HttpRequestException => true,
        AmazonClientException => true,
        TimeoutException => true, // also WorkflowStepTimeoutException: the step's time ran out
        IOException => true, // a connection reset while reading the answer
        System.Net.Sockets.SocketException => true,
        OperationCanceledException => !CancellationToken.IsCancellationRequested,
        _ => false,
    };
}
