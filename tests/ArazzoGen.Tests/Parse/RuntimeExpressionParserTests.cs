using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;

namespace ArazzoGen.Tests.Parse;

public class RuntimeExpressionParserTests
{
    [Theory]
    [InlineData("$url", "Url", "", "")]
    [InlineData("$method", "Method", "", "")]
    [InlineData("$statusCode", "StatusCode", "", "")]
    [InlineData("$request.header.accept", "Request", "header|accept", "")]
    [InlineData("$request.query.queryUrl", "Request", "query|queryUrl", "")]
    [InlineData("$request.path.id", "Request", "path|id", "")]
    [InlineData("$request.body#/user/uuid", "Request", "body", "user|uuid")]
    [InlineData("$response.header.x-amzn-ErrorType", "Response", "header|x-amzn-ErrorType", "")]
    [InlineData("$response.body", "Response", "body", "")]
    [InlineData("$response.body#/TrainingJobSummaries/0/TrainingJobName", "Response", "body", "TrainingJobSummaries|0|TrainingJobName")]
    [InlineData("$response.body#/a~1b/c~0d", "Response", "body", "a/b|c~d")]
    [InlineData("$inputs.trainingJobName", "Inputs", "trainingJobName", "")]
    [InlineData("$outputs.status", "Outputs", "status", "")]
    [InlineData("$steps.poll.outputs.status", "Steps", "poll|outputs|status", "")]
    [InlineData("$steps.list.outputs.items#/0/id", "Steps", "list|outputs|items", "0|id")]
    [InlineData("$workflows.other.outputs.arn", "Workflows", "other|outputs|arn", "")]
    [InlineData("$workflows.other.inputs.name", "Workflows", "other|inputs|name", "")]
    [InlineData("$sourceDescriptions.api.CreateTable", "SourceDescriptions", "api|CreateTable", "")]
    [InlineData("$components.parameters.page", "Components", "parameters|page", "")]
    [InlineData("$components.inputs.shared", "Components", "inputs|shared", "")]
    public void Parses_every_form_of_the_grammar(string text, string root, string path, string pointer)
    {
        var expression = RuntimeExpressionParser.TryParse(text, SourceSpan.Empty, out var error);

        Assert.Null(error);
        Assert.NotNull(expression);
        Assert.Equal(Enum.Parse<ExpressionRoot>(root), expression!.Root);
        Assert.Equal(path, string.Join("|", expression.Path));
        Assert.Equal(pointer, string.Join("|", expression.Pointer));
        Assert.Equal(text.Contains('#'), expression.HasPointer);
    }

    [Theory]
    [InlineData("$response.body.TrainingJobStatus", "$response.body#/TrainingJobStatus", "TrainingJobStatus")]
    [InlineData("$response.body.data[0].id", "$response.body#/data/0/id", "data|0|id")]
    [InlineData("$request.body.items[2][0]", "$request.body#/items/2/0", "items|2|0")]
    public void A_body_read_with_dots_means_the_json_pointer_the_ABNF_writes(string text, string pointerForm, string pointer)
    {
        var expression = RuntimeExpressionParser.TryParse(text, SourceSpan.Empty, out var error);

        Assert.Null(error);
        Assert.True(expression!.FromDots);
        Assert.True(expression.HasPointer);
        Assert.Equal(pointer, string.Join("|", expression.Pointer));
        Assert.Equal(pointerForm, expression.PointerForm);
    }

    [Theory]
    [InlineData("$input.name", "did you mean '$inputs'")]
    [InlineData("$statusCode.x", "takes nothing after it")]
    [InlineData("$response.bdy", "expected header")]
    [InlineData("$response.header.bad header", "no spaces")]
    [InlineData("$steps.poll.status", "$steps.<stepId>.outputs.<name>")]
    [InlineData("$steps.poll", "$steps.<stepId>.outputs.<name>")]
    [InlineData("$workflows.w.results.x", "$workflows.<workflowId>.inputs")]
    [InlineData("$components.widgets.x", "$components.<inputs|parameters|successActions|failureActions>")]
    [InlineData("$inputs.", "expected a name")]
    [InlineData("$inputs.a..b", "empty")]
    [InlineData("$response.body#a", "must start with '/'")]
    [InlineData("$response.body#/a~2", "'~' not followed by 0 or 1")]
    [InlineData("$response.body.items[*].id", "a body is read through a JSON Pointer: write '$response.body#/<pointer>'")]
    [InlineData("$response.body.a..b", "a body is read through a JSON Pointer")]
    [InlineData("$response.headers.Location", "write '$response.header.Location' (header, singular)")]
    public void Rejects_malformed_expressions_with_a_reason(string text, string reason)
    {
        var expression = RuntimeExpressionParser.TryParse(text, SourceSpan.Empty, out var error);

        Assert.Null(expression);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("$inputs.x", true)]
    [InlineData("$5 off", false)]
    [InlineData("$", false)]
    [InlineData("price: $inputs.x", false)]
    [InlineData("$inputz.x", true)]
    public void Tells_expressions_from_strings_that_start_with_a_dollar(string text, bool expected)
    {
        Assert.Equal(expected, RuntimeExpressionParser.LooksLikeExpression(text));
    }

    [Theory]
    [InlineData("DescribeTable", null, "DescribeTable", false)]
    [InlineData("$sourceDescriptions.dynamo.DescribeTable", "dynamo", "DescribeTable", false)]
    [InlineData("$sourceDescriptions.other.flows.nightly", "other", "flows.nightly", false)]
    [InlineData("$sourceDescriptions.dynamo", null, "$sourceDescriptions.dynamo", true)]
    [InlineData("$steps.a.outputs.b", null, "$steps.a.outputs.b", true)]
    public void Qualified_names_split_into_source_and_name_or_say_what_is_wrong(string text, string? source, string name, bool malformed)
    {
        var parsed = QualifiedName.Parse(text);

        Assert.Equal((source, name, malformed), (parsed.Source, parsed.Name, parsed.Error is not null));
        Assert.Equal(text.StartsWith('$'), parsed.IsQualified);
    }
}
