using System;
using System.Collections.Generic;
using System.Linq;

namespace ArazzoGen.Bind.Aws;

/// <summary>
/// One AWS service as its model describes it on the wire (from the botocore models, see
/// tools/AwsKnowledge): operations with their HTTP binding, and the shapes whose members have a
/// location, a wire name or a .NET name of their own. Shapes not listed have nothing to say.
/// </summary>
internal sealed class AwsApi
{
    private readonly Dictionary<string, AwsOperation> _operations;
    private readonly Dictionary<string, AwsOperation> _byDotNetName;
    private readonly Dictionary<string, AwsShape> _shapes;

    public AwsApi(string name, string serviceId, string protocol, IEnumerable<AwsOperation> operations, IEnumerable<AwsShape> shapes)
    {
        Name = name;
        ServiceId = serviceId;
        Protocol = protocol;
        _operations = new Dictionary<string, AwsOperation>(StringComparer.OrdinalIgnoreCase);
        _byDotNetName = new Dictionary<string, AwsOperation>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            _operations[operation.Name] = operation;
            if (!operation.IsDeprecated || !_byDotNetName.ContainsKey(operation.DotNetName))
            {
                _byDotNetName[operation.DotNetName] = operation; // the current operation of a method, not the one it replaced
            }
        }

        _shapes = shapes.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The botocore folder name (s3, kms, neptunedata).</summary>
    public string Name { get; }

    public string ServiceId { get; }

    public string Protocol { get; }

    public IEnumerable<AwsOperation> Operations => _operations.Values;

    /// <summary>An operation by its API name, case-insensitively (S3 <c>HeadObject</c>, Neptune <c>ExecuteGremlinQuery</c>).</summary>
    public AwsOperation? Operation(string name) => _operations.TryGetValue(name, out var found) ? found : null;

    /// <summary>The operation the SDK's method <c>{name}Async</c> calls.</summary>
    public AwsOperation? OperationForMethod(string dotNetName) => _byDotNetName.TryGetValue(dotNetName, out var found) ? found : null;

    public AwsShape? Shape(string? name) => name is not null && _shapes.TryGetValue(name, out var found) ? found : null;
}

/// <summary>An operation: its API name, HTTP binding and the name of the SDK method that calls it.</summary>
/// <remarks>A deprecated operation may have no SDK method, or share one with its successor (S3 GetBucketNotification).</remarks>
internal sealed record AwsOperation(string Name, string Method, string RequestUri, string? Input, string? Output, string DotNetName, bool IsDeprecated)
{
    /// <summary>The request URI's path, without the query part (<c>/{Bucket}?cors</c> is <c>/{Bucket}</c>).</summary>
    public string Path => RequestUri.Split('?')[0];

    /// <summary>The query part's fixed parameters: <c>?list-type=2</c> is (list-type, 2); <c>?cors</c> is (cors, "").</summary>
    public IEnumerable<(string Name, string Value)> FixedQuery =>
        RequestUri.IndexOf('?') is var at and >= 0
            ? RequestUri.Substring(at + 1).Split('&').Where(p => p.Length > 0).Select(p => p.Split(new[] { '=' }, 2)).Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty))
            : Enumerable.Empty<(string, string)>();
}

internal enum AwsShapeKind
{
    Structure,
    List,
    Map,
}

/// <summary>A structure with members worth knowing, or a list or map leading to one (or naming its XML elements).</summary>
internal sealed record AwsShape(string Name, AwsShapeKind Kind, IReadOnlyList<AwsMember> Members, string? Element, string? ElementWireName, bool Flattened)
{
    /// <summary>The member a name written in a workflow means: its model name or its wire name, case-insensitively.</summary>
    public AwsMember? FindMember(string name) =>
        Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
        ?? Members.FirstOrDefault(m => string.Equals(m.WireName, name, StringComparison.Ordinal))
        ?? Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? Members.FirstOrDefault(m => string.Equals(m.WireName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The member bound to <paramref name="location"/> (uri, querystring, header) under the wire name <paramref name="name"/>.</summary>
    /// <remarks>A greedy URI label is written as in the request URI too (<c>Key+</c> for <c>{Key+}</c>); header names are case-insensitive.</remarks>
    public AwsMember? AtLocation(string location, string name)
    {
        var wire = location == "uri" ? name.TrimEnd('+') : name;
        return Members.FirstOrDefault(m => m.Location == location && string.Equals(m.WireName, wire, location == "header" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
    }

    /// <summary>The member the SDK property <paramref name="property"/> holds.</summary>
    public AwsMember? ForProperty(string property) =>
        Members.FirstOrDefault(m => string.Equals(m.DotNetName, property, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A structure member: its model name, the shape it holds (when that shape is listed), where it
/// travels (<c>uri</c>, <c>querystring</c>, <c>header</c>, <c>headers</c>, <c>statusCode</c>, or the body),
/// its name there, and the SDK property that holds it. <see cref="IsIdempotencyToken"/>: the service
/// recognises a repeated request by it (<c>ClientToken</c>, <c>ClientRequestToken</c>).
/// </summary>
internal sealed record AwsMember(string Name, string? Target, string? Location, string WireName, bool IsPayload, bool IsStreaming, string? DotNetNameOverride, bool IsIdempotencyToken = false)
{
    /// <summary>The SDK property: the model name unless the SDK renamed it.</summary>
    public string DotNetName => DotNetNameOverride is null or InlinedMarker ? Name : DotNetNameOverride;

    /// <summary>True when the SDK has no property for this member and holds its members itself (S3 DeleteObjects' Delete).</summary>
    public bool IsInlined => DotNetNameOverride == InlinedMarker;

    public bool IsInBody => Location is null;

    /// <summary>
    /// The SDK property among <paramref name="properties"/> that holds this member: under its .NET
    /// name, else under its model name (S3 renames a member in most requests but not all of them).
    /// </summary>
    public Microsoft.CodeAnalysis.IPropertySymbol? PropertyIn(IReadOnlyList<Microsoft.CodeAnalysis.IPropertySymbol> properties) =>
        SdkTypes.FindProperty(properties, DotNetName) ?? (DotNetName == Name ? null : SdkTypes.FindProperty(properties, Name));

    private const string InlinedMarker = "^";
}
