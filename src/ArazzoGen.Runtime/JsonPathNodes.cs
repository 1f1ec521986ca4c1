using System.Collections;
using System.ComponentModel;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace ArazzoGen.Runtime;

/// <summary>
/// RFC 9535 node lists over typed SDK objects, for compiled <c>jsonpath</c> criteria. A node is a
/// non-null value: a member the service did not send is no node (JSON's absent member).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public static class JsonPathNodes
{
    /// <summary>The node list of one value: empty when it is null.</summary>
    public static IEnumerable<T> Of<T>(T? value) => value is null ? Array.Empty<T>() : new[] { value };

    /// <summary>The index selector: from the end when negative; nothing when out of range.</summary>
    public static T? Index<T>(IReadOnlyList<T> list, long index)
    {
        var at = index < 0 ? list.Count + index : index;
        return at >= 0 && at < list.Count ? list[(int)at] : default;
    }

    /// <summary>The value for a map key; nothing when it is absent.</summary>
    public static T? Key<T>(IReadOnlyDictionary<string, T> map, string key) => map.TryGetValue(key, out var value) ? value : default;

    /// <summary>The slice selector <c>[start:end:step]</c>, with RFC 9535's normalization and bounds.</summary>
    public static IEnumerable<T> Slice<T>(IReadOnlyList<T> list, long? start, long? end, long step)
    {
        long length = list.Count;
        if (step == 0)
        {
            yield break;
        }

        static long Normalize(long i, long length) => i >= 0 ? i : length + i;
        if (step > 0)
        {
            var lower = Math.Min(Math.Max(Normalize(start ?? 0, length), 0), length);
            var upper = Math.Min(Math.Max(Normalize(end ?? length, length), 0), length);
            for (var i = lower; i < upper; i += step)
            {
                yield return list[(int)i];
            }
        }
        else
        {
            var upper = Math.Min(Math.Max(Normalize(start ?? length - 1, length), -1), length - 1);
            var lower = Math.Min(Math.Max(end is { } e ? Normalize(e, length) : -length - 1, -1), length - 1);
            for (var i = upper; lower < i; i += step)
            {
                yield return list[(int)i];
            }
        }
    }

    /// <summary>The value() function: the node's value when the list has exactly one node, else nothing.</summary>
    public static T? ValueOf<T>(IEnumerable<T> nodes)
        where T : class => Single(nodes, out var node) ? node : null;

    /// <summary>The value() function for value types (numbers, booleans, times).</summary>
    public static T? StructValueOf<T>(IEnumerable<T> nodes)
        where T : struct => Single(nodes, out var node) ? node : null;

    private static bool Single<T>(IEnumerable<T> nodes, out T node)
    {
        using var each = nodes.GetEnumerator();
        var any = each.MoveNext();
        node = any ? each.Current : default!;
        return any && !each.MoveNext();
    }

    /// <summary>
    /// The length() function: the number of Unicode scalar values of a string, of elements of a list,
    /// of members of a map; nothing (null) for anything else, which every comparison treats as false.
    /// </summary>
    public static int? Length(object? value) => value switch
    {
        string text => ScalarValues(text),
        ConstantClass constant => constant.Value is { } text ? ScalarValues(text) : null,
        ICollection collection => collection.Count,
        _ => null,
    };

    /// <summary>match(): the whole string matches the I-Regexp; false for anything but a string.</summary>
    public static bool Match(Regex fullMatch, object? value) => Text(value) is { } text && Criteria.Matches(fullMatch, text);

    /// <summary>search(): some substring matches the I-Regexp; false for anything but a string.</summary>
    public static bool Search(Regex pattern, object? value) => Text(value) is { } text && Criteria.Matches(pattern, text);

    private static string? Text(object? value) => value switch
    {
        string text => text,
        ConstantClass constant => constant.Value,
        _ => null,
    };

    private static int ScalarValues(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }
}
