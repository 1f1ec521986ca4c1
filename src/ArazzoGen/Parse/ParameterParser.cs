using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

internal static class ParameterParser
{
    private static readonly string[] Locations = { "path", "query", "querystring", "header", "cookie" }; // querystring: Arazzo 1.1

    public static EquatableArray<ParameterOrReference> ParseList(YamlSequence? sequence, DiagnosticBag diagnostics)
    {
        if (sequence is null)
        {
            return EquatableArray<ParameterOrReference>.Empty;
        }

        return sequence.Items
            .Select(node =>
            {
                if (node is YamlMapping mapping && mapping["reference"] is not null)
                {
                    var reference = ReferenceParser.Parse(mapping, "A parameter reference", diagnostics, allowValue: true);
                    return reference is null ? null : new ParameterOrReference(null, reference, node.Span);
                }

                var parameter = ParseInline(node, "A parameter", diagnostics);
                return parameter is null ? null : new ParameterOrReference(parameter, null, node.Span);
            })
            .Where(p => p is not null)
            .Select(p => p!)
            .ToEquatableArray();
    }

    public static Parameter? ParseInline(YamlNode node, string description, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(node, description, "parameters[]", diagnostics, "name", "in", "value");
        var name = reader?.String("name", required: true);
        var value = reader?.Node("value", required: true);
        if (reader is null || name is null || value is null)
        {
            return null;
        }

        var location = reader.String("in");
        if (location is not null && !Locations.Contains(location.Value))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidEnumValue, location.Span, location.Value, "parameter location", string.Join(", ", Locations));
        }

        return new Parameter(name, location, ValueParser.Parse(value, diagnostics), reader.Span);
    }
}

/// <summary>Reads a Reusable Object: <c>reference: $components.x.y</c> and, for parameters, an optional <c>value</c>.</summary>
internal static class ReferenceParser
{
    public static ComponentReference? Parse(YamlMapping mapping, string description, DiagnosticBag diagnostics, bool allowValue)
    {
        var fields = allowValue ? new[] { "reference", "value" } : new[] { "reference" };
        var reader = ObjectReader.For(mapping, description, "reference", diagnostics, fields)!;
        var scalar = reader.Scalar("reference", required: true);
        if (scalar is null)
        {
            return null;
        }

        var expression = ValueParser.ParseExpression(scalar, diagnostics);
        if (expression is null)
        {
            return null;
        }

        if (expression.Root != ExpressionRoot.Components)
        {
            diagnostics.Add(DiagnosticDescriptors.MalformedExpression, scalar.Span, scalar.Value, "a reference must point into components: $components.<kind>.<name>");
            return null;
        }

        var value = allowValue ? reader.Node("value") : null;
        return new ComponentReference(expression, value is null ? null : ValueParser.Parse(value, diagnostics), reader.Span);
    }
}
