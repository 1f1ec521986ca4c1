using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;
using ArazzoGen.Parse.Conditions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse.Expressions;

/// <summary>
/// Arazzo 1.1's Selector Object (<c>context</c>, <c>selector</c>, <c>type</c>) as the runtime expression
/// it names: the context read through a JSON Pointer. A <c>jsonpointer</c> selector is that pointer; a
/// <c>jsonpath</c> selector of names and indexes (<c>$.user.emails[0]</c>) is the pointer to the one
/// value it selects. A JSONPath that can select several values, and XPath, are reported.
/// </summary>
internal static class SelectorParser
{
    /// <summary>True for a mapping written as a Selector Object: its three fields and no others but extensions.</summary>
    public static bool IsSelector(YamlMapping mapping) =>
        mapping.Find("context") is not null && mapping.Find("selector") is not null && mapping.Find("type") is not null
        && mapping.Entries.All(e => e.Key.Value is "context" or "selector" or "type" || e.Key.Value.StartsWith("x-", System.StringComparison.Ordinal));

    public static ValueNode Parse(YamlMapping mapping, DiagnosticBag diagnostics)
    {
        var failed = new LiteralValue(LiteralKind.Null, string.Empty, mapping.Span);
        if (mapping["context"] is not YamlScalar { IsNull: false } context || mapping["selector"] is not YamlScalar { IsNull: false } selector)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, mapping.Span, "Selector Object", "context and selector strings");
            return failed;
        }

        var type = TypeOf(mapping["type"]!);
        if (type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.WrongType, mapping["type"]!.Span, "Selector Object type", "jsonpath, jsonpointer or xpath, or an Expression Type Object");
            return failed;
        }

        var contextExpression = ValueParser.ParseExpression(context, diagnostics);
        if (contextExpression is null)
        {
            return failed;
        }

        var pointer = type switch
        {
            "jsonpointer" => Pointer(selector, diagnostics),
            "jsonpath" => PointerOfPath(selector, diagnostics),
            "xpath" => Unsupported(selector, "an XPath selector reads XML, and AWS APIs answer in JSON; use a jsonpath or jsonpointer selector", diagnostics),
            _ => Unsupported(mapping["type"]!, $"the selector type '{type}' is none of jsonpath, jsonpointer or xpath", diagnostics),
        };
        if (pointer is null)
        {
            return failed;
        }

        // The context may be read through a pointer of its own ($steps.a.outputs.b#/0): the selector goes on from there.
        var contextText = contextExpression.FromDots ? contextExpression.PointerForm : context.Value;
        var text = contextExpression.HasPointer ? contextText + pointer : contextText + "#" + pointer;
        var expression = RuntimeExpressionParser.TryParse(text, selector.Span, out var error);
        if (expression is null)
        {
            Unsupported(context, $"its context '{context.Value}' is not structured data a selector can read into ({error})", diagnostics);
            return failed;
        }

        return new ExpressionValue(expression with { FromSelector = true }, mapping.Span);
    }

    private static string? TypeOf(YamlNode type) => type switch
    {
        YamlScalar { IsNull: false } scalar => scalar.Value,
        YamlMapping expressionType when expressionType["type"] is YamlScalar { IsNull: false } inner => inner.Value,
        _ => null,
    };

    private static string? Pointer(YamlScalar selector, DiagnosticBag diagnostics)
    {
        if (selector.Value.Length == 0 || selector.Value[0] == '/')
        {
            return selector.Value;
        }

        return Unsupported(selector, "a jsonpointer selector is a JSON Pointer: '' or '/'-separated tokens", diagnostics);
    }

    private static string? PointerOfPath(YamlScalar selector, DiagnosticBag diagnostics)
    {
        var node = ConditionParser.TryParse(selector.Value, new ScalarSpans(selector), ConditionDialect.JsonPath, out var error);
        if (node is PathOperand { IsCurrentNode: false } path && path.Segments.All(s => s.Kind != PathSegmentKind.Length))
        {
            return string.Concat(path.Segments.Select(s => "/" + (s.Kind == PathSegmentKind.Index
                ? s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : s.Name.Replace("~", "~0").Replace("/", "~1"))));
        }

        return Unsupported(selector, error ?? "ArazzoGen compiles a JSONPath selector that selects one value, by names and indexes ($.a.b[0]); this one can select several, or none of a value's members", diagnostics);
    }

    private static string? Unsupported(YamlNode at, string why, DiagnosticBag diagnostics)
    {
        diagnostics.Add(DiagnosticDescriptors.SelectorNotCompiled, at.Span, why);
        return null;
    }
}
