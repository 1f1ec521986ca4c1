using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>Criteria as Choice rules (<c>Variable</c> with a comparison operator, <c>And</c>, <c>Or</c>, <c>Not</c>).</summary>
internal static class ChoiceRules
{
    /// <summary>True for <c>$statusCode == 200</c>: a Task that returns has had a successful answer, so this criterion always holds after one.</summary>
    public static bool IsSuccessStatus(BoundCondition condition) =>
        condition is CompareCondition { Operator: ConditionOperator.Equal } compare
        && (IsStatus(compare.Left) && IsLiteral(compare.Right, "200") || IsStatus(compare.Right) && IsLiteral(compare.Left, "200"));

    /// <summary>The rule for all of <paramref name="conditions"/> (which must not be empty).</summary>
    public static AslObject All(IReadOnlyList<BoundCondition> conditions, StateValues values, string step) =>
        conditions.Count == 1 ? Rule(conditions[0], values, step) : AslObject.Of(("And", AslArray.Of(conditions.Select(c => Rule(c, values, step)))));

    /// <summary>The negation of <paramref name="rule"/>; of a negation, what it negates (no <c>Not</c> inside a <c>Not</c>).</summary>
    public static AslObject Not(AslObject rule) =>
        rule.Members.Count == 1 && rule.Members[0] is { Name: "Not", Value: AslObject negated } ? negated : AslObject.Of(("Not", rule));

    public static AslObject Rule(BoundCondition condition, StateValues values, string step)
    {
        switch (condition)
        {
            case LogicalCondition logical:
                return AslObject.Of((logical.IsAnd ? "And" : "Or", AslArray.Of(Flatten(logical, logical.IsAnd).Select(c => Rule(c, values, step)))));
            case NotBoundCondition not:
                return Not(Rule(not.Operand, values, step));
            case NullCheckCondition check:
                var isNull = AslObject.Of(("Variable", AslNode.String(values.Variable(check.Value, step))), ("IsNull", new AslBoolean(true)));
                return check.IsNull ? isNull : Not(isNull);
            case TruthyCondition truthy:
                return AslObject.Of(("Variable", AslNode.String(values.Variable(truthy.Value, step))), ("BooleanEquals", new AslBoolean(true)));
            case CompareCondition compare:
                return Compare(compare, values, step);
            case ConstantCondition constant:
                throw new NotExpressibleException($"a criterion that is always {(constant.Value ? "true" : "false")}");
            default:
                throw new NotExpressibleException("a regex or JSONPath filter criterion (Choice rules have only * wildcards)");
        }
    }

    private static AslObject Compare(CompareCondition compare, StateValues values, string step)
    {
        if (ListLength(compare) is { } length)
        {
            return Length(length.List, length.Operator, length.Count, values, step);
        }

        var left = values.Translate(compare.Left, step);
        var right = values.Translate(compare.Right, step);
        var op = compare.Operator;
        if (left.Dynamic is null && right.Dynamic is not null)
        {
            (left, right) = (right, left);
            op = Mirror(op);
        }

        if (left.Dynamic is not { } variable || !variable.StartsWith("$", System.StringComparison.Ordinal))
        {
            throw new NotExpressibleException("a comparison of two values known when it is written, or of a computed value");
        }

        var kind = compare.Kind switch
        {
            CompareKind.Number => "Numeric",
            CompareKind.Boolean => "Boolean",
            _ => "String",
        };
        var (name, negate) = op switch
        {
            ConditionOperator.Equal => ("Equals", false),
            ConditionOperator.NotEqual => ("Equals", true),
            ConditionOperator.Less => ("LessThan", false),
            ConditionOperator.LessOrEqual => ("LessThanEquals", false),
            ConditionOperator.Greater => ("GreaterThan", false),
            _ => ("GreaterThanEquals", false),
        };
        if (kind == "Boolean" && name != "Equals")
        {
            throw new NotExpressibleException("an ordering of booleans");
        }

        AslObject rule;
        if (right.Dynamic is { } other)
        {
            if (!other.StartsWith("$", System.StringComparison.Ordinal))
            {
                throw new NotExpressibleException("a comparison with a computed value");
            }

            rule = AslObject.Of(("Variable", AslNode.String(variable)), (kind + name + "Path", AslNode.String(other)));
        }
        else
        {
            var value = right.Static switch
            {
                AslString text when kind == "Numeric" && double.TryParse(text.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => new AslNumber(text.Value),
                AslNumber number when kind == "String" => new AslString(number.Text),
                AslNull => throw new NotExpressibleException("a comparison with null other than == and !="),
                { } known => known,
                _ => throw new NotExpressibleException("a comparison with an object"),
            };
            rule = AslObject.Of(("Variable", AslNode.String(variable)), (kind + name, value));
        }

        return negate ? Not(rule) : rule;
    }

    /// <summary>A list's length compared with a whole number: <c>$.TrainingJobSummaries.length > 0</c>.</summary>
    private static (BoundValue List, ConditionOperator Operator, long Count)? ListLength(CompareCondition compare)
    {
        static BoundValue? Inner(BoundValue value) => value switch
        {
            LengthBound length => length.Inner,
            JsonPathLengthBound length => length.Inner,
            _ => null,
        };

        static long? Count(BoundValue value) =>
            value is LiteralBound literal && long.TryParse(literal.Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

        if (Inner(compare.Left) is { } list && Count(compare.Right) is { } count)
        {
            return (list, compare.Operator, count);
        }

        return Inner(compare.Right) is { } mirrored && Count(compare.Left) is { } mirroredCount ? (mirrored, Mirror(compare.Operator), mirroredCount) : null;
    }

    /// <summary>
    /// A list's length as Choice rules say it: whether it has an element at an index
    /// (<c>length > 0</c> is <c>[0]</c> being present). A list that is absent has none.
    /// </summary>
    private static AslObject Length(BoundValue list, ConditionOperator op, long count, StateValues values, string step)
    {
        if (list.Type.Kind != SdkTypeKind.List)
        {
            throw new NotExpressibleException("the length of a string or map");
        }

        var path = values.Variable(list, step);
        AslObject Has(long elements) => elements <= 0
            ? AslObject.Of(("Variable", AslNode.String(path)), ("IsPresent", new AslBoolean(true)))
            : AslObject.Of(("Variable", AslNode.String(path + StatePaths.Index(elements - 1))), ("IsPresent", new AslBoolean(true)));
        return op switch
        {
            ConditionOperator.Greater => Has(count + 1),
            ConditionOperator.GreaterOrEqual => Has(count),
            ConditionOperator.Less => Not(Has(count)),
            ConditionOperator.LessOrEqual => Not(Has(count + 1)),
            ConditionOperator.NotEqual when count == 0 => Has(1),
            ConditionOperator.NotEqual => Not(AslObject.Of(("And", AslArray.Of(new AslNode[] { Has(count), Not(Has(count + 1)) })))),
            _ when count == 0 => Not(Has(1)),
            _ => AslObject.Of(("And", AslArray.Of(new AslNode[] { Has(count), Not(Has(count + 1)) }))),
        };
    }

    private static IEnumerable<BoundCondition> Flatten(BoundCondition condition, bool isAnd) =>
        condition is LogicalCondition logical && logical.IsAnd == isAnd
            ? Flatten(logical.Left, isAnd).Concat(Flatten(logical.Right, isAnd))
            : new[] { condition };

    private static ConditionOperator Mirror(ConditionOperator op) => op switch
    {
        ConditionOperator.Less => ConditionOperator.Greater,
        ConditionOperator.LessOrEqual => ConditionOperator.GreaterOrEqual,
        ConditionOperator.Greater => ConditionOperator.Less,
        ConditionOperator.GreaterOrEqual => ConditionOperator.LessOrEqual,
        _ => op,
    };

    private static bool IsStatus(BoundValue value) => value is CallBound { Member: "StatusCode" };

    private static bool IsLiteral(BoundValue value, string text) => value is LiteralBound literal && literal.Text == text;
}
