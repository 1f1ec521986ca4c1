namespace ArazzoGen;

/// <summary>
/// Drops or renames a payload member a shared workflow writes but the AWS SDK request does not
/// have, without editing the workflow file. The generator reports an info diagnostic (ARZ1014)
/// wherever it applies, so the decision stays visible.
/// </summary>
/// <example><code>[assembly: ArazzoPayloadMember("neptuneMlApi", "createModelTrainingJob", "modelName", null)]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ArazzoPayloadMemberAttribute : Attribute
{
    /// <summary>Drops (<paramref name="replacement"/> null) or renames <paramref name="member"/> in the payload of <paramref name="operationId"/>.</summary>
    /// <param name="sourceName">The source description's name.</param>
    /// <param name="operationId">The operationId as the workflow writes it.</param>
    /// <param name="member">The payload key as the workflow writes it.</param>
    /// <param name="replacement">The request member to set instead, or null to drop the member.</param>
    public ArazzoPayloadMemberAttribute(string sourceName, string operationId, string member, string? replacement)
    {
        SourceName = sourceName;
        OperationId = operationId;
        Member = member;
        Replacement = replacement;
    }

    /// <summary>The source description's name.</summary>
    public string SourceName { get; }

    /// <summary>The operationId as written in the workflow.</summary>
    public string OperationId { get; }

    /// <summary>The payload key as written in the workflow.</summary>
    public string Member { get; }

    /// <summary>The request member to set instead, or null to drop it.</summary>
    public string? Replacement { get; }
}
