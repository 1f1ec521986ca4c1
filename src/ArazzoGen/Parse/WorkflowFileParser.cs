using System;
using System.Text.RegularExpressions;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>The Parse stage's output for one file: the document (when it could be read) and what was wrong with it.</summary>
internal sealed record ParsedFile(string FilePath, ArazzoDocument? Document, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// The Parse stage: file text -> located <see cref="ArazzoDocument"/>. Only files whose root has an
/// <c>arazzo</c> field are Arazzo documents; anything else returns null and is ignored silently.
/// </summary>
internal static class WorkflowFileParser
{
    // Used only when the YAML cannot be read at all, to decide whether the broken file was meant as Arazzo.
    private static readonly Regex ArazzoMarker = new(@"^\s*[""']?arazzo[""']?\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static bool IsCandidatePath(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static ParsedFile? Parse(string filePath, string? text, CancellationToken cancellationToken) =>
        Parse(filePath, text, YamlLimits.Default, cancellationToken);

    public static ParsedFile? Parse(string filePath, string? text, YamlLimits limits, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return null;
        }

        var diagnostics = new DiagnosticBag(filePath);
        var root = YamlTreeReader.Read(text, diagnostics, limits, cancellationToken);
        if (root is null)
        {
            var looksLikeArazzo = text.Length <= limits.MaxCharacters ? ArazzoMarker.IsMatch(text) : text.IndexOf("arazzo", StringComparison.Ordinal) >= 0;
            return looksLikeArazzo ? new ParsedFile(filePath, null, diagnostics.ToEquatableArray()) : null;
        }

        if (root is not YamlMapping mapping || mapping["arazzo"] is null)
        {
            return null;
        }

        var document = DocumentParser.Parse(filePath, mapping, diagnostics);
        return new ParsedFile(filePath, document, diagnostics.ToEquatableArray());
    }
}
