namespace ArazzoGen;

/// <summary>
/// Maps an operationId from a workflow to the SDK method that implements it, when the names
/// differ (Neptune ML's <c>createDataProcessingJob</c> is <c>StartMLDataProcessingJobAsync</c>).
/// </summary>
/// <example><code>[assembly: ArazzoOperation("neptuneMlApi", "createDataProcessingJob", nameof(IAmazonNeptunedata.StartMLDataProcessingJobAsync))]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ArazzoOperationAttribute : Attribute
{
    /// <summary>Maps <paramref name="operationId"/> of <paramref name="sourceName"/> to the SDK method <paramref name="methodName"/>.</summary>
    /// <param name="sourceName">The source description's name.</param>
    /// <param name="operationId">The operationId as the workflow writes it.</param>
    /// <param name="methodName">The client method, with or without the <c>Async</c> suffix.</param>
    public ArazzoOperationAttribute(string sourceName, string operationId, string methodName)
    {
        SourceName = sourceName;
        OperationId = operationId;
        MethodName = methodName;
    }

    /// <summary>The source description's name.</summary>
    public string SourceName { get; }

    /// <summary>The operationId as written in the workflow.</summary>
    public string OperationId { get; }

    /// <summary>The SDK method name.</summary>
    public string MethodName { get; }
}
