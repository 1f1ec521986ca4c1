using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

internal sealed record Step(
    Located<string> StepId,
    string? Description,
    Reference? OperationId,
    PathReference? OperationPath,
    Reference? WorkflowId,
    EquatableArray<ParameterOrReference> Parameters,
    RequestBody? RequestBody,
    EquatableArray<Criterion> SuccessCriteria,
    EquatableArray<ActionOrReference> OnSuccess,
    EquatableArray<ActionOrReference> OnFailure,
    EquatableArray<NamedExpression> Outputs,
    StepExtras Extras,
    SourceSpan Span);

/// <summary>
/// The Step fields Arazzo 1.1 added: a <c>timeout</c> in milliseconds, step-level <c>dependsOn</c>, and
/// the AsyncAPI fields (<c>channelPath</c>, <c>action</c>, <c>correlationId</c>), kept so Validate can report them.
/// </summary>
internal sealed record StepExtras(
    Located<long>? Timeout,
    EquatableArray<Located<string>> DependsOn,
    Located<string>? ChannelPath,
    Located<string>? Action,
    Located<string>? CorrelationId)
{
    public static readonly StepExtras None = new(null, EquatableArray<Located<string>>.Empty, null, null, null);
}

internal sealed record Parameter(
    Located<string> Name,
    Located<string>? In,
    ValueNode Value,
    SourceSpan Span);

/// <summary>A parameter written inline, or a <c>reference</c> to components.parameters.</summary>
internal sealed record ParameterOrReference(Parameter? Parameter, ComponentReference? Reference, SourceSpan Span);

internal sealed record RequestBody(
    Located<string>? ContentType,
    ValueNode? Payload,
    EquatableArray<PayloadReplacement> Replacements,
    SourceSpan Span);

internal sealed record PayloadReplacement(Located<string> Target, ValueNode Value, SourceSpan Span);

/// <summary>A <c>reference</c> to a reusable object (<c>$components.x.y</c>), with an optional <c>value</c> override.</summary>
internal sealed record ComponentReference(RuntimeExpression Expression, ValueNode? Value, SourceSpan Span);
