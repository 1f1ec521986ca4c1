namespace ArazzoGen.Model;

/// <summary>
/// Where a node sits in its YAML file: character offsets and 0-based line/column positions,
/// the two halves of a Roslyn location, kept as plain data so models stay value-equal.
/// </summary>
internal readonly record struct SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static readonly SourceSpan Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>A span inside a single-line piece of text that starts at this span's start.</summary>
    public SourceSpan Slice(int offset, int length) =>
        new(Start + offset, length, StartLine, StartColumn + offset, StartLine, StartColumn + offset + length);
}

/// <summary>A value read from the document together with where it was written.</summary>
internal sealed record Located<T>(T Value, SourceSpan Span);
