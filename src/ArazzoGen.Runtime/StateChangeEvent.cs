using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>
/// Reads the resource an AWS state-change event is about, from the event's JSON as EventBridge
/// delivers it to an SQS queue (the event itself) or through SNS (a notification whose Message is the event).
/// </summary>
internal static class StateChangeEvent
{
    /// <summary>The events polls can wait on, by detail-type, with the detail member that names the resource.</summary>
    /// <remarks>
    /// docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html; the generator
    /// binds the Describe operations of the same resources to these detail-types.
    /// </remarks>
    public static readonly IReadOnlyDictionary<string, string> NameMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SageMaker Training Job State Change"] = "TrainingJobName",
        ["SageMaker Processing Job State Change"] = "ProcessingJobName",
        ["SageMaker Transform Job State Change"] = "TransformJobName",
        ["SageMaker HyperParameter Tuning Job State Change"] = "HyperParameterTuningJobName",
        ["SageMaker Endpoint State Change"] = "EndpointName",
    };

    public static bool TryParse(string json, out string detailType, out string resourceName)
    {
        (detailType, resourceName) = (string.Empty, string.Empty);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && Text(root, "Type") == "Notification"
                && Text(root, "Message") is { } wrapped)
            {
                return TryParse(wrapped, out detailType, out resourceName);
            }

            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "detail-type") is not { } type
                || !NameMembers.TryGetValue(type, out var member)
                || !root.TryGetProperty("detail", out var detail)
                || detail.ValueKind != JsonValueKind.Object
                || Text(detail, member) is not { Length: > 0 } name)
            {
                return false;
            }

            (detailType, resourceName) = (type, name);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
