using System.Reflection;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// RFC 9535 as jsonpath criteria over typed objects: the examples of its section 1.5 (the
/// bookstore) and of its functions, each compiled by the generator into a workflow whose success
/// criterion is the query, then run against an object holding the RFC's example document. A
/// condition that should not hold is run too, so a criterion that is always true fails the test.
/// </summary>
public class JsonPathConformanceTests
{
    /// <summary>The RFC's example document as SDK-shaped types, and a client that returns it.</summary>
    private const string Bookstore = """
        namespace Bookstore
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Book
            {
                public string? Category { get; set; }
                public string? Author { get; set; }
                public string? Title { get; set; }
                public string? Isbn { get; set; }
                public double? Price { get; set; }
            }

            public sealed class Bicycle
            {
                public string? Color { get; set; }
                public double? Price { get; set; }
            }

            public sealed class Store
            {
                public List<Book>? Book { get; set; }
                public Bicycle? Bicycle { get; set; }
            }

            public sealed class GetStoreRequest : Amazon.Runtime.AmazonWebServiceRequest { }

            public sealed class GetStoreResponse : Amazon.Runtime.AmazonWebServiceResponse
            {
                public Store? Store { get; set; }
            }

            public interface IAmazonBookstore : Amazon.Runtime.IAmazonService
            {
                static Amazon.Runtime.ClientConfig Amazon.Runtime.IAmazonService.CreateDefaultClientConfig() => throw new System.NotSupportedException();

                static Amazon.Runtime.IAmazonService Amazon.Runtime.IAmazonService.CreateDefaultServiceClient(Amazon.Runtime.AWSCredentials credentials, Amazon.Runtime.ClientConfig config) => throw new System.NotSupportedException();

                Task<GetStoreResponse> GetStoreAsync(GetStoreRequest request, CancellationToken cancellationToken = default);
            }

            public sealed class RfcBookstore : IAmazonBookstore
            {
                public Amazon.Runtime.IClientConfig Config => null!;

                public Task<GetStoreResponse> GetStoreAsync(GetStoreRequest request, CancellationToken cancellationToken = default) =>
                    Task.FromResult(new GetStoreResponse
                    {
                        HttpStatusCode = System.Net.HttpStatusCode.OK,
                        Store = new Store
                        {
                            Book = new List<Book>
                            {
                                new() { Category = "reference", Author = "Nigel Rees", Title = "Sayings of the Century", Price = 8.95 },
                                new() { Category = "fiction", Author = "Evelyn Waugh", Title = "Sword of Honour", Price = 12.99 },
                                new() { Category = "fiction", Author = "Herman Melville", Title = "Moby Dick", Isbn = "0-553-21311-3", Price = 8.99 },
                                new() { Category = "fiction", Author = "J. R. R. Tolkien", Title = "The Lord of the Rings", Isbn = "0-395-19395-8", Price = 22.99 },
                            },
                            Bicycle = new Bicycle { Color = "red", Price = 399 },
                        },
                    });
            }
        }
        """;

    /// <summary>(the condition, what it means in the RFC, whether it holds on the example document).</summary>
    public static TheoryData<string, string, bool> Cases => new()
    {
        // RFC 9535, section 1.5, Table 2 (node counts).
        { "count($.store.book[*].author) == 4", "the authors of all books", true },
        { "count($..author) == 4", "all authors", true },
        { "count($.store.*) == 2", "all things in the store: books and a bicycle", true },
        { "count($.store..price) == 5", "the prices of everything", true },
        { "count($..book[2]) == 1", "the third book", true },
        { "value($..book[2].author) == 'Herman Melville'", "the third book's author", true },
        { "value($..book[-1].title) == 'The Lord of the Rings'", "the last book in order", true },
        { "count($..book[0,1]) == 2", "the first two books (union)", true },
        { "count($..book[:2]) == 2", "the first two books (slice)", true },
        { "count($..book[?@.isbn]) == 2", "all books with an ISBN", true },
        { "count($..book[?@.price<10]) == 2", "all books cheaper than 10", true },
        { "count($..*) == 27", "all member values and array elements", true },
        // Slices (2.3.4.2).
        { "count($.store.book[1:3]) == 2", "elements 1 and 2", true },
        { "count($.store.book[::-1]) == 4", "reverse order", true },
        { "value($.store.book[3:2:-1].author) == 'J. R. R. Tolkien'", "a negative step starts from the end", true },
        { "count($.store.book[::2]) == 2", "every other element", true },
        { "count($.store.book[-2:]) == 2", "the last two", true },
        { "count($.store.book[5:9]) == 0", "out of range selects nothing", true },
        // Filters: comparisons, logical operators, existence, absolute queries (2.3.5).
        { "count($.store.book[?@.price < 10 && @.category == 'fiction']) == 1", "&&", true },
        { "count($.store.book[?@.price > 20 || @.category == 'reference']) == 2", "||", true },
        { "count($.store.book[?!@.isbn]) == 2", "! of an existence test", true },
        { "count($.store.book[?!(@.price < 10)]) == 2", "! of a parenthesised comparison", true },
        { "count($.store.book[?@.price > $.store.bicycle.price]) == 0", "an absolute query inside a filter", true },
        { "count($.store.book[?@.isbn == @.isbn]) == 4", "Nothing == Nothing is true (2.3.5.2.2)", true },
        { "count($.store.book[?@.price < value($..bicycle.price)]) == 4", "value() of a query", true },
        // Functions (2.4.4 to 2.4.8).
        { "count($.store.book[?length(@.title) > 10]) == 3", "length() of a string", true },
        { "length($.store.book) == 4", "length() of an array", true },
        { "count($.store.book[?count(@.*) == 5]) == 2", "count() of the members that are present", true },
        { "count($.store.book[?match(@.author, 'Herman.*')]) == 1", "match() is a whole-string match", true },
        { "count($.store.book[?match(@.author, 'Tolk')]) == 0", "match() does not match a substring", true },
        { "count($.store.book[?search(@.author, 'Tolk')]) == 1", "search() matches a substring", true },
        { "count($.store.book[?match(@.title, 'Moby.Dick')]) == 1", "'.' is any character but a line break", true },
        { "count($.store.book[?match(@.price, '8.*')]) == 0", "match() of a number is false", true },
        { "value($..color) == 'red'", "value() of a descendant query", true },
        // Queries as tests.
        { "$.store.book[?@.price > 20]", "a non-empty node list holds", true },
        { "$[?@.store.bicycle.color == 'red']", "the workflows' filter form: @ is the context", true },
        { "$[?count(@.store.book[*]) == 4]", "a query from @ in that form (fuzz finding: @ was a lambda that did not exist)", true },
        { "$.store.bicycle.color == 'red'", "the workflows' path comparison", true },
        { "$.store.book.length == 4", "the workflows' .length", true },
        // And conditions that must not hold, so a criterion that is always true cannot pass.
        { "$.store.book[?@.price > 100]", "an empty node list does not hold", false },
        { "count($..author) == 5", "a wrong count", false },
        { "value($..book[*].author) == 'Nigel Rees'", "value() of several nodes is nothing", false },
        { "length($.store.bicycle.price) == 3", "length() of a number is nothing", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_example_compiles_and_holds_exactly_when_the_RFC_says(string condition, string meaning, bool holds)
    {
        var workflow = Compile(condition);

        var outcome = await workflow.Run();

        Assert.True(holds == outcome, $"{condition} ({meaning}) should {(holds ? string.Empty : "not ")}hold; the generated code says it does{(outcome ? string.Empty : " not")}\n{workflow.Source}");
    }

    [Theory]
    [InlineData("count($..book[2].publisher) == 0", "segment '.publisher' of '$..book[2].publisher' names no member of a Book object")]
    [InlineData("count($.store.book[?@.price]) == 0 && length($.store.book[*]) == 1", "the argument of length() must be one value")]
    [InlineData("count($.store.bicycle[-1]) == 0", "segment '[-1]' of '$.store.bicycle[-1]' indexes a Bicycle object, which is not a list")]
    [InlineData("count($.store.*.price) == 0", "segment '.price' of '$.store.*.price' cannot be typed: the nodes before it are of different types")]
    [InlineData("count($.store.book[?match(@.title, '(?=x)')]) == 0", "is not an I-Regexp (RFC 9485): '(?' groups")]
    [InlineData("count($.store.book[?nope(@.title)]) == 0", "'nope' is not a function")]
    public void What_cannot_be_typed_is_an_error_naming_the_segment_never_a_silent_true(string condition, string message)
    {
        var (run, _) = SdkCompilation.Generate(new[] { ("/w/bookstore.arazzo.yaml", Document(condition)) }, true, Bookstore);

        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(message, error.GetMessage());
        Assert.Empty(run.GeneratedTrees);
    }

    private static string Document(string condition) => $$"""
        arazzo: 1.0.1
        info:
          title: RFC 9535 examples
          version: 1.0.0
        sourceDescriptions:
        - name: bookstore
          url: ./bookstore.json
          type: openapi
        workflows:
        - workflowId: check
          steps:
          - stepId: read
            operationId: GetStore
            successCriteria:
            - context: $response.body
              type: jsonpath
              condition: "{{condition.Replace("\"", "\\\"")}}"
        """;

    private static CompiledWorkflow Compile(string condition)
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/bookstore.arazzo.yaml", Document(condition)) }, true, Bookstore);
        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        var source = Assert.Single(run.GeneratedTrees).ToString();
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics) + "\n" + source);
        return new CompiledWorkflow(Assembly.Load(image.ToArray()), source);
    }

    private sealed record CompiledWorkflow(Assembly Assembly, string Source)
    {
        /// <summary>True when the step's criterion held (the run completed), false when the step failed on it.</summary>
        public async Task<bool> Run()
        {
            var type = Assembly.GetTypes().Single(t => t.Name == "CheckWorkflow");
            var clients = Activator.CreateInstance(type.GetNestedType("Clients")!, Activator.CreateInstance(Assembly.GetType("Bookstore.RfcBookstore")!));
            var workflow = Activator.CreateInstance(type, clients, null)!;
            var inputs = Activator.CreateInstance(type.GetNestedType("Inputs")!);
            var run = (Task)type.GetMethod("RunAsync", new[] { inputs!.GetType(), typeof(CancellationToken) })!.Invoke(workflow, new[] { inputs, CancellationToken.None })!;
            try
            {
                await run;
                return true;
            }
            catch (ArazzoGen.Runtime.WorkflowStepFailedException ex) when (ex.Message.Contains("success criteria were not met", StringComparison.Ordinal))
            {
                return false;
            }
        }
    }
}
