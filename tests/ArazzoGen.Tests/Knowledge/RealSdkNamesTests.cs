using System.Reflection;
using ArazzoGen.Bind.Aws;

namespace ArazzoGen.Tests.Knowledge;

/// <summary>
/// The embedded AWS knowledge checked against the real AWS SDK for .NET packages: every operation
/// of S3, KMS and DynamoDB names an SDK method, and the members the API sends outside the body
/// (URI labels, query parameters, headers) name SDK properties.
/// </summary>
public class RealSdkNamesTests
{
    public static readonly TheoryData<string, Type> Services = new()
    {
        { "Amazon.S3", typeof(Amazon.S3.IAmazonS3) },
        { "Amazon.KeyManagementService", typeof(Amazon.KeyManagementService.IAmazonKeyManagementService) },
        { "Amazon.DynamoDBv2", typeof(Amazon.DynamoDBv2.IAmazonDynamoDB) },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_operation_of_the_model_names_a_method_of_the_SDK_client(string ns, Type client)
    {
        var api = AwsApiIndex.Shared.ForNamespace(ns);

        Assert.NotNull(api);
        var methods = client.GetMethods().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var missing = api!.Operations.Where(o => !methods.Contains(o.DotNetName + "Async")).ToList();
        Assert.Empty(missing.Where(o => !o.IsDeprecated).Select(o => o.Name));
        Assert.True(missing.Count <= 2, string.Join(", ", missing.Select(o => o.Name))); // S3's GetBucketLifecycle and PutBucketLifecycle, replaced by *Configuration
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Located_members_of_requests_name_a_property_of_the_SDK_request(string ns, Type client)
    {
        var api = AwsApiIndex.Shared.ForNamespace(ns)!;
        var unbound = new List<string>();
        var total = 0;
        foreach (var operation in api.Operations)
        {
            var method = client.GetMethods().FirstOrDefault(m => m.Name == operation.DotNetName + "Async" && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType.Name.EndsWith("Request", StringComparison.Ordinal));
            if (method is null)
            {
                continue; // a deprecated operation (above)
            }

            var request = method.GetParameters()[0].ParameterType;
            foreach (var member in api.Shape(operation.Input)?.Members.Where(m => m.Location is "uri" or "querystring" or "header") ?? [])
            {
                total++;
                if (request.GetProperty(member.DotNetName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null
                    && request.GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is null
                    && member.Name != "CopySource")
                {
                    unbound.Add($"{operation.Name}.{member.Name}");
                }
            }
        }

        // S3's hand-written requests keep some headers in a Headers collection (CacheControl, Content-MD5, ...)
        // or leave them out (checksums the SDK computes): those cannot be set as members, and binding says so (ARZ1005).
        var share = total == 0 ? 1.0 : 1.0 - ((double)unbound.Count / total);
        Assert.True(share >= (ns == "Amazon.S3" ? 0.93 : 1.0), $"{unbound.Count} of {total} located members have no SDK property: {string.Join(", ", unbound.Take(40))}");
    }

    [Fact]
    public void Every_service_of_the_models_is_in_the_index()
    {
        Assert.Equal(429, AwsApiIndex.Shared.ServiceCount);
        Assert.Equal("neptunedata", AwsApiIndex.Shared.ForNamespace("Amazon.Neptunedata")?.Name);
        Assert.Equal("sagemaker", AwsApiIndex.Shared.ForNamespace("Amazon.SageMaker")?.Name);
    }
}
