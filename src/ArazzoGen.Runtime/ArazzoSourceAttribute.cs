namespace ArazzoGen;

/// <summary>
/// Binds an Arazzo source description to an AWS SDK client interface when the generator cannot
/// pick one by itself (no interface, or several, has all the operations the steps use).
/// </summary>
/// <example><code>[assembly: ArazzoSource("neptuneMlApi", typeof(IAmazonNeptunedata))]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ArazzoSourceAttribute : Attribute
{
    /// <summary>Binds the source description <paramref name="sourceName"/> to <paramref name="clientInterface"/>.</summary>
    /// <param name="sourceName">The <c>name</c> of the source description in the workflow document.</param>
    /// <param name="clientInterface">An interface deriving from <c>Amazon.Runtime.IAmazonService</c>.</param>
    public ArazzoSourceAttribute(string sourceName, Type clientInterface)
    {
        SourceName = sourceName;
        ClientInterface = clientInterface;
    }

    /// <summary>The source description's name.</summary>
    public string SourceName { get; }

    /// <summary>The client interface the source's operations are called on.</summary>
    public Type ClientInterface { get; }
}
