using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

/// <summary>
/// What ArazzoGen reads of an OpenAPI document that is an AdditionalFile: each operation's
/// operationId and HTTP binding, so an operationId resolves to the AWS operation bound the same way.
/// </summary>
internal sealed record OpenApiDescription(string FilePath, EquatableArray<OpenApiOperation> Operations);

/// <summary>An operation of an OpenAPI document: its operationId, method (upper case) and path key as written.</summary>
internal sealed record OpenApiOperation(string OperationId, string Method, string Path);
