using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>
/// The errors a failure action's criteria select, as a Retry or Catch names them: any error
/// (<see cref="Any"/>, except the codes in <see cref="Except"/>), or the error codes in
/// <see cref="Codes"/>. Criteria on the error code and on <c>$statusCode</c> being an error
/// translate; criteria that read an error's body do not.
/// </summary>
internal sealed record ErrorMatch(bool Any, IReadOnlyList<string> Codes, IReadOnlyList<string> Except)
{
    private static readonly ErrorMatch AnyError = new(true, new string[0], new string[0]);

    public static ErrorMatch Of(IEnumerable<BoundCondition> criteria) => criteria.Aggregate(AnyError, (match, c) => match.And(Of(c)));

    private static ErrorMatch Of(BoundCondition condition)
    {
        switch (condition)
        {
            case LogicalCondition logical:
                return logical.IsAnd ? Of(logical.Left).And(Of(logical.Right)) : Of(logical.Left).Or(Of(logical.Right));
            case NotBoundCondition { Operand: CompareCondition { Operator: ConditionOperator.Equal } compare } when Code(compare) is { } code:
                return new ErrorMatch(true, new string[0], new[] { code });
            case CompareCondition { Operator: ConditionOperator.Equal } compare when Code(compare) is { } code:
                return new ErrorMatch(false, new[] { code }, new string[0]);
            case CompareCondition { Operator: ConditionOperator.NotEqual } compare when Code(compare) is { } code:
                return new ErrorMatch(true, new string[0], new[] { code });
            case CompareCondition compare when IsAnyErrorStatus(compare):
                return AnyError;
            default:
                throw new NotExpressibleException("a failure criterion other than the error code or an error $statusCode (a Retry or Catch selects errors by name)");
        }
    }

    private ErrorMatch And(ErrorMatch other) => (Any, other.Any) switch
    {
        (true, true) => new ErrorMatch(true, new string[0], Except.Union(other.Except).ToList()),
        (true, false) => new ErrorMatch(false, other.Codes.Except(Except).ToList(), new string[0]),
        (false, true) => new ErrorMatch(false, Codes.Except(other.Except).ToList(), new string[0]),
        _ => new ErrorMatch(false, Codes.Intersect(other.Codes).ToList(), new string[0]),
    };

    private ErrorMatch Or(ErrorMatch other) => (Any, other.Any) switch
    {
        (true, true) => new ErrorMatch(true, new string[0], Except.Intersect(other.Except).ToList()),
        (true, false) => new ErrorMatch(true, new string[0], Except.Except(other.Codes).ToList()),
        (false, true) => new ErrorMatch(true, new string[0], other.Except.Except(Codes).ToList()),
        _ => new ErrorMatch(false, Codes.Union(other.Codes).ToList(), new string[0]),
    };

    /// <summary>The error code a comparison names (<c>$response.body#/__type == 'X'</c> binds to the call's ErrorCode).</summary>
    private static string? Code(CompareCondition compare) =>
        (compare.Left, compare.Right) switch
        {
            (CallBound { Member: "ErrorCode" }, LiteralBound literal) => literal.Text,
            (LiteralBound literal, CallBound { Member: "ErrorCode" }) => literal.Text,
            _ => null,
        };

    /// <summary><c>$statusCode >= 400</c>, <c>> 399</c>, <c>!= 200</c> and the like: any failed call.</summary>
    private static bool IsAnyErrorStatus(CompareCondition compare)
    {
        if (compare.Left is not CallBound { Member: "StatusCode" } || compare.Right is not LiteralBound literal
            || !int.TryParse(literal.Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var status))
        {
            return false;
        }

        return compare.Operator switch
        {
            ConditionOperator.GreaterOrEqual => status is > 200 and <= 400,
            ConditionOperator.Greater => status is >= 200 and < 400,
            ConditionOperator.NotEqual => status == 200,
            _ => false,
        };
    }
}
