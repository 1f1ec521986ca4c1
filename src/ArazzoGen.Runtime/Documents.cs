using System.ComponentModel;
using System.Globalization;
using Amazon.Runtime.Documents;

namespace ArazzoGen.Runtime;

/// <summary>
/// JSON Pointers into <see cref="Document"/> members, which the SDK leaves unmodelled (Neptune's
/// loader status <c>payload</c>): a criterion or output reads the value there as text.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public static class Documents
{
    /// <summary>
    /// The value at <paramref name="pointer"/> as text (a string as it is, a number or boolean in
    /// invariant form), or null when the document or the pointer reaches nothing. A pointer that goes
    /// through a string or number, or ends at an object or list, is a <see cref="FormatException"/>
    /// naming <paramref name="member"/>: the document does not have the shape the workflow expects.
    /// </summary>
    public static string? Text(Document? document, string pointer, string member)
    {
        if (document is not { } current)
        {
            return null;
        }

        foreach (var token in pointer.Split('/').Skip(1).Select(t => t.Replace("~1", "/").Replace("~0", "~")))
        {
            if (current.IsDictionary())
            {
                if (!current.AsDictionary().TryGetValue(token, out current))
                {
                    return null;
                }
            }
            else if (current.IsList())
            {
                var list = current.AsList();
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    throw Shape(member, pointer, $"'{token}' is not an index of the list there");
                }

                if (index >= list.Count)
                {
                    return null;
                }

                current = list[index];
            }
            else if (current.IsNull())
            {
                return null;
            }
            else
            {
                throw Shape(member, pointer, $"it reaches a {Kind(current)} before '{token}'");
            }
        }

        return current switch
        {
            _ when current.IsNull() => null,
            _ when current.IsString() => current.AsString(),
            _ when current.IsBool() => current.AsBool() ? "true" : "false",
            _ when current.IsInt() => current.AsInt().ToString(CultureInfo.InvariantCulture),
            _ when current.IsLong() => current.AsLong().ToString(CultureInfo.InvariantCulture),
            _ when current.IsDouble() => current.AsDouble().ToString("R", CultureInfo.InvariantCulture),
            _ => throw Shape(member, pointer, $"it ends at a {Kind(current)}, not a value"),
        };
    }

    private static string Kind(Document document) =>
        document.IsDictionary() ? "object" : document.IsList() ? "list" : document.IsString() ? "string" : document.IsBool() ? "boolean" : "number";

    private static FormatException Shape(string member, string pointer, string why) =>
        new($"{member} does not have the shape {pointer} expects: {why}.");
}
