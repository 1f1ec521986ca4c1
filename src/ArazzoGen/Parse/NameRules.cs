using System.Text.RegularExpressions;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;

namespace ArazzoGen.Parse;

/// <summary>The spec's naming rules: SHOULD for ids (a warning), MUST for output and component keys (an error).</summary>
internal static class NameRules
{
    // \z, not $: '$' also matches before a final line break, so "flow\n" would pass.
    private static readonly Regex RecommendedId = new(@"^[A-Za-z0-9_\-]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex RequiredKey = new(@"^[a-zA-Z0-9\.\-_]+\z", RegexOptions.CultureInvariant);

    public static void CheckRecommended(string what, Located<string> name, DiagnosticBag diagnostics)
    {
        if (!RecommendedId.IsMatch(name.Value))
        {
            diagnostics.Add(DiagnosticDescriptors.NameNotRecommended, name.Span, what, name.Value);
        }
    }

    public static void CheckKey(string what, Located<string> key, DiagnosticBag diagnostics)
    {
        if (!RequiredKey.IsMatch(key.Value))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidKey, key.Span, what, key.Value);
        }
    }
}
