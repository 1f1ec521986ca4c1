using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>
/// Which Step Functions integration runs an AWS operation: an optimised integration where Step
/// Functions has one (SageMaker jobs and hosting, DynamoDB items), else the AWS SDK integration
/// (<c>arn:aws:states:::aws-sdk:service:operation</c>); and how its errors are named.
/// </summary>
internal static class TaskResources
{
    /// <summary>SageMaker jobs a <c>.sync</c> task runs to completion: the create operation, the describe operation a workflow polls it with, and the member naming the job.</summary>
    private static readonly Dictionary<string, SyncJob> SyncJobs = new(StringComparer.Ordinal)
    {
        ["CreateTrainingJob"] = new("DescribeTrainingJob", "TrainingJobName"),
        ["CreateProcessingJob"] = new("DescribeProcessingJob", "ProcessingJobName"),
        ["CreateTransformJob"] = new("DescribeTransformJob", "TransformJobName"),
        ["CreateHyperParameterTuningJob"] = new("DescribeHyperParameterTuningJob", "HyperParameterTuningJobName"),
        ["CreateLabelingJob"] = new("DescribeLabelingJob", "LabelingJobName"),
    };

    private static readonly HashSet<string> OptimisedSageMaker = new(StringComparer.Ordinal)
    {
        "CreateModel", "CreateEndpointConfig", "CreateEndpoint", "UpdateEndpoint",
        "CreateTrainingJob", "CreateProcessingJob", "CreateTransformJob", "CreateHyperParameterTuningJob", "CreateLabelingJob",
    };

    private static readonly HashSet<string> OptimisedDynamoDb = new(StringComparer.Ordinal) { "GetItem", "PutItem", "DeleteItem", "UpdateItem" };

    /// <summary>The job a SageMaker create operation starts, when Step Functions can wait for it (<c>.sync</c>).</summary>
    public static SyncJob? SyncJobOf(ApiOperation api) =>
        api.ServiceId == "SageMaker" && SyncJobs.TryGetValue(api.Operation, out var job) ? job : null;

    /// <summary>The Task's <c>Resource</c> for <paramref name="api"/>; <paramref name="sync"/> waits for the job it starts.</summary>
    public static string Resource(ApiOperation api, bool sync = false)
    {
        var action = LowerCamel(api.Operation) + (sync ? ".sync" : string.Empty);
        return Optimised(api) is { } service
            ? $"arn:aws:states:::{service}:{action}"
            : $"arn:aws:states:::aws-sdk:{SdkServiceName(api.ServiceId)}:{action}";
    }

    /// <summary>
    /// The <c>Error</c> a Task reports for the service's error code: <c>Service.CodeException</c>,
    /// the service in PascalCase as the AWS SDK integrations spell it (DynamoDb, SageMaker, AcmPca)
    /// and the code with the Exception suffix Step Functions always adds.
    /// </summary>
    public static string ErrorName(ApiOperation api, string code)
    {
        var service = Optimised(api) switch
        {
            "sagemaker" => "SageMaker",
            "dynamodb" => "DynamoDB",
            _ => ErrorPrefix(api.ServiceId),
        };
        return service + "." + (code.EndsWith("Exception", StringComparison.Ordinal) ? code : code + "Exception");
    }

    /// <summary>A request member as Step Functions takes it: PascalCase, whatever the API's own case.</summary>
    public static string ParameterName(string member) => member.Length == 0 ? member : char.ToUpperInvariant(member[0]) + member.Substring(1);

    private static string? Optimised(ApiOperation api) => api.ServiceId switch
    {
        "SageMaker" when OptimisedSageMaker.Contains(api.Operation) => "sagemaker",
        "DynamoDB" when OptimisedDynamoDb.Contains(api.Operation) => "dynamodb",
        _ => null,
    };

    /// <summary>The service in an AWS SDK integration's resource: the service id, lower case, without spaces (<c>ACM PCA</c> is <c>acmpca</c>).</summary>
    private static string SdkServiceName(string serviceId) => new string(serviceId.Where(c => c != ' ' && c != '-').ToArray()).ToLowerInvariant();

    /// <summary>The service id in PascalCase words, an acronym as one capital (<c>DynamoDB</c> is <c>DynamoDb</c>, <c>ACM PCA</c> is <c>AcmPca</c>).</summary>
    private static string ErrorPrefix(string serviceId)
    {
        var result = new StringBuilder();
        foreach (var word in serviceId.Split(new[] { ' ', '-' }, StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i < word.Length; i++)
            {
                var c = word[i];
                var startsWord = i == 0 || (char.IsUpper(c) && (char.IsLower(word[i - 1]) || (i + 1 < word.Length && char.IsLower(word[i + 1]))));
                result.Append(startsWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            }
        }

        return result.ToString();
    }

    private static string LowerCamel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}

/// <param name="Describe">The operation a workflow polls the job with.</param>
/// <param name="NameMember">The request member naming the job, the same in the create and the describe request.</param>
internal sealed record SyncJob(string Describe, string NameMember);
