using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Bind.Model;

/// <summary>The Bind stage's output for one file: what Emit writes, and what was wrong.</summary>
internal sealed record BoundFile(string FilePath, EquatableArray<BoundWorkflow> Workflows, EquatableArray<DiagnosticInfo> Diagnostics);

internal sealed record BoundWorkflow(
    string WorkflowId,
    LocationInfo Location,
    string Namespace,
    string ClassName,
    string HintName,
    string? Summary,
    string? Description,
    EquatableArray<BoundInput> Inputs,
    EquatableArray<BoundClient> Clients,
    EquatableArray<BoundStep> Steps,
    EquatableArray<BoundOutput> Outputs,
    EquatableArray<ActionWorkflow> ActionWorkflows);

/// <summary>
/// A workflow this workflow's actions run (a <c>goto</c> to it, or a <c>retry</c> that runs it
/// first), given this workflow's inputs of the same names. Run keeps its last outputs in
/// <see cref="Field"/>, which <c>$workflows.id.outputs.x</c> reads.
/// </summary>
internal sealed record ActionWorkflow(string Identifier, WorkflowCall Call)
{
    public string InputsMethod => Identifier + "Inputs";

    public string Field => BoundStep.FieldOf(Identifier + "Outputs");
}

/// <summary>An input: its schema type (or the SDK slot's type for arrays and objects), default and docs.</summary>
internal sealed record BoundInput(
    string Name,
    string Property,
    TypeRef Type,
    bool IsRequired,
    string? DefaultCode,
    string? Description,
    bool IsSecret);

/// <summary>An AWS SDK client the workflow calls, one per source description it uses.</summary>
internal sealed record BoundClient(string SourceName, string Property, string Parameter, string InterfaceType);

internal sealed record BoundOutput(string Name, string Property, TypeRef Type, BoundValue Value);

internal sealed record BoundStep(
    string StepId,
    string Identifier,
    string? Description,
    BoundCall Call,
    EquatableArray<BoundStepOutput> Outputs,
    EquatableArray<BoundCondition> SuccessCriteria,
    EquatableArray<BoundAction> OnSuccess,
    EquatableArray<BoundAction> OnFailure,
    PollSpec? Poll,
    double RetryDelaySeconds,
    string? NextIdentifier)
{
    public string MethodName => Identifier + "Async";

    public string ResultType => Identifier + "Result";

    public string Field => FieldOf(Identifier);

    /// <summary>The Run field holding a step's result: "_" + camelCase(identifier). Expressions that read it use the same name.</summary>
    public static string FieldOf(string identifier) => "_" + char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
}

/// <summary>What a step runs: an AWS SDK operation, or another workflow of the same document.</summary>
internal abstract record BoundCall;

/// <summary><c>operationId</c>: <c>client.XAsync(new XRequest { ... }, ct)</c>.</summary>
internal sealed record OperationCall(string ClientProperty, string SdkMethod, NewObjectBound Request) : BoundCall
{
    public string OperationName => SdkMethod.Substring(0, SdkMethod.Length - "Async".Length);
}

/// <summary>
/// <c>workflowId</c>: the generated class of that workflow, run with inputs from the step's
/// parameters and the clients it needs taken from this workflow's clients.
/// </summary>
internal sealed record WorkflowCall(string WorkflowId, string ClassName, NewObjectBound Inputs, EquatableArray<ClientArgument> Clients) : BoundCall;

/// <summary>A constructor argument of the called workflow's Clients: its parameter name, and this workflow's client property.</summary>
internal sealed record ClientArgument(string Parameter, string Property);

/// <summary>A step output; <see cref="IsSecret"/> when it carries a secret input (masked in the result's ToString).</summary>
internal sealed record BoundStepOutput(string Name, string Property, TypeRef Type, BoundValue Value, bool IsSecret);

/// <summary>
/// An action after a step; a goto to the step itself (or a success retry) is its poll.
/// <see cref="TargetIdentifier"/> is the step a goto goes to, or the step a retry runs first;
/// <see cref="WorkflowId"/> the workflow (one of <see cref="BoundWorkflow.ActionWorkflows"/>) a goto
/// or a retry runs.
/// </summary>
internal sealed record BoundAction(
    string Name,
    ActionKind Kind,
    string? TargetIdentifier,
    string? WorkflowId,
    bool PollsThisStep,
    double? RetryAfterSeconds,
    long? RetryLimit,
    EquatableArray<BoundCondition> Criteria);

/// <summary>
/// How the step polls: a fixed delay (retryAfter) or a backoff up to a waiter-derived cap, and the
/// bound (retryLimit, else the deadline in options).
/// </summary>
internal sealed record PollSpec(double DelaySeconds, bool IsFixed, long? RetryLimit, string DelaySource);
