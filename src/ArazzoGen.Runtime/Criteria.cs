using System.ComponentModel;
using System.Globalization;
using Amazon.Runtime;

namespace ArazzoGen.Runtime;

/// <summary>
/// Comparisons compiled criteria use, with the Arazzo rules ArazzoGen follows: string comparisons
/// are case-insensitive (like the SDK's ConstantClass), a null equals only null, and an ordering
/// comparison with a null is false.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public static class Criteria
{
    /// <summary>
    /// A regex criterion: true when <paramref name="text"/> matches. A match that runs past the
    /// regex's time limit (a pattern like <c>^(a+)+$</c> on hostile text) is false, as an RFC 9535
    /// match() of a pattern that cannot be evaluated is: the criterion is not met, so a success
    /// criterion fails the step and its onFailure actions decide, instead of an exception ending the run.
    /// </summary>
    public static bool Matches(System.Text.RegularExpressions.Regex regex, string? text)
    {
        try
        {
            return regex.IsMatch(text ?? string.Empty);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Case-insensitive string equality; null equals only null.</summary>
    public static bool Equal(string? left, string? right) =>
        left is null || right is null ? left is null && right is null : string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>Equality of a ConstantClass value with a string.</summary>
    public static bool Equal(ConstantClass? left, string? right) => Equal(left?.Value, right);

    /// <summary>Numeric equality; null equals only null.</summary>
    public static bool Equal(double? left, double? right) => left.HasValue && right.HasValue ? left.Value == right.Value : !left.HasValue && !right.HasValue;

    /// <summary>Boolean equality; null equals only null.</summary>
    public static bool Equal(bool? left, bool? right) => left == right;

    /// <summary>Numeric ordering: -1, 0, 1, or null when either side is null (every ordering comparison is then false).</summary>
    public static int? Compare(double? left, double? right) => left.HasValue && right.HasValue ? left.Value.CompareTo(right.Value) : null;

    /// <summary>Ordinal, case-insensitive string ordering, or null when either side is null.</summary>
    public static int? Compare(string? left, string? right) =>
        left is null || right is null ? null : Math.Sign(string.Compare(left, right, StringComparison.OrdinalIgnoreCase));

    /// <summary>Text of a value embedded in a string (<c>"{$expr}"</c>), in invariant culture; null becomes empty.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        ConstantClass constant => constant.Value ?? string.Empty,
        bool b => b ? "true" : "false",
        DateTime d => d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>Null-safe navigation for <c>$response.body#/A/0/B</c> paths (the SDK has no nullable annotations).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public static class JsonPointer
{
    /// <summary>The element at <paramref name="index"/>, or default when the list is null or too short.</summary>
    public static T? At<T>(IReadOnlyList<T>? list, int index) => list is not null && index >= 0 && index < list.Count ? list[index] : default;

    /// <summary>The value for <paramref name="key"/>, or default when the map is null or lacks it.</summary>
    public static T? At<T>(IReadOnlyDictionary<string, T>? map, string key) => map is not null && map.TryGetValue(key, out var value) ? value : default;

    /// <summary><c>.length</c> of a list: its count, 0 when null.</summary>
    public static int Length<T>(IReadOnlyCollection<T>? items) => items?.Count ?? 0;

    /// <summary><c>.length</c> of a string: its length, 0 when null.</summary>
    public static int Length(string? text) => text?.Length ?? 0;
}
