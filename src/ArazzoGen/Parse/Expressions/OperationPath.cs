using System;
using System.Linq;
using System.Text.RegularExpressions;

using ArazzoGen.Model;

namespace ArazzoGen.Parse.Expressions;

/// <summary>
/// An <c>operationPath</c>: <c>{$sourceDescriptions.name.url}#/paths/...</c>. AWS SDK clients are
/// called by operation, not by HTTP path; what ArazzoGen can read is the form AWS JSON-protocol
/// OpenAPI documents use, where every operation is <c>POST /#X-Amz-Target=Service.Operation</c>
/// (written <c>#/paths/~1#X-Amz-Target=SageMaker.CreateTrainingJob/post</c>, or percent-encoded).
/// </summary>
internal readonly struct OperationPath
{
    private const string TargetMarker = "X-Amz-Target=";

    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private static readonly Regex Form = new(@"^\{\$sourceDescriptions\.(?<source>[^.{}]+)\.url\}#(?<pointer>/.*)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private OperationPath(string? source, string? operation, string? httpMethod = null, string? httpPath = null)
    {
        Source = source;
        Operation = operation;
        HttpMethod = httpMethod;
        HttpPath = httpPath;
    }

    /// <summary>The source description named before the '#', or null when the path is not in that form.</summary>
    public string? Source { get; }

    /// <summary>The operation named by X-Amz-Target (the part after its last '.'), or null when the path names none.</summary>
    public string? Operation { get; }

    /// <summary>For a path that names no operation: the path item's method (upper case), when the pointer ends in one.</summary>
    public string? HttpMethod { get; }

    /// <summary>For a path that names no operation: the path item (<c>/{Bucket}/{Key+}</c>).</summary>
    public string? HttpPath { get; }

    /// <summary>The model's reference for a located operationPath: its parts split here, once.</summary>
    public static PathReference? ToReference(Located<string>? located)
    {
        if (located is null)
        {
            return null;
        }

        var path = Parse(located.Value);
        return new PathReference(located.Value, located.Span, path.Source, path.Operation, path.HttpMethod, path.HttpPath);
    }

    public static OperationPath Parse(string text)
    {
        var match = Form.Match(text);
        if (!match.Success)
        {
            return default;
        }

        string pointer;
        try
        {
            pointer = Uri.UnescapeDataString(match.Groups["pointer"].Value);
        }
        catch (UriFormatException)
        {
            return new OperationPath(match.Groups["source"].Value, null);
        }

        var tokens = pointer.Substring(1).Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
        var path = tokens.Length >= 2 && tokens[0] == "paths" ? tokens[1] : string.Empty;
        var at = path.IndexOf(TargetMarker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            var method = tokens.Length == 3 && HttpMethods.Contains(tokens[2].ToLowerInvariant()) ? tokens[2].ToUpperInvariant() : null;
            return new OperationPath(match.Groups["source"].Value, null, method, method is null || !path.StartsWith("/", StringComparison.Ordinal) ? null : path);
        }

        var target = path.Substring(at + TargetMarker.Length).Split('&')[0];
        var operation = target.Substring(target.LastIndexOf('.') + 1);
        return new OperationPath(match.Groups["source"].Value, operation.Length > 0 ? operation : null);
    }
}
