using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

internal enum LiteralKind
{
    Null,
    Boolean,
    Integer,
    Number,
    String,
}

/// <summary>
/// A value written in the document (payloads, parameter values, outputs): literals, runtime
/// expressions, strings with embedded <c>{$expr}</c>, and objects and lists of those.
/// </summary>
internal abstract record ValueNode(SourceSpan Span);

internal sealed record ObjectValue(EquatableArray<ObjectMember> Members, SourceSpan Span) : ValueNode(Span);

internal sealed record ObjectMember(Located<string> Key, ValueNode Value);

internal sealed record ArrayValue(EquatableArray<ValueNode> Items, SourceSpan Span) : ValueNode(Span);

/// <summary>A literal; <see cref="Text"/> is the scalar as written (numbers in invariant form).</summary>
internal sealed record LiteralValue(LiteralKind Kind, string Text, SourceSpan Span) : ValueNode(Span);

internal sealed record ExpressionValue(RuntimeExpression Expression, SourceSpan Span) : ValueNode(Span);

/// <summary>A string with embedded expressions: "arn:{$inputs.region}:x".</summary>
internal sealed record TemplateValue(EquatableArray<TemplatePart> Parts, SourceSpan Span) : ValueNode(Span);

/// <summary>Either literal text or an expression.</summary>
internal sealed record TemplatePart(string? Text, RuntimeExpression? Expression);
