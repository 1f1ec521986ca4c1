using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

internal enum ConditionOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary>A parsed criterion condition (the simple and jsonpath dialects share this tree).</summary>
internal abstract record ConditionNode(SourceSpan Span);

internal sealed record BinaryCondition(ConditionOperator Operator, ConditionNode Left, ConditionNode Right, SourceSpan Span) : ConditionNode(Span);

internal sealed record NotCondition(ConditionNode Operand, SourceSpan Span) : ConditionNode(Span);

internal sealed record LiteralOperand(LiteralKind Kind, string Value, SourceSpan Span) : ConditionNode(Span);

/// <summary>A runtime expression in a simple condition, with any <c>[n]</c>/<c>.name</c> accessors after it.</summary>
internal sealed record ExpressionOperand(RuntimeExpression Expression, EquatableArray<PathSegment> Accessors, SourceSpan Span) : ConditionNode(Span);

/// <summary>A JSONPath (<c>$.A.B[0].length</c>) against the criterion's context; <c>@</c> inside a filter.</summary>
internal sealed record PathOperand(bool IsCurrentNode, EquatableArray<PathSegment> Segments, SourceSpan Span) : ConditionNode(Span);

/// <summary>The RFC 9535 filter form <c>$[?predicate]</c>: true when the context satisfies the predicate.</summary>
internal sealed record FilterCondition(ConditionNode Predicate, SourceSpan Span) : ConditionNode(Span);

internal enum PathSegmentKind
{
    Member,
    Index,
    Length,
}

internal sealed record PathSegment(PathSegmentKind Kind, string Name, int Index)
{
    public static PathSegment Member(string name) => new(PathSegmentKind.Member, name, 0);

    public static PathSegment At(int index) => new(PathSegmentKind.Index, string.Empty, index);

    public static readonly PathSegment Length = new(PathSegmentKind.Length, "length", 0);
}
