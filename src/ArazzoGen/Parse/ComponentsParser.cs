using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>Reads <c>components</c>: reusable inputs schemas, parameters and actions.</summary>
internal static class ComponentsParser
{
    public static Components Parse(YamlNode node, InputSchemaReader inputSchemas, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(node, "The components object", "components", diagnostics, "inputs", "parameters", "successActions", "failureActions");
        if (reader is null)
        {
            return Components.Empty;
        }

        return new Components(
            Read(reader, "inputs", diagnostics, (n, name) => new InputsSchema(inputSchemas.PropertiesOf(inputSchemas.Component(name), n.Span), n.Span)),
            Read(reader, "parameters", diagnostics, (n, name) => ParameterParser.ParseInline(n, $"Parameter component '{name}'", diagnostics)),
            Read(reader, "successActions", diagnostics, (n, name) => ActionParser.ParseInline(n, $"Success action component '{name}'", isSuccess: true, diagnostics)),
            Read(reader, "failureActions", diagnostics, (n, name) => ActionParser.ParseInline(n, $"Failure action component '{name}'", isSuccess: false, diagnostics)),
            reader.Span);
    }

    private static EquatableArray<NamedComponent<T>> Read<T>(ObjectReader reader, string field, DiagnosticBag diagnostics, System.Func<YamlNode, string, T?> parse)
        where T : class, System.IEquatable<T>
    {
        var mapping = reader.Object(field);
        if (mapping is null)
        {
            return EquatableArray<NamedComponent<T>>.Empty;
        }

        return mapping.Entries
            .Select(e =>
            {
                var name = new Located<string>(e.Key.Value, e.Key.Span);
                NameRules.CheckKey($"components.{field} key", name, diagnostics);
                var value = parse(e.Value, e.Key.Value);
                return value is null ? null : new NamedComponent<T>(name, value);
            })
            .Where(c => c is not null)
            .Select(c => c!)
            .ToEquatableArray();
    }
}
