namespace ArazzoGen.Runtime;

/// <summary>A generated workflow stopped without reaching an end. Says where, and what it saw last.</summary>
public abstract class WorkflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected WorkflowException(string message, StepContext context, Exception? innerException)
        : base(message, innerException)
    {
        WorkflowId = context.WorkflowId;
        StepId = context.StepId;
        Attempt = context.Attempt;
        StatusCode = context.StatusCode;
        ErrorCode = context.ErrorCode;
        RequestId = context.RequestId;
        LastObservedValue = context.LastObservedValue;
    }

    /// <summary>The workflowId from the Arazzo document.</summary>
    public string WorkflowId { get; }

    /// <summary>The run's id when it was durable (<see cref="WorkflowOptions.Store"/>): resume it, or look it up, by this.</summary>
    public string? RunId { get; internal set; }

    /// <summary>The step that failed.</summary>
    public string StepId { get; }

    /// <summary>Which call of the step failed (1 for the first).</summary>
    public int Attempt { get; }

    /// <summary>The HTTP status of the last call, when it got an answer.</summary>
    public int? StatusCode { get; }

    /// <summary>The AWS error code of the last call (e.g. ThrottlingException), when it failed with one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The AWS request id of the last call, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>What the step last read from its response (its outputs), for diagnosis.</summary>
    public string? LastObservedValue { get; }

    /// <summary>The workflow's outputs as far as they were computed (the generated Outputs type); tells what was created.</summary>
    public object? PartialOutputs { get; internal set; }

    /// <summary>
    /// Steps whose last call got no answer (a transport failure or a timeout): the service may have
    /// acted on it, so what such a step creates may exist although <see cref="PartialOutputs"/> cannot say so.
    /// </summary>
    public IReadOnlyList<string> UnansweredSteps { get; internal set; } = Array.Empty<string>();
}

/// <summary>What a workflow exception reports about the step it happened in.</summary>
public sealed record StepContext(string WorkflowId, string StepId, int Attempt, int? StatusCode, string? ErrorCode, string? RequestId, string? LastObservedValue);

/// <summary>A step failed (its call threw, or its success criteria were not met) and no failure action handled it.</summary>
public sealed class WorkflowStepFailedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowStepFailedException(string message, StepContext context, Exception? innerException = null)
        : base(message, context, innerException)
    {
    }
}

/// <summary>A poll ran out of attempts or time before its step reached the state the workflow waits for.</summary>
public sealed class WorkflowPollExhaustedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowPollExhaustedException(string message, StepContext context, TimeSpan elapsed)
        : base(message, context, null)
    {
        Elapsed = elapsed;
    }

    /// <summary>How long the step polled.</summary>
    public TimeSpan Elapsed { get; }
}

/// <summary>The run made more transitions between steps than <see cref="WorkflowOptions.StepBudget"/> allows (a goto cycle).</summary>
public sealed class WorkflowStepBudgetExceededException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowStepBudgetExceededException(string message, StepContext context)
        : base(message, context, null)
    {
    }
}

/// <summary>
/// The caller cancelled the run. Cancellation stops the waiting, not the AWS jobs already started:
/// <see cref="PartialOutputs"/> says what was created, so it can be stopped or cleaned up.
/// </summary>
public sealed class WorkflowCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowCanceledException(string workflowId, string stepId, object? partialOutputs, CancellationToken cancellationToken, Exception? innerException)
        : this(workflowId, stepId, partialOutputs, Array.Empty<string>(), cancellationToken, innerException)
    {
    }

    /// <summary>Creates the exception, naming the steps whose calls got no answer (one was in flight when the run was cancelled).</summary>
    public WorkflowCanceledException(string workflowId, string stepId, object? partialOutputs, IReadOnlyList<string> unansweredSteps, CancellationToken cancellationToken, Exception? innerException)
        : base($"Workflow '{workflowId}' was cancelled during step '{stepId}'. AWS jobs it started keep running; see PartialOutputs{(unansweredSteps.Count == 0 ? string.Empty : $", and UnansweredSteps for calls that may have taken effect ({string.Join(", ", unansweredSteps)})")}.", innerException, cancellationToken)
    {
        WorkflowId = workflowId;
        StepId = stepId;
        PartialOutputs = partialOutputs;
        UnansweredSteps = unansweredSteps;
    }

    /// <summary>The workflowId from the Arazzo document.</summary>
    public string WorkflowId { get; }

    /// <summary>The step that was running.</summary>
    public string StepId { get; }

    /// <summary>The workflow's outputs as far as they were computed (the generated Outputs type).</summary>
    public object? PartialOutputs { get; }

    /// <summary>Steps whose last call got no answer, the one in flight when the run was cancelled among them: what they create may exist.</summary>
    public IReadOnlyList<string> UnansweredSteps { get; }
}

/// <summary>A page loop reached <see cref="WorkflowOptions.PageLimit"/> (or its retryLimit) while the service still had more.</summary>
public sealed class WorkflowPageLimitExceededException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowPageLimitExceededException(string message, StepContext context)
        : base(message, context, null)
    {
    }
}

/// <summary>
/// A workflow this one depends on (<c>dependsOn</c>) failed, so this one did not start its steps.
/// The other dependencies had finished or were cancelled first; <see cref="Exception.InnerException"/>
/// is the dependency's own exception.
/// </summary>
public sealed class WorkflowDependencyFailedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowDependencyFailedException(string message, string workflowId, string dependencyWorkflowId, Exception innerException)
        : base(message, new StepContext(workflowId, string.Empty, 1, (innerException as WorkflowException)?.StatusCode, (innerException as WorkflowException)?.ErrorCode, (innerException as WorkflowException)?.RequestId, null), innerException)
    {
        DependencyWorkflowId = dependencyWorkflowId;
    }

    /// <summary>The workflowId of the dependency that failed.</summary>
    public string DependencyWorkflowId { get; }
}

/// <summary>
/// A step's call, or the workflow it ran, was still without an answer when the step's <c>timeout</c>
/// (Arazzo 1.1) ran out. It is the failure of that call: the step's failure actions decide what follows.
/// </summary>
public sealed class WorkflowStepTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowStepTimeoutException(string stepId, TimeSpan timeout)
        : base($"Step '{stepId}' reached its timeout of {timeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms before it completed.")
    {
        StepId = stepId;
        Timeout = timeout;
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>The step's timeout.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// Stands in for an AWS service exception whose message may echo a secret the request carried (AWS
/// validation errors quote the value they reject): the facts are kept, the message and the original
/// exception are not, so neither a log nor <see cref="Exception.ToString"/> can show the secret.
/// </summary>
public sealed class ServiceErrorWithheldException : Exception
{
    /// <summary>Creates the stand-in for <paramref name="original"/>, keeping only its facts.</summary>
    public ServiceErrorWithheldException(Amazon.Runtime.AmazonServiceException original)
        : base($"{original.GetType().Name} ({original.ErrorCode}, status {(int)original.StatusCode}, request {original.RequestId}); its message is withheld because the request carried a secret.")
    {
        ExceptionType = original.GetType().FullName ?? original.GetType().Name;
        ErrorCode = original.ErrorCode;
        StatusCode = (int)original.StatusCode;
        RequestId = original.RequestId;
    }

    /// <summary>The type of the service exception (e.g. Amazon.SageMaker.AmazonSageMakerException).</summary>
    public string ExceptionType { get; }

    /// <summary>The AWS error code.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The AWS request id, for support cases.</summary>
    public string? RequestId { get; }
}
