using System.ComponentModel;
namespace ArazzoGen.Runtime;

/// <summary>
/// The outcome of a step that runs another workflow: that workflow's outputs, or why it failed
/// (a <see cref="WorkflowException"/>, or an <see cref="ArgumentException"/> when the values this
/// step passed are not valid inputs for it).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public readonly struct WorkflowCallResult<TOutputs>
    where TOutputs : class
{
    internal WorkflowCallResult(TOutputs? outputs, Exception? error)
    {
        Outputs = outputs;
        Error = error;
    }

    /// <summary>The called workflow's outputs, when it completed.</summary>
    public TOutputs? Outputs { get; }

    /// <summary>Why the called workflow failed, when it did.</summary>
    public Exception? Error { get; }

    /// <summary>The failed step's AWS error code inside the called workflow, when a call failed there.</summary>
    public string? ErrorCode => (Error as WorkflowException)?.ErrorCode;

    /// <summary>The failed step's status code inside the called workflow, when a call failed there.</summary>
    public int? StatusCode => (Error as WorkflowException)?.StatusCode;
}
