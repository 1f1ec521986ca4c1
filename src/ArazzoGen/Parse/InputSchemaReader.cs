using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>
/// Reads inputs JSON Schemas into <see cref="SchemaView"/>s for one document: a schema's <c>$ref</c> to
/// <c>#/components/inputs/&lt;name&gt;</c> and its <c>allOf</c> members are merged into it, and a
/// property's <c>$ref</c> gives it that component's type. Each component is read once, so what is
/// wrong inside one is reported once, however many schemas refer to it.
/// </summary>
internal sealed class InputSchemaReader
{
    public const string ComponentPrefix = "#/components/inputs/";

    // As deep as YAML may nest: a chain of $refs is nesting too, and each link is a few frames of the compiler's stack.
    private const int MaxDepth = 64;

    // Object properties that refer to the same component each get its properties: two of them at each
    // of 64 levels would be 2^64. As many as YAML aliases may expand to.
    private const int MaxExpandedProperties = 200_000;

    private readonly Dictionary<string, YamlNode> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaView> _read = new(StringComparer.Ordinal);
    private readonly List<string> _reading = new();
    private readonly DiagnosticBag _diagnostics;

    // Where the components a property's $ref reads start in _reading: a name read before it is reached
    // again through a property (a tree of nodes), which ends there; one read after it closes a loop of
    // $ref and allOf, which never ends.
    private int _propertyBoundary;
    private int _expandedProperties;

    public InputSchemaReader(YamlMapping? componentInputs, DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        foreach (var entry in componentInputs?.Entries ?? EquatableArray<YamlEntry>.Empty)
        {
            _components[entry.Key.Value] = entry.Value;
            if (entry.Value is YamlMapping { } schema && schema["$anchor"] is YamlScalar { IsNull: false } anchor)
            {
                _anchors[anchor.Value] = entry.Key.Value;
            }
        }
    }

    /// <summary>The component <paramref name="name"/>, which the document declares.</summary>
    public SchemaView Component(string name)
    {
        if (_read.TryGetValue(name, out var done))
        {
            return done;
        }

        if (_components[name] is not YamlMapping schema)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, _components[name].Span, $"components.inputs.{name}", "a JSON Schema object");
            return _read[name] = new SchemaView();
        }

        _reading.Add(name);
        var view = Read(schema, asProperty: false);
        _reading.RemoveAt(_reading.Count - 1);

        // A component that only adds constraints (required, no properties) is checked where it is merged.
        if (view.Properties.Count > 0)
        {
            CheckRequired(view);
        }

        return _read[name] = view;
    }

    /// <summary>A workflow's inputs: properties a workflow can read as <c>$inputs.&lt;name&gt;</c>, so an object.</summary>
    public InputsSchema? WorkflowInputs(YamlNode node)
    {
        if (node is not YamlMapping mapping)
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "inputs", "a JSON Schema object");
            return null;
        }

        var view = Read(mapping, asProperty: false);
        if (view.Type is { } type && type != "object")
        {
            _diagnostics.Add(DiagnosticDescriptors.WrongType, view.TypeSpan, "inputs.type", $"'object' (inputs are named properties), not '{type}'");
        }

        CheckRequired(view);
        return new InputsSchema(PropertiesOf(view, node.Span), node.Span);
    }

    /// <summary>The properties of <paramref name="view"/> as the model holds them, an object property's own properties with it.</summary>
    public EquatableArray<InputProperty> PropertiesOf(SchemaView view, SourceSpan at) => PropertiesOf(view, at, depth: 0);

    private EquatableArray<InputProperty> PropertiesOf(SchemaView view, SourceSpan at, int depth)
    {
        var properties = new List<InputProperty>(view.Properties.Count);
        foreach (var p in view.Properties)
        {
            var nested = p.Schema.Type is null or "object" && p.Schema.Properties.Count > 0 && depth < MaxDepth && Expand(p.Schema.Properties.Count, at);
            properties.Add(new InputProperty(p.Name, p.Schema.Type, p.Schema.Format, p.Schema.Description, view.Required.Contains(p.Name.Value), p.Schema.IsWriteOnly == true, p.Schema.Default)
            {
                Properties = nested ? PropertiesOf(p.Schema, at, depth + 1) : EquatableArray<InputProperty>.Empty,
            });
        }

        return properties.ToEquatableArray();
    }

    private bool Expand(int count, SourceSpan at)
    {
        if (_expandedProperties > MaxExpandedProperties)
        {
            return false;
        }

        _expandedProperties += count;
        if (_expandedProperties > MaxExpandedProperties)
        {
            _diagnostics.Add(DiagnosticDescriptors.DocumentTooManyNodes, at, MaxExpandedProperties);
            return false;
        }

        return true;
    }

    // A property's schema is read whole (an object property's own properties too); a component that
    // refers to itself through a property (a tree of nodes) is read there as far as its written type.
    private SchemaView Read(YamlMapping schema, bool asProperty)
    {
        var view = new SchemaView();
        if (schema["type"] is YamlScalar { IsNull: false } type)
        {
            view.Type = type.Value;
            view.TypeSpan = type.Span;
        }

        view.Format = Text(schema, "format");
        view.Description = Text(schema, "description");
        view.IsWriteOnly = Text(schema, "writeOnly") is { } writeOnly ? writeOnly == "true" : null;
        view.Default = schema["default"] is YamlScalar { IsNull: false } value ? ValueParser.Literal(value) : null; // 'default: ~' gives no default

        if (schema["properties"] is YamlMapping properties)
        {
            foreach (var entry in properties.Entries)
            {
                var name = new Located<string>(entry.Key.Value, entry.Key.Span);
                Add(view, new PropertyView(name, entry.Value is YamlMapping property ? ReadProperty(property) : new SchemaView(), entry.Key.Span));
            }
        }

        if (schema["required"] is YamlSequence required)
        {
            foreach (var item in required.Items.OfType<YamlScalar>())
            {
                view.Required.Add(item.Value);
                view.RequiredToCheck.Add(item);
            }
        }

        if (schema["$ref"] is YamlScalar reference && Referenced(reference, asProperty) is { } target)
        {
            Merge(view, target, reference.Span, checkTheirRequired: false);
        }

        if (schema["allOf"] is YamlSequence allOf)
        {
            foreach (var member in allOf.Items)
            {
                if (member is not YamlMapping memberSchema)
                {
                    _diagnostics.Add(DiagnosticDescriptors.WrongType, member.Span, "allOf entry", "a JSON Schema object");
                    continue;
                }

                Merge(view, Read(memberSchema, asProperty), member.Span, checkTheirRequired: true);
            }
        }

        return view;
    }

    private SchemaView? Referenced(YamlScalar reference, bool asProperty)
    {
        var value = reference.Value;
        string name;
        if (value.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            name = value.Substring(ComponentPrefix.Length);
        }
        else if (value.Length > 1 && value[0] == '#' && value[1] != '/')
        {
            // A plain-name fragment (Arazzo 1.1, JSON Schema 2020-12): the component whose $anchor it is.
            var anchor = value.Substring(1);
            name = _anchors.TryGetValue(anchor, out var named) ? named : anchor;
        }
        else
        {
            if (!asProperty)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnknownComponent, reference.Span, "inputs", value, $"; an inputs '$ref' must point to '{ComponentPrefix}<name>', or to a component's $anchor ('#<anchor>')");
            }

            return null;
        }

        if (!_components.ContainsKey(name))
        {
            _diagnostics.Add(DiagnosticDescriptors.UnknownComponent, reference.Span, "inputs", name, NameSuggester.Hint(name, _components.Keys));
            return null;
        }

        if (_reading.Count >= MaxDepth && !_read.ContainsKey(name))
        {
            _diagnostics.Add(DiagnosticDescriptors.DocumentTooDeep, reference.Span, MaxDepth);
            return null;
        }

        var at = _reading.LastIndexOf(name);
        if (at >= 0 && (asProperty || at < _propertyBoundary))
        {
            // Reached again through a property: a tree of nodes, whose depth its values decide.
            return Shallow(name);
        }

        if (at >= 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.InputsSchemaCycle, reference.Span, string.Join(" -> ", _reading.Skip(at).Append(name)));
            return null;
        }

        if (!asProperty)
        {
            return Component(name);
        }

        var boundary = _propertyBoundary;
        _propertyBoundary = _reading.Count;
        var view = Component(name);
        _propertyBoundary = boundary;
        return view;
    }

    // An object property's own properties are checked as the workflow's are.
    private SchemaView ReadProperty(YamlMapping property)
    {
        var view = Read(property, asProperty: true);
        if (view.Properties.Count > 0)
        {
            CheckRequired(view);
        }

        return view;
    }

    // A component still being read, seen again from one of its own properties: its written type is all a property needs.
    private SchemaView Shallow(string name)
    {
        var view = new SchemaView();
        if (_components[name] is YamlMapping schema && schema["type"] is YamlScalar { IsNull: false } type)
        {
            view.Type = type.Value;
        }

        return view;
    }

    private void Merge(SchemaView into, SchemaView part, SourceSpan at, bool checkTheirRequired)
    {
        if (into.Type is null && part.Type is not null)
        {
            into.Type = part.Type;
            into.TypeSpan = at;
        }

        into.Format ??= part.Format;
        into.Description ??= part.Description;
        into.IsWriteOnly ??= part.IsWriteOnly;
        into.Default ??= part.Default;
        foreach (var property in part.Properties)
        {
            Add(into, property with { DeclaredAt = at });
        }

        into.Required.UnionWith(part.Required);
        if (checkTheirRequired)
        {
            into.RequiredToCheck.AddRange(part.RequiredToCheck);
        }
    }

    private void Add(SchemaView view, PropertyView property)
    {
        if (!view.PropertiesByName.TryGetValue(property.Name.Value, out var first))
        {
            view.Properties.Add(property);
            view.PropertiesByName.Add(property.Name.Value, property);
            return;
        }

        // allOf asks for both: two types no value has at once are a schema nothing can satisfy.
        if (first.Schema.Type is { } was && property.Schema.Type is { } now && was != now && !(IsNumber(was) && IsNumber(now)))
        {
            _diagnostics.Add(DiagnosticDescriptors.InputTypesDisagree, property.DeclaredAt, property.Name.Value, now, was, LineOf(first.DeclaredAt));
        }
    }

    private void CheckRequired(SchemaView view)
    {
        foreach (var item in view.RequiredToCheck.Where(r => !view.PropertiesByName.ContainsKey(r.Value)))
        {
            _diagnostics.Add(DiagnosticDescriptors.RequiredInputNotDeclared, item.Span, item.Value, NameSuggester.Hint(item.Value, view.Properties.Select(p => p.Name.Value)));
        }
    }

    private static bool IsNumber(string type) => type is "number" or "integer";

    private static string LineOf(SourceSpan span) => (span.StartLine + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(YamlMapping schema, string field) => schema[field] is YamlScalar { IsNull: false } s ? s.Value : null;
}
