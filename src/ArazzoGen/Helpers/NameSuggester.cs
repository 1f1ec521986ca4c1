using System;
using System.Collections.Generic;

namespace ArazzoGen.Helpers;

/// <summary>Finds the closest known name for "did you mean" hints in diagnostics.</summary>
internal static class NameSuggester
{
    private const int MaxCompared = 1000;

    /// <summary>
    /// Returns the candidate nearest to <paramref name="name"/> (case-insensitive edit distance),
    /// or null when none is close enough to be a plausible typo.
    /// </summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var allowed = Math.Max(2, name.Length / 3);
        var lowered = name.ToLowerInvariant();
        var compared = 0;
        foreach (var candidate in candidates)
        {
            // A length that differs by more than the allowed distance cannot be close enough; and in a
            // hostile document with thousands of names, a hint is not worth more comparisons than this.
            if (string.Equals(candidate, name, StringComparison.Ordinal) || Math.Abs(candidate.Length - name.Length) > allowed || ++compared > MaxCompared)
            {
                continue;
            }

            var distance = Distance(lowered, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        if (bestDistance <= allowed)
        {
            return best;
        }

        // A truncated name ("$status" for "$statusCode") is far by edit distance but an obvious typo.
        foreach (var candidate in candidates)
        {
            if (name.Length >= 3 && candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>" (did you mean 'x'?)" or an empty string, ready to append to a message.</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var suggestion = Suggest(name, candidates);
        return suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
