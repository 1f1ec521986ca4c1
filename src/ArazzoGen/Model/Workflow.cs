using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

internal sealed record Workflow(
    Located<string> WorkflowId,
    string? Summary,
    string? Description,
    InputsSchema? Inputs,
    EquatableArray<Reference> DependsOn,
    EquatableArray<Step> Steps,
    EquatableArray<ActionOrReference> SuccessActions,
    EquatableArray<ActionOrReference> FailureActions,
    EquatableArray<NamedExpression> Outputs,
    EquatableArray<ParameterOrReference> Parameters,
    SourceSpan Span);

/// <summary>
/// The workflow's <c>inputs</c> JSON Schema, as far as expressions and the generated Inputs class
/// use it: its top-level properties, with what its <c>$ref</c> and <c>allOf</c> bring in merged (Parse resolves them).
/// </summary>
internal sealed record InputsSchema(
    EquatableArray<InputProperty> Properties,
    SourceSpan Span);

/// <summary>A property of an inputs schema; an object property has <see cref="Properties"/> of its own.</summary>
internal sealed record InputProperty(
    Located<string> Name,
    string? Type,
    string? Format,
    string? Description,
    bool IsRequired,
    bool IsWriteOnly,
    LiteralValue? Default)
{
    /// <summary>The properties an object property declares (<c>$inputs.job.role</c> reads one); empty for any other.</summary>
    public EquatableArray<InputProperty> Properties { get; init; } = EquatableArray<InputProperty>.Empty;
}

/// <summary>An output: a name and the runtime expression that computes it.</summary>
internal sealed record NamedExpression(Located<string> Name, ValueNode Value);
