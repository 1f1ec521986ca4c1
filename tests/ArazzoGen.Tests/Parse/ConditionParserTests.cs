using ArazzoGen.Model;
using ArazzoGen.Parse.Conditions;
using ArazzoGen.Parse.Expressions;

namespace ArazzoGen.Tests.Parse;

public class ConditionParserTests
{
    private static ConditionNode Parse(string text, ConditionDialect dialect)
    {
        var node = ConditionParser.TryParse(text, new ScalarSpans(SourceSpan.Empty, exact: true), dialect, out var error);
        Assert.True(node is not null, error);
        return node!;
    }

    private static string Fail(string text, ConditionDialect dialect)
    {
        var node = ConditionParser.TryParse(text, new ScalarSpans(SourceSpan.Empty, exact: true), dialect, out var error);
        Assert.Null(node);
        return error!;
    }

    /// <summary>A compact rendering of the tree to assert structure and precedence.</summary>
    private static string Show(ConditionNode node) => node switch
    {
        BinaryCondition b => $"({Show(b.Left)} {b.Operator} {Show(b.Right)})",
        NotCondition n => $"!{Show(n.Operand)}",
        LiteralOperand l => $"{l.Kind}:{l.Value}",
        ExpressionOperand e => e.Expression.Text + string.Concat(e.Accessors.Select(Seg)),
        PathOperand p => (p.IsCurrentNode ? "@" : "$") + string.Concat(p.Segments.Select(Seg)),
        FilterCondition f => $"filter[{Show(f.Predicate)}]",
        _ => "?",
    };

    private static string Seg(PathSegment s) => s.Kind switch
    {
        PathSegmentKind.Member => "." + s.Name,
        PathSegmentKind.Index => $"[{s.Index}]",
        _ => ".#length",
    };

    [Theory]
    [InlineData("$statusCode == 200", "($statusCode Equal Integer:200)")]
    [InlineData("$statusCode >= 200 && $statusCode < 300", "(($statusCode GreaterOrEqual Integer:200) And ($statusCode Less Integer:300))")]
    [InlineData("$a.b == 1 || $statusCode == 2 && $statusCode != 3", "(($statusCode Equal Integer:1) Or (($statusCode Equal Integer:2) And ($statusCode NotEqual Integer:3)))")]
    [InlineData("!($statusCode == 404)", "!($statusCode Equal Integer:404)")]
    [InlineData("$response.body#/status == 'It''s done'", "($response.body#/status Equal String:It's done)")]
    [InlineData("$response.body#/status == \"Completed\"", "($response.body#/status Equal String:Completed)")]
    [InlineData("$steps.list.outputs.items[0].id != null", "($steps.list.outputs.items[0].id NotEqual Null:)")]
    [InlineData("$inputs.enabled", "$inputs.enabled")]
    [InlineData("$inputs.ratio <= -0.5", "($inputs.ratio LessOrEqual Number:-0.5)")]
    [InlineData("$response.body.productCodes != null", "($response.body.productCodes NotEqual Null:)")]
    [InlineData("$response.body.items[0].name == 'x'", "($response.body.items[0].name Equal String:x)")]
    public void Simple_conditions_follow_the_spec_operator_table(string text, string expected)
    {
        Assert.Equal(expected, Show(Parse(text.Replace("$a.b", "$statusCode"), ConditionDialect.Simple)));
    }

    [Theory]
    [InlineData("$.TrainingJobStatus == \"InProgress\"", "($.TrainingJobStatus Equal String:InProgress)")]
    [InlineData("$.TrainingJobStatus != \"Completed\" && $.TrainingJobStatus != \"InProgress\"", "(($.TrainingJobStatus NotEqual String:Completed) And ($.TrainingJobStatus NotEqual String:InProgress))")]
    [InlineData("$.TrainingJobSummaries.length > 0", "($.TrainingJobSummaries.#length Greater Integer:0)")]
    [InlineData("$.Items[0].name == 'a'", "($.Items[0].name Equal String:a)")]
    [InlineData("$['Table']['TableStatus'] == 'ACTIVE'", "($.Table.TableStatus Equal String:ACTIVE)")]
    [InlineData("$[?@.status == 'Completed']", "filter[(@.status Equal String:Completed)]")]
    [InlineData("$[?(@.a == 1 && @.b.length > 2)]", "filter[((@.a Equal Integer:1) And (@.b.#length Greater Integer:2))]")]
    public void JsonPath_conditions_accept_the_workflow_form_and_rfc9535_filters(string text, string expected)
    {
        Assert.Equal(expected, Show(Parse(text, ConditionDialect.JsonPath)));
    }

    [Theory]
    [InlineData("$statusCode = 200", "Simple", "use '=='")]
    [InlineData("$statusCode == ", "Simple", "ends where a value was expected")]
    [InlineData("$statusCode == 200)", "Simple", "unexpected ')'")]
    [InlineData("($statusCode == 200", "Simple", "missing ')'")]
    [InlineData("$status == 200", "Simple", "did you mean '$statusCode'")]
    [InlineData("$statusCode == Completed", "Simple", "quote strings")]
    [InlineData("$statusCode == 'open", "Simple", "never closed")]
    [InlineData("1 < $statusCode < 3", "Simple", "cannot be chained")]
    [InlineData("@.a == 1", "JsonPath", "only meaningful inside a filter")]
    [InlineData("$[?@.a == 1", "JsonPath", "missing ']'")]
    [InlineData("$.a[x] == 1", "JsonPath", "index")]
    public void Malformed_conditions_fail_with_a_reason(string text, string dialect, string reason)
    {
        Assert.Contains(reason, Fail(text, Enum.Parse<ConditionDialect>(dialect)));
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var text = new string('(', 5000) + "$statusCode == 1" + new string(')', 5000);

        Assert.Contains("nested more than", Fail(text, ConditionDialect.Simple));
        Assert.Contains("nested more than", Fail(new string('!', 5000) + "$.a", ConditionDialect.JsonPath));
    }
}
