using System;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>
/// Reads a workflow's (or a component's) <c>inputs</c> JSON Schema: its top-level properties,
/// through a <c>$ref</c> to components.inputs, which were read once with the components.
/// </summary>
internal static class InputsSchemaParser
{
    private const string ComponentPrefix = "#/components/inputs/";

    public static InputsSchema? Parse(YamlNode node, Components components, DiagnosticBag diagnostics)
    {
        if (node is not YamlMapping mapping)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "inputs", "a JSON Schema object");
            return null;
        }

        if (mapping["$ref"] is YamlScalar refScalar)
        {
            var reference = new Located<string>(refScalar.Value, refScalar.Span);
            var name = refScalar.Value.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? refScalar.Value.Substring(ComponentPrefix.Length) : null;
            var component = name is null ? null : components.Inputs.FirstOrDefault(c => c.Name.Value == name);
            if (component is null)
            {
                diagnostics.Add(DiagnosticDescriptors.UnknownComponent, refScalar.Span, "inputs", name ?? refScalar.Value, NameSuggester.Hint(name ?? refScalar.Value, components.Inputs.Select(c => c.Name.Value)));
                return new InputsSchema(EquatableArray<InputProperty>.Empty, reference, node.Span);
            }

            return new InputsSchema(component.Value.Properties, reference, node.Span);
        }

        var schema = mapping;

        var required = schema["required"] is YamlSequence requiredList
            ? requiredList.Items.OfType<YamlScalar>().Select(s => s.Value).ToList()
            : new System.Collections.Generic.List<string>();
        if (schema["type"] is YamlScalar type && type.Value != "object")
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, type.Span, "inputs.type", "'object' (inputs are named properties)");
        }

        var properties = schema["properties"] is YamlMapping props
            ? props.Entries.Select(e => ReadProperty(e, required)).ToEquatableArray()
            : EquatableArray<InputProperty>.Empty;

        foreach (var name in required.Where(r => properties.All(p => p.Name.Value != r)))
        {
            var at = ((YamlSequence)schema["required"]!).Items.OfType<YamlScalar>().First(s => s.Value == name);
            diagnostics.Add(DiagnosticDescriptors.RequiredInputNotDeclared, at.Span, name, NameSuggester.Hint(name, properties.Select(p => p.Name.Value)));
        }

        return new InputsSchema(properties, null, node.Span);
    }

    private static InputProperty ReadProperty(YamlEntry entry, System.Collections.Generic.List<string> required)
    {
        var schema = entry.Value as YamlMapping;
        string? Text(string field) => schema?[field] is YamlScalar { IsNull: false } s ? s.Value : null;
        return new InputProperty(
            new Located<string>(entry.Key.Value, entry.Key.Span),
            Text("type"),
            Text("format"),
            Text("description"),
            required.Contains(entry.Key.Value),
            Text("writeOnly") == "true",
            schema?["default"] is YamlScalar { IsNull: false } value ? ValueParser.Literal(value) : null); // 'default: ~' gives no default
    }
}
