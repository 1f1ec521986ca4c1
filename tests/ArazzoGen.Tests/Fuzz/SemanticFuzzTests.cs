using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// Generates valid documents that combine what the semantics issue fixed (page loops, success on an
/// error status, dependsOn graphs, RFC 9535 queries), compiles each, and runs it against a fake
/// DynamoDB: every run must complete or fail with a WorkflowException (never another exception),
/// every page loop must ask for each page once, and every dependency must run once per run.
/// </summary>
public class SemanticFuzzTests
{
    private const int Cases = 40;

    private static readonly string[] Queries =
    {
        "$.TableNames[?@ == 'b']", "count($.TableNames[*]) == 2", "$.TableNames[-1]", "length($.TableNames) >= 1",
        "$[?count(@.TableNames[*]) > 0]", "$..TableNames", "value($.TableNames[0]) == 'a'", "count($.TableNames[0:5:2]) == 1",
        "$.TableNames[?match(@, '[ab]')]", "$.TableNames[?search(@, 'z')] || count($.TableNames[*]) > 1", "!$.TableNames[?@ == 'q']",
    };

    [Fact]
    public async Task Generated_workflows_compile_and_run_to_an_end_or_a_WorkflowException()
    {
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("ARAZZOGEN_FUZZ_SEED"), out var s) ? s : 1130);
        for (var i = 0; i < Cases; i++)
        {
            var (yaml, pages, dependencies) = Generate(random);
            var what = $"case {i}\n{yaml}";
            var (run, output) = SdkCompilation.Generate(new[] { ("/fuzz/case.arazzo.yaml", yaml) });
            Assert.True(!run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), what + "\n" + string.Join("\n", run.Diagnostics));
            using var image = new MemoryStream();
            var emitted = output.Emit(image);
            Assert.True(emitted.Success, what + "\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

            var fake = FakeDynamo.Create(pages);
            var assembly = Assembly.Load(image.ToArray());
            var last = assembly.GetTypes().Where(t => t.Name.StartsWith("Wf", StringComparison.Ordinal) && t.Name.EndsWith("Workflow", StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal).Last();
            var outcome = await RunAsync(last, (IAmazonDynamoDB)(object)fake);

            Assert.True(outcome is null or ArazzoGen.Runtime.WorkflowException, what + "\n" + outcome);
            // Each run of a page loop asks for pages 0..pages, each once: as many of each page as of the first.
            var scans = fake.Calls.Where(c => c.StartsWith("Scan", StringComparison.Ordinal)).ToList();
            var runs = scans.Count(c => c == "Scan 0");
            Assert.True(scans.Count == runs * (pages + 1) && Enumerable.Range(0, pages + 1).All(p => scans.Count(c => c == "Scan " + p) == runs), what + "\n" + string.Join("\n", scans));
            foreach (var dependency in dependencies)
            {
                Assert.True(fake.Calls.Count(c => c == "ListTables " + dependency) <= 1, $"{what}\n{dependency} ran more than once: {string.Join(", ", fake.Calls)}");
            }
        }
    }

    private static async Task<Exception?> RunAsync(Type workflowType, IAmazonDynamoDB client)
    {
        var clients = Activator.CreateInstance(workflowType.GetNestedType("Clients")!, client);
        var workflow = Activator.CreateInstance(workflowType, clients, null)!;
        var inputs = Activator.CreateInstance(workflowType.GetNestedType("Inputs")!)!;
        inputs.GetType().GetProperty("TableName")?.SetValue(inputs, "t");
        try
        {
            await (Task)workflowType.GetMethod("RunAsync", new[] { inputs.GetType(), typeof(CancellationToken) })!.Invoke(workflow, new[] { inputs, CancellationToken.None })!;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>A document of 1 to 4 workflows, each depending on some earlier ones, each of 1 to 3 steps.</summary>
    private static (string Yaml, int Pages, List<string> Dependencies) Generate(Random random)
    {
        var pages = random.Next(0, 4);
        var yaml = new StringBuilder("arazzo: 1.0.1\ninfo:\n  title: fuzz\n  version: 1.0.0\nsourceDescriptions:\n- name: dynamo\n  url: ./dynamodb.json\n  type: openapi\nworkflows:\n");
        var count = random.Next(1, 5);
        var dependedOn = new List<string>();
        for (var w = 0; w < count; w++)
        {
            var id = $"wf{w}";
            yaml.Append($"- workflowId: {id}\n  inputs:\n    type: object\n    required: [tableName]\n    properties:\n      tableName:\n        type: string\n");
            var dependencies = Enumerable.Range(0, w).Where(_ => random.Next(3) == 0).Select(d => $"wf{d}").ToList();
            if (dependencies.Count > 0)
            {
                yaml.Append($"  dependsOn: [{string.Join(", ", dependencies)}]\n");
                dependedOn.AddRange(dependencies);
            }

            yaml.Append("  steps:\n");
            // Each workflow lists tables first under its own name, so the calls say which workflow ran.
            yaml.Append($"  - stepId: list\n    operationId: ListTables\n    requestBody:\n      payload:\n        ExclusiveStartTableName: {id}\n");
            yaml.Append($"    successCriteria:\n    - context: $response.body\n      type: jsonpath\n      condition: \"{Queries[random.Next(Queries.Length)]}\"\n");
            for (var step = 0; step < random.Next(0, 3); step++)
            {
                yaml.Append(random.Next(2) == 0
                    ? $"  - stepId: scan{step}\n    operationId: Scan\n    requestBody:\n      payload:\n        TableName: $inputs.tableName\n        ExclusiveStartKey: $steps.scan{step}.outputs.next\n    outputs:\n      next: $response.body#/LastEvaluatedKey\n    onSuccess:\n    - name: more\n      type: goto\n      stepId: scan{step}\n      criteria:\n      - condition: $response.body#/LastEvaluatedKey != null\n"
                    : $"  - stepId: absent{step}\n    operationId: DescribeTable\n    requestBody:\n      payload:\n        TableName: $inputs.tableName\n    successCriteria:\n    - condition: $statusCode == {(random.Next(2) == 0 ? "400" : "200")}\n{(random.Next(2) == 0 ? "    - condition: $response.body#/__type == 'ResourceNotFoundException'\n" : string.Empty)}");
            }
        }

        return (yaml.ToString(), pages, dependedOn.Distinct().ToList());
    }

    /// <summary>DynamoDB that lists two tables, scans in pages, and has no table (ResourceNotFoundException).</summary>
    public class FakeDynamo : DispatchProxy
    {
        private int _pages;

        public ConcurrentQueue<string> Calls { get; } = new();

        public static FakeDynamo Create(int pages)
        {
            var proxy = Create<IAmazonDynamoDB, FakeDynamo>();
            var fake = (FakeDynamo)(object)proxy;
            fake._pages = pages;
            return fake;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method!.Name)
            {
                case "ListTablesAsync" when args![0] is ListTablesRequest list:
                    Calls.Enqueue("ListTables " + list.ExclusiveStartTableName);
                    return Task.FromResult(new ListTablesResponse { HttpStatusCode = System.Net.HttpStatusCode.OK, TableNames = new List<string> { "a", "b" } });
                case "ScanAsync" when args![0] is ScanRequest scan:
                    var page = scan.ExclusiveStartKey is { } key ? int.Parse(key["pk"].S, System.Globalization.CultureInfo.InvariantCulture) : 0;
                    Calls.Enqueue("Scan " + page);
                    return Task.FromResult(new ScanResponse
                    {
                        HttpStatusCode = System.Net.HttpStatusCode.OK,
                        Count = 1,
                        LastEvaluatedKey = page < _pages ? new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) } } : null,
                    });
                case "DescribeTableAsync":
                    Calls.Enqueue("DescribeTable");
                    return Task.FromException<DescribeTableResponse>(new ResourceNotFoundException("Requested resource not found") { StatusCode = System.Net.HttpStatusCode.BadRequest, ErrorCode = "ResourceNotFoundException" });
                case "Dispose":
                    return null;
                default:
                    throw new NotSupportedException(method.Name);
            }
        }
    }
}
