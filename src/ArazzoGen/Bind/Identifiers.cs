using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Bind;

/// <summary>Turns names from YAML into safe, unique C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary>"train-then-deploy" -> TrainThenDeploy, "2nd_step" -> _2ndStep, "" -> Unnamed.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder();
        var upperNext = true;
        foreach (var c in name)
        {
            if (!IsIdentifierChar(c))
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0)
        {
            return "Unnamed";
        }

        return char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary>camelCase, escaped with @ when it is a C# keyword.</summary>
    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        var camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
    }

    // Separators ('-', '_', '.', spaces, quotes...) start a new word; only letters and digits are kept.
    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) && c < 128;
}

/// <summary>Hands out identifiers unique within one scope (case-sensitive ids that collide after PascalCase get a suffix).</summary>
internal sealed class UniqueNames
{
    /// <summary>Members every generated class or record already has; a YAML name must not hide them.</summary>
    private static readonly string[] ObjectMembers = { "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize", "Deconstruct", "PrintMembers", "EqualityContract" };

    private readonly HashSet<string> _used;

    public UniqueNames(params string[] reserved)
    {
        _used = new HashSet<string>(reserved, System.StringComparer.Ordinal);
        _used.UnionWith(ObjectMembers);
    }

    public string Take(string candidate)
    {
        var name = candidate;
        for (var i = 2; !_used.Add(name); i++)
        {
            name = candidate + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
