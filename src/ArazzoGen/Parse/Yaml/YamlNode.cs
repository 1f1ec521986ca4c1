using System;
using System.Linq;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Parse.Yaml;

/// <summary>A YAML node with its source span: the raw tree every other parser reads.</summary>
internal abstract record YamlNode(SourceSpan Span)
{
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="IsPlain"/> tells `1` (a number) from `"1"` (a string).</summary>
internal sealed record YamlScalar(string Value, bool IsPlain, SourceSpan Span) : YamlNode(Span)
{
    public override string KindName => "a scalar";

    /// <summary>A plain `~`, `null`, `Null`, `NULL` or an empty plain scalar.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlSequence(EquatableArray<YamlNode> Items, SourceSpan Span) : YamlNode(Span)
{
    public override string KindName => "a list";
}

internal sealed record YamlEntry(YamlScalar Key, YamlNode Value);

internal sealed record YamlMapping(EquatableArray<YamlEntry> Entries, SourceSpan Span) : YamlNode(Span)
{
    public override string KindName => "a mapping";

    public YamlEntry? Find(string key) => Entries.FirstOrDefault(e => string.Equals(e.Key.Value, key, StringComparison.Ordinal));

    public YamlNode? this[string key] => Find(key)?.Value;
}
