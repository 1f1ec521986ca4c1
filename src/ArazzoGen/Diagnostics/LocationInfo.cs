using ArazzoGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ArazzoGen.Diagnostics;

/// <summary>A YAML location as plain data; turned into a Roslyn <see cref="Location"/> only when reported.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo From(string filePath, SourceSpan span) =>
        new(
            filePath,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));

    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
