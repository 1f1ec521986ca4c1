using System.Text;
using System.Text.RegularExpressions;

namespace ArazzoGen.Bind;

/// <summary>
/// I-Regexp (RFC 9485), the regex flavour of RFC 9535's match() and search(), translated to .NET
/// as section 5 of the RFC describes for Perl-like engines: '.' matches any character but CR and
/// LF, '^' and '$' are ordinary characters, and match() tests the whole string.
/// </summary>
internal static class IRegexp
{
    private const string SingleCharEscapes = "()*+-.?[\\]^{|}nrt";

    /// <summary>The .NET pattern, or null with <paramref name="error"/> when the text is not an I-Regexp.</summary>
    public static string? ToDotNet(string pattern, bool wholeString, out string? error)
    {
        var result = new StringBuilder(wholeString ? @"\A(?:" : "(?:");
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    error = "it ends with a lone '\\'";
                    return null;
                }

                var next = pattern[i + 1];
                if (next is 'p' or 'P')
                {
                    result.Append(c).Append(next);
                    i++;
                    continue;
                }

                if (SingleCharEscapes.IndexOf(next) < 0)
                {
                    error = $"'\\{next}' is not an I-Regexp escape (only \\p{{..}}, \\P{{..}} and the escapes of ( ) * + - . ? [ \\ ] ^ {{ | }} n r t)";
                    return null;
                }

                result.Append(c).Append(next);
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    result.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        result.Append('^');
                        i++;
                    }

                    break;
                case '.':
                    result.Append(@"[^\n\r]");
                    break;
                case '^' or '$':
                    result.Append('\\').Append(c);
                    break;
                case '(' when i + 1 < pattern.Length && pattern[i + 1] == '?':
                    error = "'(?' groups (lookarounds, named or non-capturing groups) are not I-Regexp";
                    return null;
                default:
                    result.Append(c);
                    break;
            }
        }

        result.Append(wholeString ? @")\z" : ")");
        try
        {
            _ = new Regex(result.ToString(), RegexOptions.CultureInvariant);
        }
        catch (System.ArgumentException ex)
        {
            error = ex.Message;
            return null;
        }

        error = null;
        return result.ToString();
    }
}
