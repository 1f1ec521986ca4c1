using System.Collections.Generic;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>
/// One inputs JSON Schema as ArazzoGen reads it, with what its <c>$ref</c> and <c>allOf</c> bring in
/// merged: its own annotations, and its properties in the order they are first declared.
/// </summary>
internal sealed class SchemaView
{
    public string? Type { get; set; }

    /// <summary>Where <see cref="Type"/> is written in this schema: its <c>type</c>, or the <c>$ref</c> or <c>allOf</c> entry that brought it.</summary>
    public SourceSpan TypeSpan { get; set; }

    public string? Format { get; set; }

    public string? Description { get; set; }

    public bool? IsWriteOnly { get; set; }

    public LiteralValue? Default { get; set; }

    public List<PropertyView> Properties { get; } = new();

    /// <summary><see cref="Properties"/> by name: a hostile schema of 100,000 properties is read in linear time.</summary>
    public Dictionary<string, PropertyView> PropertiesByName { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Every name a <c>required</c> list of this schema, or of a schema merged into it, holds.</summary>
    public HashSet<string> Required { get; } = new(System.StringComparer.Ordinal);

    /// <summary>The <c>required</c> entries to check against <see cref="Properties"/> here: this schema's own and its inline <c>allOf</c> members'.</summary>
    public List<YamlScalar> RequiredToCheck { get; } = new();
}

/// <summary>A property of a <see cref="SchemaView"/>, and where a conflict with it is reported in that schema.</summary>
internal sealed record PropertyView(Located<string> Name, SchemaView Schema, SourceSpan DeclaredAt);
