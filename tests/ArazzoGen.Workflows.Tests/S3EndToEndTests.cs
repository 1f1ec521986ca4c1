using Amazon.S3;
using Amazon.S3.Model;
using ArazzoGen.Workflows.Tests.Infrastructure;
using ArazzoGen.Workflows.Tests.Workflows;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// A workflow written in the S3 API's names (workflows/s3-objects.arazzo.yaml) on the real
/// AWSSDK.S3 client over HTTP against s3rver: every request the SDK builds from the wire names has
/// to be right for s3rver to answer it.
/// </summary>
public class S3EndToEndTests : IClassFixture<S3rverFixture>
{
    private readonly S3rverFixture _s3;

    public S3EndToEndTests(S3rverFixture s3) => _s3 = s3;

    [Fact]
    public async Task Objects_are_written_inspected_copied_paged_through_and_deleted()
    {
        using var client = _s3.CreateClient();
        var bucket = "arazzo-" + Guid.NewGuid().ToString("N")[..12];
        var workflow = new S3ObjectsWorkflow(new S3ObjectsWorkflow.Clients(client));

        var outputs = await workflow.RunAsync(new S3ObjectsWorkflow.Inputs { Bucket = bucket, Body = "hello, s3" });

        Assert.False(string.IsNullOrEmpty(outputs.Etag));      // $response.header.ETag of PutObject
        Assert.Equal(outputs.Etag, outputs.HeadEtag);          // the same object, read back by HeadObject
        Assert.Equal(9L, outputs.Length);                      // Content-Length: the raw body's bytes
        Assert.Equal("copy.txt", outputs.LastListedKey);       // max-keys 1: a.txt, b.txt, then copy.txt on the third page
        Assert.Equal("a.txt", outputs.FirstDeleted);
        Assert.Equal(("deleteObjects", null), (outputs.EndStepId, outputs.EndActionName));

        var left = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Empty(left.S3Objects ?? []);
        var cors = await client.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = bucket });
        var rule = Assert.Single(cors.Configuration.Rules);
        Assert.Equal(["GET"], rule.AllowedMethods);   // CORSRule.AllowedMethod, the XML element names
        Assert.Equal(["*"], rule.AllowedOrigins);
        Assert.Equal(300, rule.MaxAgeSeconds);
    }

    [Fact]
    public async Task The_copy_has_the_source_objects_content()
    {
        using var client = _s3.CreateClient();
        var bucket = "arazzo-" + Guid.NewGuid().ToString("N")[..12];
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a.txt", ContentBody = "original" });
        var workflow = new CopyOnlyWorkflow(new CopyOnlyWorkflow.Clients(client));

        await workflow.RunAsync(new CopyOnlyWorkflow.Inputs { Source = $"/{bucket}/a.txt", Bucket = bucket });

        using var copy = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "copy of a.txt" });
        using var reader = new StreamReader(copy.ResponseStream);
        Assert.Equal("original", await reader.ReadToEndAsync());
    }
}
