using System.Linq;
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
    EquatableArray<ActionWorkflow> ActionWorkflows,
    EquatableArray<string> Dependencies,
    EquatableArray<RegexField> Regexes,
    bool UsesNodeQueries,
    StateModel State,
    EquatableArray<SharedAction> SharedActions = default,
    AslObject? StateMachine = null,
    AslObject? StateMachinePolicy = null,
    AslObject? RolePolicy = null)
{
    /// <summary>The workflows this one depends on (dependsOn), run before its first step.</summary>
    public System.Collections.Generic.IEnumerable<ActionWorkflow> DependencyRuns => Dependencies.Select(id => ActionWorkflows.First(a => a.Call.WorkflowId == id));
}

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
/// <param name="Class">An object input read member by member: the simple name of its generated class, whose properties are <paramref name="Members"/>.</param>
internal sealed record BoundInput(
    string Name,
    string Property,
    TypeRef Type,
    bool IsRequired,
    LiteralBound? Default,
    string? Description,
    bool IsSecret,
    string? Class,
    EquatableArray<BoundInput> Members);

/// <summary>An AWS SDK client the workflow calls, one per source description it uses.</summary>
internal sealed record BoundClient(string SourceName, string Property, string Parameter, string InterfaceType);

internal sealed record BoundOutput(string Name, string Property, TypeRef Type, BoundValue Value);

/// <param name="SendsSecret">The request carries a value derived from a secret input, so the service's error message (which may echo it) is withheld.</param>
/// <param name="ReadBack">For a step that creates a resource by a name it gives: how a resumed run finds out whether it already exists.</param>
internal sealed record BoundStep(
    string StepId,
    string Identifier,
    string? Description,
    BoundCall Call,
    EquatableArray<BoundStepOutput> Outputs,
    EquatableArray<BoundCondition> SuccessCriteria,
    EquatableArray<BoundAction> OnSuccess,
    EquatableArray<BoundAction> OnFailure,
    LoopSpec? Loop,
    string? NextIdentifier,
    bool SendsSecret,
    ReadBack? ReadBack,
    long? TimeoutMilliseconds = null)
{
    /// <summary>
    /// True when the success criteria read the response body, so only a call that returned a
    /// response can succeed. Criteria that read only <c>$statusCode</c> and the AWS error facts
    /// also hold for an error response (<c>$statusCode == 404</c>): in Arazzo an error response is a response.
    /// A step that runs a workflow succeeds only with that workflow's outputs.
    /// </summary>
    public bool SuccessNeedsResponse => Call is WorkflowCall || SuccessCriteria.Count == 0 || SuccessCriteria.SelectMany(c => c.Values()).Any(v => v.ReadsResponse());

    /// <summary>
    /// True when the success criteria themselves hold only for a call that got an answer: one of them
    /// compares <c>$statusCode</c> with a number (<c>$statusCode == 200</c>), and a missing status code
    /// compares false. The generated check then needs no test of its own that an answer came.
    /// </summary>
    public bool SuccessCriteriaNeedAnswer => SuccessCriteria.Any(c => c is CompareCondition
    {
        Kind: CompareKind.Number,
        Operator: not ConditionOperator.NotEqual,
    } compare && (IsStatusCode(compare.Left) && compare.Right is LiteralBound || compare.Left is LiteralBound && IsStatusCode(compare.Right)));

    private static bool IsStatusCode(BoundValue value) => value is CallBound { Member: "StatusCode" };

    /// <summary>
    /// True when an output reads the response body, so outputs are kept only from a call that returned
    /// one (a throttled poll keeps what it last observed); outputs of <c>$statusCode</c> and the AWS
    /// error facts alone are kept from an error response too.
    /// </summary>
    public bool OutputsNeedResponse => Call is WorkflowCall || Outputs.Any(o => o.Value.ReadsResponse());

    /// <summary>True when the generated step reads the call's response (outputs, criteria, or the success check).</summary>
    public bool ReadsResponse => Call is OperationCall
        && (Outputs.Any(o => o.Value.ReadsResponse()) || SuccessNeedsResponse || OnSuccess.Concat(OnFailure).SelectMany(a => a.Criteria).SelectMany(c => c.Values()).Any(v => v.ReadsResponse()));

    /// <summary>True when the step's method loops: it polls, pages, or a failure action retries it.</summary>
    public bool Loops => Loop is not null || OnFailure.Any(a => a.Kind == ActionKind.Retry);

    public string MethodName => Identifier + "Async";

    public string ResultType => Identifier + "Result";

    public string Field => FieldOf(Identifier);

    /// <summary>The Run field holding a step's result: "_" + camelCase(identifier). Expressions that read it use the same name.</summary>
    public static string FieldOf(string identifier) => "_" + char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
}

/// <summary>What a step runs: an AWS SDK operation, or another workflow of the same document.</summary>
internal abstract record BoundCall;

/// <summary><c>operationId</c>: <c>client.XAsync(new XRequest { ... }, ct)</c>.</summary>
/// <param name="IdempotencyTokens">Request members the service recognises a repeated request by (<c>ClientToken</c>) that the workflow does not set.</param>
/// <param name="Api">The operation as the AWS service model names it, when the model is known (what a state machine's Task calls).</param>
internal sealed record OperationCall(string ClientProperty, string SdkMethod, NewObjectBound Request, EquatableArray<string> IdempotencyTokens, ApiOperation? Api = null) : BoundCall
{
    public string OperationName => SdkMethod.Substring(0, SdkMethod.Length - "Async".Length);
}

/// <summary>An AWS operation by the service model's names: the service id (<c>SageMaker</c>, <c>DynamoDB</c>, <c>ACM PCA</c>) and the operation (<c>CreateTrainingJob</c>).</summary>
/// <param name="Service">The model's folder name in botocore (<c>sagemaker</c>, <c>acm-pca</c>, <c>neptunedata</c>), which most IAM action prefixes follow.</param>
internal sealed record ApiOperation(string ServiceId, string Operation, string? Service = null);

/// <summary>
/// <c>workflowId</c>: the generated class of that workflow, run with inputs from the step's
/// parameters and the clients it needs taken from this workflow's clients.
/// </summary>
/// <see cref="TakesDependencies"/>: that workflow has dependsOn, so a run that needs it passes on which dependencies already ran.
internal sealed record WorkflowCall(string WorkflowId, string ClassName, NewObjectBound Inputs, EquatableArray<ClientArgument> Clients, bool TakesDependencies) : BoundCall;

/// <summary>A constructor argument of the called workflow's Clients: its parameter name, and this workflow's client property.</summary>
internal sealed record ClientArgument(string Parameter, string Property);

/// <summary>A step output; <see cref="IsSecret"/> when it carries a secret input (masked in the result's ToString).</summary>
internal sealed record BoundStepOutput(string Name, string Property, TypeRef Type, BoundValue Value, bool IsSecret);

/// <summary>
/// An action after a step; a goto to the step itself (or a success retry) is its loop (see
/// <see cref="BoundStep.Loop"/>). <see cref="TargetIdentifier"/> is the step a goto goes to, or the
/// step a retry runs first; <see cref="WorkflowId"/> the workflow (one of
/// <see cref="BoundWorkflow.ActionWorkflows"/>) a goto or a retry runs. A failure retry carries
/// its decided policy in <see cref="Retry"/>.
/// </summary>
/// <param name="Helper">For a workflow failure action that decides on the call's status and error code alone: the Run method every step asks (see <see cref="SharedAction"/>).</param>
internal sealed record BoundAction(
    string Name,
    ActionKind Kind,
    string? TargetIdentifier,
    string? WorkflowId,
    bool LoopsThisStep,
    RetrySpec? Retry,
    EquatableArray<BoundCondition> Criteria,
    string? Helper = null);

/// <summary>
/// A workflow failure action whose criteria read only the call's status and error code: decided by
/// one Run method, <see cref="Helper"/>, for every step it applies to, rather than a copy per step.
/// A retry's method also counts the retry against <see cref="RetryLimit"/>.
/// </summary>
internal sealed record SharedAction(string Helper, string Name, ActionKind Kind, EquatableArray<BoundCondition> Criteria, long? RetryLimit);

/// <summary>A failure retry: its counter (a local of the step method), how many retries, and the delay before each.</summary>
internal sealed record RetrySpec(string Counter, long Limit, double DelaySeconds);

/// <summary>How a step that goes back to itself loops.</summary>
internal abstract record LoopSpec;

/// <summary>
/// A poll: the same request repeated with a fixed delay (retryAfter) or a backoff up to a
/// waiter-derived cap, bounded by retryLimit, else the deadline in options.
/// </summary>
internal sealed record PollSpec(double DelaySeconds, bool IsFixed, long? RetryLimit, string DelaySource, StateChangeWait? StateChange = null) : LoopSpec;

/// <summary>
/// A poll whose resource publishes state-change events: with WorkflowOptions.StateChanges it waits
/// for an event of <paramref name="DetailType"/> naming the request's <paramref name="NameMember"/>,
/// and calls every <paramref name="FallbackSeconds"/> in case one is lost.
/// </summary>
internal sealed record StateChangeWait(string DetailType, string NameMember, double FallbackSeconds);

/// <summary>
/// A page loop: the request reads the step's own outputs (a NextToken, an ExclusiveStartKey), so
/// each iteration asks for the next page. It waits only when the workflow says so (retryAfter),
/// and is bounded by retryLimit, else WorkflowOptions.PageLimit.
/// </summary>
internal sealed record PageSpec(double? DelaySeconds, long? RetryLimit) : LoopSpec;
