using ArazzoGen.Helpers;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Model;

internal sealed record Workflow(
    Located<string> WorkflowId,
    string? Summary,
    string? Description,
    InputsSchema? Inputs,
    EquatableArray<Located<string>> DependsOn,
    EquatableArray<Step> Steps,
    EquatableArray<ActionOrReference> SuccessActions,
    EquatableArray<ActionOrReference> FailureActions,
    EquatableArray<NamedExpression> Outputs,
    EquatableArray<ParameterOrReference> Parameters,
    SourceSpan Span);

/// <summary>
/// The workflow's <c>inputs</c> JSON Schema: kept whole as data, with the top-level properties
/// read out because expressions and the generated Inputs class refer to them.
/// </summary>
internal sealed record InputsSchema(
    YamlNode Schema,
    EquatableArray<InputProperty> Properties,
    Located<string>? ComponentReference,
    SourceSpan Span);

/// <summary>One top-level property of an inputs schema.</summary>
internal sealed record InputProperty(
    Located<string> Name,
    string? Type,
    string? Format,
    string? Description,
    bool IsRequired,
    bool IsWriteOnly,
    YamlNode? Default,
    YamlNode Schema);

/// <summary>An output: a name and the runtime expression that computes it.</summary>
internal sealed record NamedExpression(Located<string> Name, ValueNode Value);
