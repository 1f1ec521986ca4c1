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

    // In JSON the key is quoted and may follow a brace on the same line.
    private static readonly Regex JsonArazzoMarker = new(@"[""']arazzo[""']\s*:", RegexOptions.CultureInvariant);

    // A // or /* comment at the start of a line, outside any string (JSON has neither).
    private static readonly Regex JsonComment = new(@"^[ \t]*(//|/\*)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// The compiler removes one byte order mark; another (a file saved twice with one) would be read
    /// as a character of the first key. Each is reported and dropped.
    /// </summary>
    private static string WithoutByteOrderMarks(string text, DiagnosticBag diagnostics)
    {
        var at = text.IndexOf('\uFEFF');
        if (at < 0)
        {
            return text;
        }

        diagnostics.Add(DiagnosticDescriptors.ByteOrderMark, SpanAt(text, at), at == 0 ? "at the start, after the one the compiler removed" : "inside the text");
        return text.Replace("\uFEFF", string.Empty);
    }

    /// <summary>The one-character span at <paramref name="index"/> of <paramref name="text"/>, with its line and column.</summary>
    private static SourceSpan SpanAt(string text, int index)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourceSpan(index, 1, line, index - lineStart, line, index - lineStart + 1);
    }

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
        text = WithoutByteOrderMarks(text, diagnostics);
        var root = YamlTreeReader.Read(text, diagnostics, limits, cancellationToken);
        if (root is YamlMapping { } mapping && mapping["arazzo"] is not null)
        {
            var document = DocumentParser.Parse(filePath, mapping, diagnostics);
            return new ParsedFile(filePath, document, diagnostics.ToEquatableArray());
        }

        // Not read as an Arazzo document. One that looks like one is reported (with the reading errors, if
        // any, and why); any other YAML or JSON file is not ours and stays silent.
        var isJson = filePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var marker = text.Length > limits.MaxCharacters ? Match.Empty : (isJson ? JsonArazzoMarker : ArazzoMarker).Match(text);
        if (!marker.Success && !(text.Length > limits.MaxCharacters && text.IndexOf("arazzo", StringComparison.Ordinal) >= 0))
        {
            return null;
        }

        var comment = isJson ? JsonComment.Match(text) : Match.Empty;
        if (comment.Success)
        {
            // The comment is the cause; what the YAML reader made of it would only mislead.
            var json = new DiagnosticBag(filePath);
            json.Add(DiagnosticDescriptors.LooksLikeArazzo, SpanAt(text, comment.Index), "JSON has no comments, and this .json file has one here (read as YAML, the comment became part of the document)");
            return new ParsedFile(filePath, null, json.ToEquatableArray());
        }
        else if (root is not null && marker.Success)
        {
            var at = marker.Index + marker.Value.Length - marker.Value.TrimStart().Length;
            diagnostics.Add(DiagnosticDescriptors.LooksLikeArazzo, SpanAt(text, at), "the 'arazzo' field is not at the root of the document (it must be a top-level key of a mapping)");
        }

        return new ParsedFile(filePath, null, diagnostics.ToEquatableArray());
    }
}
