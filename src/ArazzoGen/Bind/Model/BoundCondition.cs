using ArazzoGen.Model;

namespace ArazzoGen.Bind.Model;

/// <summary>A criterion compiled to a typed predicate.</summary>
internal abstract record BoundCondition;

internal enum CompareKind
{
    String,
    Number,
    Boolean,
}

internal sealed record CompareCondition(ConditionOperator Operator, CompareKind Kind, BoundValue Left, BoundValue Right) : BoundCondition;

/// <summary>A comparison with a null literal.</summary>
internal sealed record NullCheckCondition(BoundValue Value, bool IsNull) : BoundCondition;

internal sealed record LogicalCondition(bool IsAnd, BoundCondition Left, BoundCondition Right) : BoundCondition;

internal sealed record NotBoundCondition(BoundCondition Operand) : BoundCondition;

/// <summary>A boolean value used as a condition (true only when it is true, not null).</summary>
internal sealed record TruthyCondition(BoundValue Value) : BoundCondition;

/// <summary>A regex criterion; <see cref="FieldName"/> is the static Regex field Emit declares.</summary>
internal sealed record RegexCondition(string FieldName, string Pattern, BoundValue Value) : BoundCondition;

internal sealed record ConstantCondition(bool Value) : BoundCondition;

internal static class BoundConditionExtensions
{
    /// <summary>The values a condition reads, through its logical operators.</summary>
    public static System.Collections.Generic.IEnumerable<BoundValue> Values(this BoundCondition condition)
    {
        switch (condition)
        {
            case CompareCondition compare:
                yield return compare.Left;
                yield return compare.Right;
                break;
            case NullCheckCondition check:
                yield return check.Value;
                break;
            case TruthyCondition truthy:
                yield return truthy.Value;
                break;
            case RegexCondition regex:
                yield return regex.Value;
                break;
            case JsonPathRegexCondition regex:
                yield return regex.Value;
                break;
            case AnyNodeCondition any:
                yield return any.Nodes;
                break;
            case LogicalCondition logical:
                foreach (var value in logical.Left.Values())
                {
                    yield return value;
                }

                foreach (var value in logical.Right.Values())
                {
                    yield return value;
                }

                break;
            case NotBoundCondition not:
                foreach (var value in not.Operand.Values())
                {
                    yield return value;
                }

                break;
        }
    }
}
