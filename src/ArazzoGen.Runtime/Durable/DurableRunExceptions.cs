using System.Text.Json;

namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// A stored run was checkpointed by another version of the workflow (its steps, inputs or results
/// changed since), so resuming it could repeat or skip work. Finish it with the build that started
/// it, or start a new run.
/// </summary>
public sealed class WorkflowRunVersionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRunVersionException(string workflowId, string runId, string storedVersion, string currentVersion)
        : base($"Run '{runId}' of workflow '{workflowId}' was checkpointed by version {storedVersion} of the workflow; this is version {currentVersion}. A checkpoint is resumed only by the version that wrote it: finish the run with that build, or start a new run.")
    {
        WorkflowId = workflowId;
        RunId = runId;
        StoredVersion = storedVersion;
        CurrentVersion = currentVersion;
    }

    /// <summary>The workflowId.</summary>
    public string WorkflowId { get; }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The version that wrote the checkpoint.</summary>
    public string StoredVersion { get; }

    /// <summary>This workflow's version (its generated StateVersion).</summary>
    public string CurrentVersion { get; }
}

/// <summary>
/// Another worker holds the run's lease: it is advancing the run now. Try again after
/// <see cref="LeaseExpires"/>; if that worker died, the run is yours then.
/// </summary>
public sealed class WorkflowRunLeasedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRunLeasedException(string workflowId, string runId, string owner, DateTimeOffset leaseExpires)
        : base($"Run '{runId}' of workflow '{workflowId}' is being advanced by worker '{owner}', whose lease lasts until {leaseExpires:O}. Try again after that; a worker that is still alive renews its lease at every checkpoint.")
    {
        WorkflowId = workflowId;
        RunId = runId;
        Owner = owner;
        LeaseExpires = leaseExpires;
    }

    /// <summary>The workflowId.</summary>
    public string WorkflowId { get; }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The worker holding the lease.</summary>
    public string Owner { get; }

    /// <summary>When the lease runs out unless renewed.</summary>
    public DateTimeOffset LeaseExpires { get; }
}

/// <summary>
/// This worker's lease on the run ran out and another worker took the run over (this one was paused
/// longer than <see cref="WorkflowOptions.LeaseDuration"/>): this worker stops, the other goes on.
/// </summary>
public sealed class WorkflowRunLeaseLostException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRunLeaseLostException(string message, StepContext context, string runId)
        : base(message, context, null)
    {
        RunId = runId;
    }
}

/// <summary>A stored run had ended in a failure; resuming it reports that failure again, with no AWS call.</summary>
public sealed class WorkflowRunFailedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRunFailedException(string message, StepContext context, string runId, string failureType)
        : base(message, context, null)
    {
        RunId = runId;
        FailureType = failureType;
    }

    /// <summary>The type of the exception the run failed with (e.g. WorkflowStepFailedException).</summary>
    public string FailureType { get; }

    internal static void Write(Utf8JsonWriter json, WorkflowException failure)
    {
        json.WriteStartObject();
        json.WriteString("type", failure is WorkflowRunFailedException earlier ? earlier.FailureType : failure.GetType().Name);
        json.WriteString("message", failure.Message);
        json.WriteString("stepId", failure.StepId);
        json.WriteNumber("attempt", failure.Attempt);
        json.WritePropertyName("statusCode");
        StateJson.Write(json, failure.StatusCode);
        json.WriteString("errorCode", failure.ErrorCode);
        json.WriteString("requestId", failure.RequestId);
        json.WriteString("lastObserved", failure.LastObservedValue);
        json.WriteEndObject();
    }

    internal static WorkflowRunFailedException From(string workflowId, string runId, JsonElement failure)
    {
        string? Text(string name) => StateJson.String(StateJson.Property(failure, name));
        return new WorkflowRunFailedException(
            $"Run '{runId}' of workflow '{workflowId}' had failed: {Text("message")}",
            new StepContext(workflowId, Text("stepId") ?? string.Empty, StateJson.Int(StateJson.Property(failure, "attempt")) ?? 1, StateJson.Int(StateJson.Property(failure, "statusCode")), Text("errorCode"), Text("requestId"), Text("lastObserved")),
            runId,
            Text("type") ?? nameof(WorkflowException));
    }
}
