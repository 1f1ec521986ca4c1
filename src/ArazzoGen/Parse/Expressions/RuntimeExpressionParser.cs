using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Parse.Expressions;

/// <summary>
/// Parses Arazzo 1.0.1 runtime expressions (the spec's ABNF): <c>$url</c>, <c>$method</c>,
/// <c>$statusCode</c>, <c>$request.</c>/<c>$response.</c> header/query/path/body (with JSON
/// Pointer), <c>$inputs</c>, <c>$outputs</c>, <c>$steps</c>, <c>$workflows</c>,
/// <c>$sourceDescriptions</c> and <c>$components</c>.
/// </summary>
internal static class RuntimeExpressionParser
{
    private static readonly (string Name, ExpressionRoot Root)[] Roots =
    {
        ("url", ExpressionRoot.Url),
        ("method", ExpressionRoot.Method),
        ("statusCode", ExpressionRoot.StatusCode),
        ("request", ExpressionRoot.Request),
        ("response", ExpressionRoot.Response),
        ("inputs", ExpressionRoot.Inputs),
        ("outputs", ExpressionRoot.Outputs),
        ("steps", ExpressionRoot.Steps),
        ("workflows", ExpressionRoot.Workflows),
        ("sourceDescriptions", ExpressionRoot.SourceDescriptions),
        ("components", ExpressionRoot.Components),
    };

    public static readonly string[] ComponentKinds = { "inputs", "parameters", "successActions", "failureActions" };

    /// <summary>
    /// True when <paramref name="text"/> is meant as an expression: a <c>$</c> followed by a
    /// letter and no white space. "$5 off" stays a string; "$input.x" is a (broken) expression.
    /// </summary>
    public static bool LooksLikeExpression(string text) =>
        text.Length > 1 && text[0] == '$' && char.IsLetter(text[1]) && !text.Any(char.IsWhiteSpace);

    public static RuntimeExpression? TryParse(string text, SourceSpan span, out string? error)
    {
        error = null;
        if (text.Length == 0 || text[0] != '$')
        {
            error = "an expression starts with '$'";
            return null;
        }

        if (text.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
        {
            error = "an expression contains no spaces or braces";
            return null;
        }

        var rootEnd = IndexOfAny(text, 1, '.', '#');
        var rootName = text.Substring(1, rootEnd - 1);
        (string Name, ExpressionRoot Root) root = default;
        foreach (var known in Roots)
        {
            if (known.Name == rootName)
            {
                root = known;
                break;
            }
        }

        if (root.Name is null && rootName is "message" or "self")
        {
            // Arazzo 1.1's: valid, and not compiled (ArazzoGen calls AWS SDK operations, and writes no URIs of documents into code).
            error = rootName == "message"
                ? "'$message' reads an AsyncAPI message (Arazzo 1.1); ArazzoGen compiles calls to AWS SDK operations, which have no messages"
                : "'$self' (Arazzo 1.1: the document's own URI) is not compiled by ArazzoGen; write the URI where it is needed";
            return null;
        }

        if (root.Name is null)
        {
            var suggestion = NameSuggester.Suggest(rootName, Roots.Select(r => r.Name));
            error = $"'${rootName}' is not an expression source" + (suggestion is null ? $"; expected one of {string.Join(", ", Roots.Select(r => "$" + r.Name))}" : $"; did you mean '${suggestion}'?");
            return null;
        }

        var rest = text.Substring(rootEnd);
        switch (root.Root)
        {
            case ExpressionRoot.Url or ExpressionRoot.Method or ExpressionRoot.StatusCode:
                if (rest.Length != 0)
                {
                    error = $"'${rootName}' takes nothing after it";
                    return null;
                }

                return new RuntimeExpression(root.Root, EquatableArray<string>.Empty, false, EquatableArray<string>.Empty, text, span);
            case ExpressionRoot.Request or ExpressionRoot.Response:
                return ParseMessage(root.Root, rest, text, span, out error);
            default:
                return ParseNamed(root.Root, rest, text, span, out error);
        }
    }

    private static RuntimeExpression? ParseMessage(ExpressionRoot root, string rest, string text, SourceSpan span, out string? error)
    {
        error = null;
        const string expected = "expected header.<name>, query.<name>, path.<name> or body[#/pointer] after it";
        if (!rest.StartsWith(".", StringComparison.Ordinal))
        {
            error = expected;
            return null;
        }

        var source = rest.Substring(1);
        if (source == "body" || source.StartsWith("body#", StringComparison.Ordinal))
        {
            var pointer = source.Length > 4 ? ParsePointer(source.Substring(5), out error) : null;
            if (error is not null)
            {
                return null;
            }

            return new RuntimeExpression(root, EquatableArray.Create("body"), pointer is not null, pointer ?? EquatableArray<string>.Empty, text, span);
        }

        if (source.StartsWith("body.", StringComparison.Ordinal) && source.Length > 5)
        {
            // '$response.body.data[0].id': the ABNF has a JSON Pointer there, but other tools, and the
            // 1.1 spec's own examples, write members this way; read as the pointer it means (ValueParser warns).
            var tokens = DottedTokens(source.Substring(5));
            if (tokens is null)
            {
                error = $"a body is read through a JSON Pointer: write '{text.Substring(0, text.Length - source.Length)}body#/<pointer>'";
                return null;
            }

            return new RuntimeExpression(root, EquatableArray.Create("body"), true, tokens.Value, text, span) { FromDots = true };
        }

        if (source.StartsWith("headers.", StringComparison.Ordinal) && source.Length > 8)
        {
            error = $"write '{text.Substring(0, text.Length - source.Length)}header.{source.Substring(8)}' (header, singular)";
            return null;
        }

        foreach (var kind in new[] { "header", "query", "path" })
        {
            if (source.StartsWith(kind + ".", StringComparison.Ordinal) && source.Length > kind.Length + 1)
            {
                var name = source.Substring(kind.Length + 1);
                if (kind == "header" && !name.All(IsTokenChar))
                {
                    error = $"'{name}' is not a valid header name";
                    return null;
                }

                return new RuntimeExpression(root, EquatableArray.Create(kind, name), false, EquatableArray<string>.Empty, text, span);
            }
        }

        error = expected;
        return null;
    }

    private static RuntimeExpression? ParseNamed(ExpressionRoot root, string rest, string text, SourceSpan span, out string? error)
    {
        error = null;
        var hash = rest.IndexOf('#');
        var dotted = hash >= 0 ? rest.Substring(0, hash) : rest;
        EquatableArray<string>? pointer = null;
        if (hash >= 0)
        {
            pointer = ParsePointer(rest.Substring(hash + 1), out error);
            if (error is not null)
            {
                return null;
            }
        }

        if (!dotted.StartsWith(".", StringComparison.Ordinal) || dotted.Length == 1)
        {
            error = $"expected a name after '{text.Substring(0, text.Length - rest.Length)}.'";
            return null;
        }

        var segments = dotted.Substring(1).Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            error = "a name between dots is empty";
            return null;
        }

        error = root switch
        {
            ExpressionRoot.Steps when segments.Length < 3 || segments[1] != "outputs" => "expected $steps.<stepId>.outputs.<name>",
            ExpressionRoot.Workflows when segments.Length < 3 || segments[1] is not ("inputs" or "outputs") => "expected $workflows.<workflowId>.inputs.<name> or $workflows.<workflowId>.outputs.<name>",
            ExpressionRoot.Components when segments.Length < 2 || !ComponentKinds.Contains(segments[0]) => $"expected $components.<{string.Join("|", ComponentKinds)}>.<name>",
            _ => null,
        };
        if (error is not null)
        {
            return null;
        }

        return new RuntimeExpression(root, segments.ToEquatableArray(), pointer is not null, pointer ?? EquatableArray<string>.Empty, text, span);
    }

    /// <summary>Members and indexes written with dots and brackets (<c>data[0].id</c>) as pointer tokens; null when something else is written.</summary>
    private static EquatableArray<string>? DottedTokens(string path)
    {
        var tokens = new List<string>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part.Substring(0, bracket);
            if (name.Length == 0 && bracket != 0 || name.Any(c => c is '[' or ']' or '#' or '/' or '*' or '\'' or '"'))
            {
                return null;
            }

            if (name.Length > 0)
            {
                tokens.Add(name);
            }

            for (var at = bracket < 0 ? part.Length : bracket; at < part.Length;)
            {
                var close = part.IndexOf(']', at);
                if (part[at] != '[' || close < at + 2)
                {
                    return null;
                }

                var index = part.Substring(at + 1, close - at - 1);
                if (!index.All(char.IsDigit))
                {
                    return null;
                }

                tokens.Add(index);
                at = close + 1;
            }
        }

        return tokens.Count == 0 ? null : tokens.ToEquatableArray();
    }

    /// <summary>RFC 6901: "" (the whole document) or "/"-separated tokens with ~0 and ~1 escapes.</summary>
    private static EquatableArray<string>? ParsePointer(string pointer, out string? error)
    {
        error = null;
        if (pointer.Length == 0)
        {
            return EquatableArray<string>.Empty;
        }

        if (pointer[0] != '/')
        {
            error = $"JSON Pointer '{pointer}' must start with '/'";
            return null;
        }

        var tokens = new List<string>();
        foreach (var raw in pointer.Substring(1).Split('/'))
        {
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '~' && (i + 1 >= raw.Length || raw[i + 1] is not ('0' or '1')))
                {
                    error = $"JSON Pointer '{pointer}' has '~' not followed by 0 or 1";
                    return null;
                }
            }

            tokens.Add(raw.Replace("~1", "/").Replace("~0", "~"));
        }

        return tokens.ToEquatableArray();
    }

    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static int IndexOfAny(string text, int start, params char[] chars)
    {
        var index = text.IndexOfAny(chars, start);
        return index < 0 ? text.Length : index;
    }
}
