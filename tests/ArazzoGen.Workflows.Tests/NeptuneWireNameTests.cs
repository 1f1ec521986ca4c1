using Amazon.Neptunedata;
using Amazon.Neptunedata.Model;
using Document = Amazon.Runtime.Documents.Document;
using ArazzoGen.Runtime;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// workflows/neptune-data.arazzo.yaml on a fake Neptune client: wire names reach the SDK members they
/// mean, and JSON Pointers read the Documents the SDK leaves unmodelled.
/// </summary>
public class NeptuneWireNameTests
{
    private static Document Obj(params (string Key, Document Value)[] members) => new(members.ToDictionary(m => m.Key, m => m.Value));

    private static IAmazonNeptunedata Fake(Document loaderPayload)
    {
        var neptune = Substitute.For<IAmazonNeptunedata>();
        neptune.StartLoaderJobAsync(Arg.Any<StartLoaderJobRequest>(), Arg.Any<CancellationToken>())
            .Returns(new StartLoaderJobResponse { Payload = new() { ["loadId"] = "load-1" }, HttpStatusCode = System.Net.HttpStatusCode.OK });
        neptune.GetLoaderJobStatusAsync(Arg.Any<GetLoaderJobStatusRequest>(), Arg.Any<CancellationToken>())
            .Returns(new GetLoaderJobStatusResponse { Payload = loaderPayload, HttpStatusCode = System.Net.HttpStatusCode.OK });
        neptune.ExecuteGremlinQueryAsync(Arg.Any<ExecuteGremlinQueryRequest>(), Arg.Any<CancellationToken>())
            .Returns(new ExecuteGremlinQueryResponse { Result = Obj(("data", new Document(new List<Document> { 42 }))), HttpStatusCode = System.Net.HttpStatusCode.OK });
        neptune.ExecuteOpenCypherQueryAsync(Arg.Any<ExecuteOpenCypherQueryRequest>(), Arg.Any<CancellationToken>())
            .Returns(new ExecuteOpenCypherQueryResponse { Results = new Document(new List<Document> { Obj(("c", 42)) }), HttpStatusCode = System.Net.HttpStatusCode.OK });
        return neptune;
    }

    [Fact]
    public async Task Wire_names_reach_the_SDK_members_and_pointers_into_documents_are_read()
    {
        var neptune = Fake(Obj(("overallStatus", Obj(("status", "LOAD_COMPLETED"), ("totalRecords", 1200)))));
        var workflow = new NeptuneLoadAndQueryWorkflow(new NeptuneLoadAndQueryWorkflow.Clients(neptune));

        var outputs = await workflow.RunAsync(new NeptuneLoadAndQueryWorkflow.Inputs { Source = "s3://bucket/graph/", RoleArn = "arn:aws:iam::1:role/load" });

        await neptune.Received(1).StartLoaderJobAsync(
            Arg.Is<StartLoaderJobRequest>(r => r.Source == "s3://bucket/graph/" && r.Format == Format.Csv && r.S3BucketRegion == S3BucketRegion.UsEast1 && r.FailOnError == true && r.IamRoleArn == "arn:aws:iam::1:role/load"),
            Arg.Any<CancellationToken>());
        await neptune.Received(1).GetLoaderJobStatusAsync(Arg.Is<GetLoaderJobStatusRequest>(r => r.LoadId == "load-1"), Arg.Any<CancellationToken>());
        await neptune.Received(1).ExecuteGremlinQueryAsync(Arg.Is<ExecuteGremlinQueryRequest>(r => r.GremlinQuery == "g.V().count()"), Arg.Any<CancellationToken>());
        await neptune.Received(1).ExecuteOpenCypherQueryAsync(Arg.Is<ExecuteOpenCypherQueryRequest>(r => r.OpenCypherQuery == "MATCH (n) RETURN count(n) AS c"), Arg.Any<CancellationToken>());
        Assert.Equal(("LOAD_COMPLETED", "1200", "42", "42"), (outputs.Status, outputs.Records, outputs.GremlinCount, outputs.CypherCount));
    }

    [Fact]
    public async Task A_document_of_another_shape_fails_the_step_naming_the_member_and_the_pointer()
    {
        var neptune = Fake(Obj(("overallStatus", "LOAD_COMPLETED"))); // a string where an object is expected
        var workflow = new NeptuneLoadAndQueryWorkflow(new NeptuneLoadAndQueryWorkflow.Clients(neptune));

        var failure = await Assert.ThrowsAsync<WorkflowStepFailedException>(
            () => workflow.RunAsync(new NeptuneLoadAndQueryWorkflow.Inputs { Source = "s3://bucket/graph/", RoleArn = "arn:aws:iam::1:role/load" }));

        Assert.Equal("waitForLoad", failure.StepId);
        Assert.Contains("Payload does not have the shape /overallStatus/status expects", failure.ToString(), StringComparison.Ordinal);
    }
}
