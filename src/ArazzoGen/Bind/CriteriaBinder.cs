using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// Compiles criteria to typed predicates: simple conditions over runtime expressions, jsonpath
/// conditions over their context's SDK type, RFC 9535 filters, and regex matches. A criterion
/// that cannot be compiled is an error; it never becomes a silent <c>true</c>.
/// </summary>
internal sealed class CriteriaBinder
{
    private readonly WorkflowScope _scope;
    private readonly ExpressionBinder _expressions;
    private readonly Dictionary<string, string> _regexFields;
    private readonly JsonPathBinder _queries;

    /// <param name="regexFields">.NET pattern -> the static Regex field that holds it, for the whole workflow.</param>
    public CriteriaBinder(WorkflowScope scope, ExpressionBinder expressions, Dictionary<string, string> regexFields)
    {
        _scope = scope;
        _expressions = expressions;
        _regexFields = regexFields;
        _queries = new JsonPathBinder(scope);
    }

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    public EquatableArray<BoundCondition>? BindAll(IEnumerable<Criterion> criteria, ExpressionSite site)
    {
        var bound = new List<BoundCondition>();
        var ok = true;
        foreach (var criterion in criteria)
        {
            var condition = Bind(criterion, site);
            if (condition is null)
            {
                ok = false;
                continue;
            }

            bound.Add(condition);
        }

        return ok ? bound.ToEquatableArray() : null;
    }

    private BoundCondition? Bind(Criterion criterion, ExpressionSite site)
    {
        Typed? context = null;
        if (criterion.Context is not null)
        {
            context = _expressions.Bind(criterion.Context, site);
            if (context is null)
            {
                return null;
            }

            if (context.Value.Type.Kind == SdkTypeKind.InputObject && criterion.Type.Value != CriterionType.Regex)
            {
                // A JSONPath walks SDK types; the class ArazzoGen made for the input is not one.
                Diagnostics.Add(DiagnosticDescriptors.NotAvailableFromSdk, criterion.Context.Span, criterion.Context.Text, "a criterion's context is read through the AWS SDK's types, and an object input read member by member is a class of its own: compare its members in a simple condition instead ($inputs.job.role == 'x')");
                return null;
            }
        }

        switch (criterion.Type.Value)
        {
            case CriterionType.Regex:
                var text = Conversions.Fit(context!.Value, TypeRef.String, "the regex context", criterion.Context!.Span, Diagnostics);
                if (text is null)
                {
                    return null;
                }

                return new RegexCondition(RegexField(criterion.Condition.Value), criterion.Condition.Value, text);
            case CriterionType.Simple or CriterionType.JsonPath when criterion.Parsed is not null:
                var scope = context is { } root ? new QueryScope(root, root, 0, (predicate, inner) => BindCondition(predicate, criterion, site, inner)) : null;
                return BindCondition(criterion.Parsed, criterion, site, scope);
            default:
                return null; // Parse/Validate reported it (xpath, malformed).
        }
    }

    /// <summary>The static Regex field for a .NET pattern, one per pattern in the workflow.</summary>
    private string RegexField(string pattern)
    {
        if (!_regexFields.TryGetValue(pattern, out var field))
        {
            field = "Pattern" + (_regexFields.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _regexFields[pattern] = field;
        }

        return field;
    }

    private BoundCondition? BindCondition(ConditionNode node, Criterion criterion, ExpressionSite site, QueryScope? context)
    {
        switch (node)
        {
            case BinaryCondition { Operator: ConditionOperator.And or ConditionOperator.Or } logical:
                var left = BindCondition(logical.Left, criterion, site, context);
                var right = BindCondition(logical.Right, criterion, site, context);
                return left is null || right is null ? null : new LogicalCondition(logical.Operator == ConditionOperator.And, left, right);
            case BinaryCondition comparison:
                return BindComparison(comparison, criterion, site, context);
            case NotCondition not:
                var operand = BindCondition(not.Operand, criterion, site, context);
                return operand is null ? null : new NotBoundCondition(operand);
            case FilterCondition filter:
                // RFC 9535: `@` ranges over the children of `$`; the context wrapped in a one-element array makes `@` the context.
                return BindCondition(filter.Predicate, criterion, site, context);
            case QueryOperand query:
                // A query as a test: true when it selects a node.
                return BindNodes(query, criterion, context) is { } nodes ? new AnyNodeCondition(nodes) : null;
            case PathOperand path when context is not null:
                // A singular query as a test: true when the node exists.
                return BindOperand(path, criterion, site, context) is { } exists ? new NullCheckCondition(exists, IsNull: false) : null;
            case FunctionCall { Name: "match" or "search" } call:
                return BindRegexFunction(call, criterion, site, context);
            case LiteralOperand { Kind: LiteralKind.Boolean } literal:
                return new ConstantCondition(literal.Value == "true");
            default:
                var value = BindOperand(node, criterion, site, context);
                if (value is null)
                {
                    return null;
                }

                if (value.Type.Kind != SdkTypeKind.Boolean)
                {
                    return Fail(criterion, node.Span, $"'{Describe(node)}' is {Conversions.Describe(value.Type)}, not a boolean; compare it with something");
                }

                return new TruthyCondition(value);
        }
    }

    private BoundCondition? BindComparison(BinaryCondition comparison, Criterion criterion, ExpressionSite site, QueryScope? context)
    {
        var leftNull = comparison.Left is LiteralOperand { Kind: LiteralKind.Null };
        var rightNull = comparison.Right is LiteralOperand { Kind: LiteralKind.Null };
        if (leftNull || rightNull)
        {
            var other = BindOperand(leftNull ? comparison.Right : comparison.Left, criterion, site, context);
            if (other is null)
            {
                return null;
            }

            return comparison.Operator switch
            {
                ConditionOperator.Equal => new NullCheckCondition(other, IsNull: true),
                ConditionOperator.NotEqual => new NullCheckCondition(other, IsNull: false),
                _ => new ConstantCondition(false), // Ordering comparisons with null are false.
            };
        }

        var left = BindOperand(comparison.Left, criterion, site, context);
        var right = BindOperand(comparison.Right, criterion, site, context);
        if (left is null || right is null)
        {
            return null;
        }

        var kind = KindOf(left.Type, right.Type);
        if (kind is null)
        {
            return Fail(criterion, comparison.Span, $"it compares {Conversions.Describe(left.Type)} with {Conversions.Describe(right.Type)}");
        }

        if (kind == CompareKind.Boolean && comparison.Operator is not (ConditionOperator.Equal or ConditionOperator.NotEqual))
        {
            return Fail(criterion, comparison.Span, "booleans can only be compared with == or !=");
        }

        return new CompareCondition(comparison.Operator, kind.Value, AsComparable(left), AsComparable(right));
    }

    private static CompareKind? KindOf(TypeRef left, TypeRef right)
    {
        static bool IsText(TypeRef t) => t.Kind is SdkTypeKind.String or SdkTypeKind.Constant;
        if (IsText(left) && IsText(right))
        {
            return CompareKind.String;
        }

        if (left.IsNumeric && right.IsNumeric)
        {
            return CompareKind.Number;
        }

        if (left.Kind == SdkTypeKind.Boolean && right.Kind == SdkTypeKind.Boolean)
        {
            return CompareKind.Boolean;
        }

        return null;
    }

    private static BoundValue AsComparable(BoundValue value) => value.Type.Kind == SdkTypeKind.Constant ? new ConstantValueBound(value) : value;

    private BoundValue? BindOperand(ConditionNode node, Criterion criterion, ExpressionSite site, QueryScope? context)
    {
        switch (node)
        {
            case LiteralOperand literal:
                return literal.Kind switch
                {
                    LiteralKind.String => LiteralBound.String(literal.Value),
                    LiteralKind.Integer => new LiteralBound(LiteralSpelling.Integer, literal.Value, TypeRef.Long),
                    LiteralKind.Number => new LiteralBound(LiteralSpelling.Double, literal.Value, TypeRef.Double),
                    LiteralKind.Boolean => new LiteralBound(LiteralSpelling.Boolean, literal.Value, TypeRef.Boolean),
                    _ => null,
                };
            case ExpressionOperand expression:
                var typed = _expressions.Bind(expression.Expression, site);
                if (typed is null)
                {
                    return null;
                }

                return expression.Accessors.Count == 0 ? typed.Value : _expressions.Navigate(typed, expression.Accessors, expression.Span)?.Value;
            case PathOperand path:
                if (context is null)
                {
                    Fail(criterion, path.Span, "a JSONPath needs the criterion's 'context'");
                    return null;
                }

                return _expressions.Navigate(path.IsCurrentNode ? context.Current : context.Root, path.Segments, path.Span)?.Value;
            case QueryOperand query:
                // A query compared as a value (RFC 9535 compares singular queries): its one node, or nothing.
                return BindNodes(query, criterion, context) is { } selected ? new NodeValueBound(selected, Nullable(selected.Element)) : null;
            case FunctionCall call:
                return BindValueFunction(call, criterion, site, context);
            default:
                Fail(criterion, node.Span, $"'{Describe(node)}' is not a value");
                return null;
        }
    }

    private NodesBound? BindNodes(QueryOperand query, Criterion criterion, QueryScope? context)
    {
        if (context is null)
        {
            Fail(criterion, query.Span, "a JSONPath needs the criterion's 'context'");
            return null;
        }

        if (_queries.Bind(query.Query, context, out var error) is not { } bound)
        {
            if (error is not null)
            {
                Fail(criterion, query.Span, error);
            }

            return null;
        }

        return bound.Nodes;
    }

    /// <summary>An argument that must be a node list (count, value): a query, or a singular path as a list of its one node.</summary>
    private NodesBound? BindNodesArgument(ConditionNode argument, Criterion criterion, ExpressionSite site, QueryScope? context, string function)
    {
        switch (argument)
        {
            case QueryOperand query:
                return BindNodes(query, criterion, context);
            case PathOperand path:
                return BindOperand(path, criterion, site, context) is { } value ? _queries.Single(value, context!.Depth) : null;
            default:
                Fail(criterion, argument.Span, $"the argument of {function}() must be a query (RFC 9535: NodesType), such as @.items[*]");
                return null;
        }
    }

    private BoundValue? BindValueFunction(FunctionCall call, Criterion criterion, ExpressionSite site, QueryScope? context)
    {
        if (call.Arguments.Count != (call.Name is "match" or "search" ? 2 : 1))
        {
            Fail(criterion, call.Span, $"{call.Name}() takes {(call.Name is "match" or "search" ? "two arguments" : "one argument")}");
            return null;
        }

        switch (call.Name)
        {
            case "count":
                return BindNodesArgument(call.Arguments[0], criterion, site, context, "count") is { } counted ? new CountBound(counted) : null;
            case "value":
                return BindNodesArgument(call.Arguments[0], criterion, site, context, "value") is { } single ? new NodeValueBound(single, Nullable(single.Element)) : null;
            case "length":
                if (call.Arguments[0] is QueryOperand)
                {
                    Fail(criterion, call.Arguments[0].Span, "the argument of length() must be one value (a singular query, a literal or value(...)); count(...) counts nodes");
                    return null;
                }

                return BindOperand(call.Arguments[0], criterion, site, context) is { } measured ? new JsonPathLengthBound(measured) : null;
            default:
                Fail(criterion, call.Span, $"{call.Name}() is a test (LogicalType), not a value; use it on its own or with && and ||");
                return null;
        }
    }

    /// <summary>match() and search() with an I-Regexp (RFC 9485) literal, translated to .NET and compiled with a timeout.</summary>
    private BoundCondition? BindRegexFunction(FunctionCall call, Criterion criterion, ExpressionSite site, QueryScope? context)
    {
        if (call.Arguments.Count != 2)
        {
            return Fail(criterion, call.Span, $"{call.Name}() takes two arguments: a value and an I-Regexp string");
        }

        if (call.Arguments[1] is not LiteralOperand { Kind: LiteralKind.String } pattern)
        {
            return Fail(criterion, call.Arguments[1].Span, $"the pattern of {call.Name}() must be a string literal, so it is checked at build time");
        }

        var whole = call.Name == "match";
        var translated = IRegexp.ToDotNet(pattern.Value, whole, out var invalid);
        if (translated is null)
        {
            return Fail(criterion, pattern.Span, $"'{pattern.Value}' is not an I-Regexp (RFC 9485): {invalid}");
        }

        var value = BindOperand(call.Arguments[0], criterion, site, context);
        return value is null ? null : new JsonPathRegexCondition(RegexField(translated), whole, value);
    }

    private static TypeRef Nullable(TypeRef type) => type.IsValueType ? type with { Name = type.NullableName } : type;

    private static string Describe(ConditionNode node) => node.GetType().Name.Replace("Operand", string.Empty).Replace("Condition", string.Empty).ToLowerInvariant();

    private BoundCondition? Fail(Criterion criterion, SourceSpan span, string why)
    {
        Diagnostics.Add(DiagnosticDescriptors.UntranslatableCriterion, span, criterion.Condition.Value, why);
        return null;
    }
}
