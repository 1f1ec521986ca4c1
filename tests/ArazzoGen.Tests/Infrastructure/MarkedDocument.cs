namespace ArazzoGen.Tests.Infrastructure;

/// <summary>
/// A YAML document with one '§' marking where a diagnostic must point; the marker is removed
/// and its 1-based line and column kept.
/// </summary>
internal sealed record MarkedDocument(string Text, int Line, int Column)
{
    public const char Marker = '§';

    public static MarkedDocument Parse(string marked)
    {
        var index = marked.IndexOf(Marker);
        if (index < 0)
        {
            throw new ArgumentException("The document has no § marker.", nameof(marked));
        }

        var before = marked.Substring(0, index);
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return new MarkedDocument(marked.Remove(index, 1), line, column);
    }

    public string Position => $"{Line}:{Column}";
}
