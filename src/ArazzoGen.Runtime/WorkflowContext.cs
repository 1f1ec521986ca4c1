using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace ArazzoGen.Runtime;

/// <summary>
/// What every run of one generated workflow instance shares: its id, the version of its checkpoints,
/// its options and its logger. The workflow creates it once, when it is constructed, so a run holds one
/// reference to it instead of a copy of each; it is not meant to be used by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public sealed class WorkflowContext
{
    /// <summary>Creates the context of a generated workflow.</summary>
    /// <param name="workflowId">The workflowId from the Arazzo document.</param>
    /// <param name="stateVersion">The generated workflow's StateVersion: what its checkpoints hold.</param>
    /// <param name="workflowType">The generated class: its full name is the logger's category.</param>
    /// <param name="options">The options its runs use.</param>
    public WorkflowContext(string workflowId, string stateVersion, Type workflowType, WorkflowOptions options)
    {
        WorkflowId = workflowId;
        StateVersion = stateVersion;
        Options = options;
        // Created here, once per workflow instance: a logger factory takes a lock to create a logger,
        // which runs starting at once would otherwise contend for.
        Logger = options.LoggerFactory.CreateLogger(workflowType.FullName ?? workflowType.Name);
    }

    /// <summary>The workflowId from the Arazzo document.</summary>
    internal string WorkflowId { get; }

    /// <summary>The generated workflow's StateVersion.</summary>
    internal string StateVersion { get; }

    /// <summary>The options the workflow was created with (the defaults when it was given none).</summary>
    public WorkflowOptions Options { get; }

    internal ILogger Logger { get; }
}
