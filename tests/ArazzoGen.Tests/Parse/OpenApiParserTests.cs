using ArazzoGen.Parse;

namespace ArazzoGen.Tests.Parse;

/// <summary>
/// OpenAPI documents among the AdditionalFiles are read with the Arazzo reader's limits: operations
/// come out of well-formed ones, and anything else (not OpenAPI, malformed, hostile) is null, never a crash.
/// </summary>
public class OpenApiParserTests
{
    [Fact]
    public void Operations_are_read_with_their_method_and_path_key()
    {
        var description = OpenApiParser.Parse("/o/api.yaml", """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /ml/dataprocessing:
                post: {operationId: createDataProcessingJob}
                parameters: []
              /{Bucket}?list-type=2:
                get: {operationId: ListObjectsV2}
              /no-id:
                get: {summary: nothing to bind}
            """, CancellationToken.None);

        Assert.NotNull(description);
        Assert.Equal(
            new[] { ("createDataProcessingJob", "POST", "/ml/dataprocessing"), ("ListObjectsV2", "GET", "/{Bucket}?list-type=2") },
            description!.Operations.Select(o => (o.OperationId, o.Method, o.Path)));
    }

    [Fact]
    public void A_JSON_document_is_read_too()
    {
        var description = OpenApiParser.Parse("/o/api.json", """{"openapi":"3.0.3","paths":{"/x":{"put":{"operationId":"PutX"}}}}""", CancellationToken.None);

        Assert.Equal("PutX", Assert.Single(description!.Operations).OperationId);
    }

    [Theory]
    [InlineData("arazzo: 1.0.1\ninfo: {}\n")]                                 // not OpenAPI
    [InlineData("openapi: 3.0.0\npaths: [1, 2]\n")]                         // paths not a mapping
    [InlineData("openapi: [3]\npaths: {}\n")]                               // openapi not a scalar
    [InlineData("openapi: 3.0.0\npaths:\n  /x: {get: {operationId: [a]}}\n")] // operationId not a scalar
    [InlineData("openapi: 3.0.0\npaths: {/x: \"unterminated\n")]             // not YAML
    [InlineData("a: &a [*a, *a]\nopenapi: 3.0.0\n")]                          // a recursive alias
    public void Anything_else_is_null_or_empty_and_never_throws(string text)
    {
        var description = OpenApiParser.Parse("/o/api.yaml", text, CancellationToken.None);

        Assert.True(description is null || description.Operations.Count == 0);
    }

    [Fact]
    public void An_alias_bomb_stays_within_the_readers_limits()
    {
        var bomb = "openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Join("\n", Enumerable.Range(0, 9).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]")) + "\npaths: {}\n";

        var description = OpenApiParser.Parse("/o/bomb.yaml", bomb, CancellationToken.None);

        Assert.True(description is null || description.Operations.Count == 0);
    }
}
