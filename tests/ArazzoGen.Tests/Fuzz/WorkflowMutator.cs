using System.Text.RegularExpressions;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// Mangles a workflow document the ways hurried edits, broken tools and hostile authors do: values
/// swapped for hostile text or other types, lines deleted, duplicated, swapped or re-indented,
/// truncation, stray characters, ids renamed consistently to hostile names (so the document stays
/// valid and reaches code generation).
/// </summary>
internal sealed class WorkflowMutator
{
    private static readonly string[] Tokens =
    {
        "\"a \\\"quoted\\\" value\"", "'*/'", "'\"\"\"'", "\"back\\\\slash\"", "\"line\\n#error boom\"", "'</summary> & <remarks>'", "'{0} {1}'",
        "class", "event", "null", "~", "true", "-1", "0", "2147483648", "9999999999999999999", "1e308", "0.5", "''", "[]", "{}", "[1, two]",
        "{a: [b, {c: d}]}", "$steps.nope.outputs.x", "$inputs.nope", "$response.body#/Nope/0/Deeper", "$statusCode", "$response.header.x-amzn-RequestId",
        "'{$inputs.nope}-suffix'", "$url", "$request.body", "&anchor value", "*undefined", "!!binary aGVsbG8=", "'\\u2028 line separator'", "@reserved",
        "`backtick`", "|", ">-", "- item", "key: value", "\"\\t\\u0001\"", "'$'", "'${}'", "'{$'", "$components.parameters.nope", "$sourceDescriptions.nope.op",
    };

    private static readonly string[] HostileIds = { "class", "2nd-step", "a_b", "A-B", "status", "Status", "with space", "quote\"d", "ToString", "Run", "_", "é" };

    private readonly Random _random;

    public WorkflowMutator(int seed) => _random = new Random(seed);

    public (string Text, string Description) Mutate(string text)
    {
        var descriptions = new List<string>();
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var (mutated, what) = MutateOnce(text);
            text = mutated;
            descriptions.Add(what);
        }

        return (text, string.Join("; ", descriptions));
    }

    private (string, string) MutateOnce(string text)
    {
        var lines = text.Split('\n').ToList();
        var line = _random.Next(lines.Count);
        switch (_random.Next(10))
        {
            case 0 or 1:
                var match = Regex.Match(lines[line], @"^(\s*-?\s*[\w$.\-""']+:\s+)(\S.*)$");
                if (!match.Success)
                {
                    goto case 2;
                }

                var token = Tokens[_random.Next(Tokens.Length)];
                lines[line] = match.Groups[1].Value + token;
                return (string.Join("\n", lines), $"line {line + 1} value -> {token}");
            case 2:
                lines.RemoveAt(line);
                return (string.Join("\n", lines), $"line {line + 1} deleted");
            case 3:
                lines.Insert(line, lines[line]);
                return (string.Join("\n", lines), $"line {line + 1} duplicated");
            case 4 when line + 1 < lines.Count:
                (lines[line], lines[line + 1]) = (lines[line + 1], lines[line]);
                return (string.Join("\n", lines), $"lines {line + 1} and {line + 2} swapped");
            case 5:
                lines[line] = _random.Next(2) == 0 ? "  " + lines[line] : lines[line].Length > 1 ? lines[line].Substring(Math.Min(2, lines[line].Length)) : lines[line];
                return (string.Join("\n", lines), $"line {line + 1} re-indented");
            case 6:
                var cut = _random.Next(text.Length);
                return (text.Substring(0, cut), $"truncated at {cut}");
            case 7:
                var at = _random.Next(text.Length);
                var c = "{}[]:#&*!|>'\"%@`,?-\t\\"[_random.Next(21)];
                return (text.Insert(at, c.ToString()), $"'{c}' inserted at {at}");
            case 8:
                return _random.Next(2) == 0 ? RenameId(text) : RenameToTwin(text);
            default:
                var description = Regex.Match(lines[line], @"^(\s*(?:description|summary|title):\s+)(.*)$");
                if (!description.Success)
                {
                    return RenameId(text);
                }

                var hostile = Tokens[_random.Next(7)];
                lines[line] = description.Groups[1].Value + hostile;
                return (string.Join("\n", lines), $"line {line + 1} text -> {hostile}");
        }
    }

    /// <summary>Renames a stepId, output or input everywhere it is used, to a hostile but legal-looking name.</summary>
    private (string, string) RenameId(string text)
    {
        var ids = Ids(text);
        if (ids.Count == 0)
        {
            return (text, "nothing to rename");
        }

        var id = ids[_random.Next(ids.Count)];
        var replacement = HostileIds[_random.Next(HostileIds.Length)];
        var quoted = replacement.Any(ch => ch is ' ' or '"') ? "'" + replacement + "'" : replacement;
        var renamed = Regex.Replace(text, $@"(?<=[\s.:]){Regex.Escape(id)}(?=[\s.:#]|$)", m => m.Value == id ? quoted : m.Value, RegexOptions.Multiline);
        return (renamed, $"'{id}' renamed to '{replacement}'");
    }

    /// <summary>
    /// Renames one id to a twin of another: a name that differs only in case or punctuation
    /// (retry-x / retryX / retry_x / RetryX, a.b / aB), which YAML keeps apart and C# must too.
    /// </summary>
    private (string, string) RenameToTwin(string text)
    {
        var ids = Ids(text);
        if (ids.Count < 2)
        {
            return RenameId(text);
        }

        var model = ids[_random.Next(ids.Count)];
        var renamed = ids[_random.Next(ids.Count)];
        var twin = Twin(model);
        if (renamed == model || ids.Contains(twin))
        {
            return (text, "no twin to make");
        }

        var result = Regex.Replace(text, $@"(?<=[\s.:]){Regex.Escape(renamed)}(?=[\s.:#]|$)", m => m.Value == renamed ? twin : m.Value, RegexOptions.Multiline);
        return (result, $"'{renamed}' renamed to '{twin}', a twin of '{model}'");
    }

    private string Twin(string id)
    {
        var upper = id.IndexOfAny("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray(), 1);
        return _random.Next(4) switch
        {
            0 when upper > 0 => id.Substring(0, upper) + "-" + char.ToLowerInvariant(id[upper]) + id.Substring(upper + 1),
            1 when upper > 0 => id.Substring(0, upper) + "." + char.ToLowerInvariant(id[upper]) + id.Substring(upper + 1),
            2 when id.Contains('-') => id.Replace('-', '_'),
            _ => char.IsUpper(id[0]) ? char.ToLowerInvariant(id[0]) + id.Substring(1) : char.ToUpperInvariant(id[0]) + id.Substring(1),
        };
    }

    /// <summary>Step and workflow ids, action names, and output or input keys of the document.</summary>
    private static List<string> Ids(string text) =>
        Regex.Matches(text, @"(?:stepId|workflowId):\s+([\w\-]+)|^\s{4,8}([a-zA-Z]\w*):\s+\$|^\s*- name:\s+([\w\-]+)\s*$\n\s+type:\s+(?:goto|end|retry)", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)
            .Distinct()
            .ToList();
}
