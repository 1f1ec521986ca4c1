using System;
using System.Globalization;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>
/// Reads the fields of one Arazzo object from a YAML mapping, reporting unknown fields, missing
/// required ones and values of the wrong type where they are written.
/// </summary>
internal sealed class ObjectReader
{
    private readonly DiagnosticBag _diagnostics;

    private ObjectReader(YamlMapping mapping, string description, DiagnosticBag diagnostics)
    {
        Mapping = mapping;
        Description = description;
        _diagnostics = diagnostics;
    }

    public YamlMapping Mapping { get; }

    /// <summary>How messages name this object: "Step 'poll'", "The info object".</summary>
    public string Description { get; }

    public SourceSpan Span => Mapping.Span;

    /// <summary>A reader for <paramref name="node"/>, or null (reported) when it is not a mapping.</summary>
    public static ObjectReader? For(YamlNode node, string description, string field, DiagnosticBag diagnostics, params string[] knownFields)
    {
        if (node is not YamlMapping mapping)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, field, "a mapping (an object)");
            return null;
        }

        var reader = new ObjectReader(mapping, description, diagnostics);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (!knownFields.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticDescriptors.UnknownField, entry.Key.Span, description, key, NameSuggester.Hint(key, knownFields));
            }
        }

        return reader;
    }

    public YamlNode? Node(string field, bool required = false)
    {
        var node = Mapping[field];
        if (node is null && required)
        {
            Missing(field);
        }

        return node;
    }

    public void Missing(string field) => _diagnostics.Add(DiagnosticDescriptors.MissingField, KeySpan, Description, field);

    /// <summary>The first line of the object, where a missing field is reported.</summary>
    public SourceSpan KeySpan => Mapping.Entries.Count > 0 ? Mapping.Entries[0].Key.Span : Mapping.Span;

    public YamlScalar? Scalar(string field, bool required = false)
    {
        var node = Node(field, required);
        switch (node)
        {
            case null:
                return null;
            case YamlScalar { IsNull: true } when required:
                Missing(field);
                return null;
            case YamlScalar { IsNull: true }:
                return null;
            case YamlScalar scalar:
                return scalar;
            default:
                _diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, field, "a string");
                return null;
        }
    }

    public Located<string>? String(string field, bool required = false)
    {
        var scalar = Scalar(field, required);
        return scalar is null ? null : new Located<string>(scalar.Value, scalar.Span);
    }

    public string? Text(string field) => String(field)?.Value;

    public YamlMapping? Object(string field, bool required = false) => Typed<YamlMapping>(field, required, "a mapping (an object)");

    public YamlSequence? Sequence(string field, bool required = false, bool nonEmpty = false)
    {
        var sequence = Typed<YamlSequence>(field, required, "a list");
        if (sequence is not null && nonEmpty && sequence.Items.Count == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.EmptyList, sequence.Span, field);
        }

        return sequence;
    }

    public Located<double>? Number(string field, double minimum, double maximum = double.MaxValue)
    {
        var scalar = Scalar(field);
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsPlain || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value) || value < minimum || value > maximum)
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidNumber, scalar.Span, field, maximum == double.MaxValue
                ? $"a number >= {minimum.ToString(CultureInfo.InvariantCulture)}"
                : $"a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return new Located<double>(value, scalar.Span);
    }

    /// <summary>A list of strings (ids); an entry that is not a string is reported as not being <paramref name="item"/>.</summary>
    public EquatableArray<Located<string>> StringList(string field, string item)
    {
        var sequence = Sequence(field);
        if (sequence is null)
        {
            return EquatableArray<Located<string>>.Empty;
        }

        var strings = new System.Collections.Generic.List<Located<string>>();
        foreach (var entry in sequence.Items)
        {
            if (entry is YamlScalar { IsNull: false } scalar)
            {
                strings.Add(new Located<string>(scalar.Value, scalar.Span));
            }
            else
            {
                _diagnostics.Add(DiagnosticDescriptors.WrongType, entry.Span, field + "[]", item);
            }
        }

        return strings.ToEquatableArray();
    }

    public Located<long>? Integer(string field, long minimum, long maximum = long.MaxValue)
    {
        var scalar = Scalar(field);
        if (scalar is null)
        {
            return null;
        }

        if (!scalar.IsPlain || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            _diagnostics.Add(DiagnosticDescriptors.InvalidNumber, scalar.Span, field, maximum == long.MaxValue
                ? $"an integer >= {minimum.ToString(CultureInfo.InvariantCulture)}"
                : $"an integer from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return new Located<long>(value, scalar.Span);
    }

    private T? Typed<T>(string field, bool required, string expected)
        where T : YamlNode
    {
        var node = Node(field, required);
        switch (node)
        {
            case null:
                return null;
            case T typed:
                return typed;
            case YamlScalar { IsNull: true } when !required:
                return null;
            default:
                _diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, field, expected);
                return null;
        }
    }
}
