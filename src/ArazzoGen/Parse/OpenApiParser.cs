using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>
/// Reads the operations of an OpenAPI 3.0/3.1 document (YAML or JSON) with the same reader and limits
/// as Arazzo files. Any other file, or one that cannot be read, is null: it is not ours to report;
/// a step that needed it says so when its operation does not bind.
/// </summary>
internal static class OpenApiParser
{
    private static readonly Regex Marker = new(@"^\s*[""']?openapi[""']?\s*:|[""']openapi[""']\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    public static OpenApiDescription? Parse(string filePath, string? text, CancellationToken cancellationToken)
    {
        if (text is null || text.Length > YamlLimits.Default.MaxCharacters || !Marker.IsMatch(text))
        {
            return null;
        }

        var root = YamlTreeReader.Read(text, new DiagnosticBag(filePath), YamlLimits.Default, cancellationToken);
        if (root is not YamlMapping document || document["openapi"] is not YamlScalar || document["paths"] is not YamlMapping paths)
        {
            return null;
        }

        var operations = new List<OpenApiOperation>();
        foreach (var path in paths.Entries)
        {
            if (path.Value is not YamlMapping item)
            {
                continue;
            }

            foreach (var entry in item.Entries.Where(e => Methods.Contains(e.Key.Value)))
            {
                if (entry.Value is YamlMapping operation && operation["operationId"] is YamlScalar { Value.Length: > 0 } id)
                {
                    operations.Add(new OpenApiOperation(id.Value, entry.Key.Value.ToUpperInvariant(), path.Key.Value));
                }
            }
        }

        return new OpenApiDescription(filePath, operations.ToEquatableArray());
    }
}
