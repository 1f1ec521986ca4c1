namespace ArazzoGen.Model;

internal enum CriterionType
{
    Simple,
    Regex,
    JsonPath,
    XPath,
}

/// <summary>A criterion: its condition parsed for its type (null when it could not be parsed).</summary>
internal sealed record Criterion(
    Located<string> Condition,
    RuntimeExpression? Context,
    Located<CriterionType> Type,
    string? Version,
    ConditionNode? Parsed,
    SourceSpan Span);
