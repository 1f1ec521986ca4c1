using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ArazzoGen.Bind.Aws;

/// <summary>
/// Finds the operation an OpenAPI path item means by the HTTP binding the AWS model gives it.
/// Public AWS OpenAPI documents write each operation's path as the model's request URI, with its
/// fixed query in the path key (<c>/{Bucket}?cors</c>, <c>/{Bucket}?list-type=2</c>) and often an
/// <c>x-id=Operation</c> to keep keys unique; labels may be renamed or lose their <c>+</c>.
/// </summary>
internal static class HttpBinding
{
    private static readonly Regex Label = new(@"\{[^}]*\}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static AwsOperation? Match(AwsApi api, string method, string pathKey)
    {
        var (path, query) = Split(pathKey);
        if (query.TryGetValue("x-id", out var named) && api.Operation(named) is { } byId && byId.Method == method)
        {
            return byId;
        }

        var shape = Shape(path);
        var candidates = api.Operations
            .Where(o => o.Method == method && Shape(o.Path) == shape)
            .Select(o => (Operation: o, Fixed: o.FixedQuery.ToList()))
            .Where(c => c.Fixed.All(f => query.TryGetValue(f.Name, out var value) && (f.Value.Length == 0 || value == f.Value)))
            .OrderByDescending(c => c.Fixed.Count)
            .ToList();

        // The most specific binding wins (GET /{Bucket}?list-type=2 is ListObjectsV2, not ListObjects); a tie is no answer.
        return candidates.Count == 1 || (candidates.Count > 1 && candidates[0].Fixed.Count > candidates[1].Fixed.Count) ? candidates[0].Operation : null;
    }

    /// <summary>"/{Bucket}/{Key+}" and "/{bucket}/{key}" are the same path: labels compared by position, not name.</summary>
    private static string Shape(string path) => Label.Replace(path.TrimEnd('/'), "{}");

    private static (string Path, Dictionary<string, string> Query) Split(string pathKey)
    {
        var at = pathKey.IndexOf('?');
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < 0)
        {
            return (pathKey, query);
        }

        foreach (var pair in pathKey.Substring(at + 1).Split('&').Where(p => p.Length > 0))
        {
            var parts = pair.Split(new[] { '=' }, 2);
            query[parts[0]] = parts.Length > 1 ? parts[1] : string.Empty;
        }

        return (pathKey.Substring(0, at), query);
    }
}
