using ArazzoGen.Testing;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using Xunit.Abstractions;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// The failure contract under faults (issue 15), a few seeded runs per fault: every run either
/// completes with the data it wrote, or fails with a WorkflowException naming the step; a run that
/// failed at createTable although the table exists says so (an unanswered call, or "probably created
/// it"). The long version, 200 runs per fault, is the bench's <c>faults</c> command (docs/reliability.md).
/// </summary>
public sealed class FaultContractTests : IClassFixture<QuickDynaliteFixture>
{
    private readonly QuickDynaliteFixture _dynalite;
    private readonly ITestOutputHelper _output;

    public FaultContractTests(QuickDynaliteFixture dynalite, ITestOutputHelper output)
    {
        _dynalite = dynalite;
        _output = output;
    }

    [Theory]
    [InlineData(Fault.ResetBefore)]
    [InlineData(Fault.ResetAfter)]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.Unavailable)]
    [InlineData(Fault.Throttle)]
    [InlineData(Fault.StallAfter)]
    [InlineData(Fault.TruncatedAfter)]
    public async Task Every_run_under_a_fault_completes_with_its_data_or_fails_with_a_WorkflowException_that_says_what_may_exist(Fault fault)
    {
        var row = await FaultTrial.RunAsync(RunAsync, _dynalite.Port, fault, runs: 4);

        _output.WriteLine($"| {fault} | {row.Runs} | {row.Completed} | {row.Failed} | {row.CreatedButFailed} | {row.Anomalies.Count} | {row.AttemptsPerCall:0.00} | {row.Faulted} |");
        Assert.True(row.Anomalies.Count == 0, string.Join("\n", row.Anomalies));
        Assert.Equal(row.Runs, row.Completed + row.Failed);
        Assert.True(row.Faulted > 0, "no request was faulted: the trial measured nothing");
        Assert.True(row.LogicalCalls >= row.Runs * 2, $"{row.LogicalCalls} step calls counted for {row.Runs} runs");
    }

    private static async Task<string?> RunAsync(Amazon.DynamoDBv2.IAmazonDynamoDB client, ArazzoGen.Runtime.WorkflowOptions options, string table, string payload) =>
        (await new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(client), options)
            .RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = table, ItemId = "1", Payload = payload })).StoredPayload;
}
