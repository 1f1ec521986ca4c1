using System.Globalization;
using ArazzoGen.Bind.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Emit;

/// <summary>C# literals for values from YAML: escaped by Roslyn itself, numbers in invariant culture.</summary>
internal static class CSharpLiteral
{
    /// <summary>
    /// A quoted, escaped C# string literal; no document text can break out of it, and every character
    /// outside printable ASCII is a \uXXXX escape, so no bidi control or zero-width character hides in it.
    /// </summary>
    public static string String(string value)
    {
        var literal = SymbolDisplay.FormatLiteral(value, quote: true);
        var builder = new System.Text.StringBuilder(literal.Length);
        foreach (var c in literal)
        {
            if (c > '\u007E')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A literal of the bound model as C# code.</summary>
    public static string Of(LiteralBound literal) => literal.Spelling switch
    {
        LiteralSpelling.String => String(literal.Text),
        LiteralSpelling.Long => literal.Text + "L",
        LiteralSpelling.Double => Double(literal.Text),
        LiteralSpelling.Float => Double(literal.Text) + "F",
        LiteralSpelling.ConstantField => literal.Type.NonNullableName + "." + literal.Text,
        _ => literal.Text,
    };

    public static string Double(string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var code = value.ToString("R", CultureInfo.InvariantCulture);
        return code.Contains(".") || code.Contains("E") ? code : code + "D";
    }
}
