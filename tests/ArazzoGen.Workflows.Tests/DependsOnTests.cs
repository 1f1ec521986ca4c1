using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;
using static ArazzoGen.Workflows.Tests.Infrastructure.Aws;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// dependsOn (workflows/depends-on.arazzo.yaml): the workflows a workflow depends on complete
/// before its first step, independent ones at the same time, each once per run, their outputs
/// readable as $workflows.id.outputs.name; a failed one fails the run naming it.
/// </summary>
public class DependsOnTests
{
    private readonly IAmazonDynamoDB _dynamo = Substitute.For<IAmazonDynamoDB>();
    private readonly List<string> _calls = new();

    public DependsOnTests()
    {
        _dynamo.ListTablesAsync(Arg.Any<ListTablesRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            Record("ListTables");
            return Ok(new ListTablesResponse { TableNames = new() { "features", "anomalies" } });
        });
        _dynamo.PutItemAsync(Arg.Any<PutItemRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            Record("PutItem");
            return Ok(new PutItemResponse());
        });
    }

    private void Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }

    private void TablesBecomeActiveAfter(int describes, string? failing = null) =>
        _dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var table = call.Arg<DescribeTableRequest>().TableName;
            int seen;
            lock (_calls)
            {
                _calls.Add("DescribeTable " + table);
                seen = _calls.Count(c => c == "DescribeTable " + table);
            }

            if (table == failing)
            {
                return Fail<DescribeTableResponse>(Error<ResourceNotFoundException>("ResourceNotFoundException"));
            }

            return Ok(new DescribeTableResponse { Table = new TableDescription { TableName = table, TableStatus = seen >= describes ? TableStatus.ACTIVE : TableStatus.CREATING } });
        });

    private static TrainOnPreparedDataWorkflow.Inputs Inputs => new() { FeaturesTable = "features", AnomaliesTable = "anomalies", RunId = "run-1" };

    [Fact]
    public async Task Independent_dependencies_run_at_the_same_time_and_the_shared_one_once_before_the_first_step()
    {
        TablesBecomeActiveAfter(2);
        var clock = new TestClock { AutoAdvance = false };
        var workflow = new TrainOnPreparedDataWorkflow(new TrainOnPreparedDataWorkflow.Clients(_dynamo), new WorkflowOptions { TimeProvider = clock });

        var run = workflow.RunAsync(Inputs);

        // Time has not moved, yet both preparations have made their first call: they overlap.
        await Eventually.True(() => _calls.Count(c => c.StartsWith("DescribeTable", StringComparison.Ordinal)) == 2, "the expected calls were not made");
        Assert.Equal("ListTables", Snapshot()[0]); // what both preparations depend on ran first, once
        Assert.Equal(new[] { "DescribeTable anomalies", "DescribeTable features", "ListTables" }, Snapshot().OrderBy(c => c, StringComparer.Ordinal));
        Assert.False(run.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        var outputs = await run;

        Assert.Equal(new[] { "ListTables", "DescribeTable features", "DescribeTable anomalies", "DescribeTable features", "DescribeTable anomalies", "PutItem" }.Order(), Snapshot().Order());
        Assert.Equal("PutItem", Snapshot()[^1]); // the step runs after every dependency
        Assert.Equal((TableStatus.ACTIVE, TableStatus.ACTIVE), (outputs.FeaturesStatus, outputs.AnomaliesStatus));
        Assert.Equal(new[] { "features", "anomalies" }, outputs.TableNames);
        await _dynamo.Received(1).ListTablesAsync(Arg.Any<ListTablesRequest>(), Arg.Any<CancellationToken>());
        await _dynamo.Received(1).PutItemAsync(Arg.Is<PutItemRequest>(r => r.Item["features"].S == "ACTIVE"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_dependency_fails_the_run_naming_it_after_cancelling_the_other_and_no_step_runs()
    {
        TablesBecomeActiveAfter(1000, failing: "anomalies");
        var clock = new TestClock { AutoAdvance = false };
        var workflow = new TrainOnPreparedDataWorkflow(new TrainOnPreparedDataWorkflow.Clients(_dynamo), new WorkflowOptions { TimeProvider = clock });

        var error = await Assert.ThrowsAsync<WorkflowDependencyFailedException>(() => workflow.RunAsync(Inputs));

        Assert.Equal(("train-on-prepared-data", "wait-for-anomalies"), (error.WorkflowId, error.DependencyWorkflowId));
        var inner = Assert.IsType<WorkflowStepFailedException>(error.InnerException);
        Assert.Equal(("describeAnomalies", "ResourceNotFoundException"), (inner.StepId, inner.ErrorCode));
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Contains("depends on workflow 'wait-for-anomalies', which failed", error.Message);
        // The features poll was waiting on the clock, which never moved: it was cancelled, not left running.
        Assert.Equal(1, Snapshot().Count(c => c == "DescribeTable features"));
        Assert.DoesNotContain("PutItem", Snapshot());
        Assert.IsType<TrainOnPreparedDataWorkflow.Outputs>(error.PartialOutputs);
    }

    [Fact]
    public async Task Cancelling_the_run_while_dependencies_wait_is_a_WorkflowCanceledException()
    {
        TablesBecomeActiveAfter(1000);
        using var cancel = new CancellationTokenSource();
        var workflow = new TrainOnPreparedDataWorkflow(new TrainOnPreparedDataWorkflow.Clients(_dynamo), new WorkflowOptions { TimeProvider = new TestClock { AutoAdvance = false } });

        var run = workflow.RunAsync(Inputs, cancel.Token);
        await Eventually.True(() => _calls.Count(c => c.StartsWith("DescribeTable", StringComparison.Ordinal)) == 2, "the expected calls were not made");
        cancel.Cancel();

        await Assert.ThrowsAsync<WorkflowCanceledException>(() => run);
        Assert.DoesNotContain("PutItem", Snapshot());
    }

    [Fact]
    public async Task A_dependency_run_on_its_own_runs_its_own_dependencies()
    {
        TablesBecomeActiveAfter(1);

        var outputs = await new WaitForFeaturesWorkflow(new WaitForFeaturesWorkflow.Clients(_dynamo)).RunAsync(new WaitForFeaturesWorkflow.Inputs { FeaturesTable = "features" });

        Assert.Equal(TableStatus.ACTIVE, outputs.FeaturesStatus);
        Assert.Equal(new[] { "ListTables", "DescribeTable features" }, Snapshot());
    }

    private List<string> Snapshot()
    {
        lock (_calls)
        {
            return _calls.ToList();
        }
    }
}
