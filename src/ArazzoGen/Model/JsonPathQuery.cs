using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

/// <summary>
/// An RFC 9535 query that may select any number of nodes: <c>$.items[*].id</c>, <c>$..status</c>,
/// <c>@.tags[?@ == 'x']</c>, <c>$.list[-1]</c>, <c>$.list[0:2]</c>. (A path of plain names and
/// indexes is a <see cref="PathOperand"/>.) <see cref="Text"/> is the query as written, for messages.
/// </summary>
internal sealed record JsonPathQuery(bool IsCurrentNode, EquatableArray<JsonPathSegment> Segments, string Text);

/// <summary>A child segment <c>[a, b]</c> / <c>.name</c> / <c>.*</c>, or a descendant segment <c>..[...]</c>.</summary>
internal sealed record JsonPathSegment(bool IsDescendant, EquatableArray<JsonPathSelector> Selectors, string Text);

internal enum JsonPathSelectorKind
{
    Name,
    Wildcard,
    Index,
    Slice,
    Filter,
}

/// <summary>One selector: a name, <c>*</c>, an index (negative counts from the end), a slice <c>start:end:step</c>, or a filter <c>?expr</c>.</summary>
internal sealed record JsonPathSelector(JsonPathSelectorKind Kind, string Name, long Index, long? Start, long? End, long? Step, ConditionNode? Filter)
{
    public static JsonPathSelector NameOf(string name) => new(JsonPathSelectorKind.Name, name, 0, null, null, null, null);

    public static readonly JsonPathSelector Wildcard = new(JsonPathSelectorKind.Wildcard, "*", 0, null, null, null, null);

    public static JsonPathSelector At(long index) => new(JsonPathSelectorKind.Index, string.Empty, index, null, null, null, null);

    public static JsonPathSelector SliceOf(long? start, long? end, long? step) => new(JsonPathSelectorKind.Slice, string.Empty, 0, start, end, step, null);

    public static JsonPathSelector Where(ConditionNode filter) => new(JsonPathSelectorKind.Filter, string.Empty, 0, null, null, null, filter);
}

/// <summary>A query used as a value, a test or a function argument in a condition.</summary>
internal sealed record QueryOperand(JsonPathQuery Query, SourceSpan Span) : ConditionNode(Span);

/// <summary>An RFC 9535 function: <c>length</c>, <c>count</c>, <c>match</c>, <c>search</c> or <c>value</c>.</summary>
internal sealed record FunctionCall(string Name, EquatableArray<ConditionNode> Arguments, SourceSpan Span) : ConditionNode(Span);
