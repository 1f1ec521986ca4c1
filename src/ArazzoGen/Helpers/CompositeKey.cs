namespace ArazzoGen.Helpers;

/// <summary>
/// One string key for a pair or triple of strings: every part but the last is prefixed by its length,
/// so no two different tuples make the same key.
/// </summary>
/// <remarks>A string, not a value tuple: a dictionary or set keyed by a struct is code a fresh compiler JIT-compiles for the generator.</remarks>
internal static class CompositeKey
{
    public static string Of(string first, string second) => $"{first.Length}:{first}{second}";

    public static string Of(string first, string second, string third) => $"{first.Length}:{first}{second.Length}:{second}{third}";
}
