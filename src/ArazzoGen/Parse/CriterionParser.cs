using System;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Conditions;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>Reads criteria and parses each condition in its dialect (simple, jsonpath, regex).</summary>
internal static class CriterionParser
{
    private static readonly string[] Types = { "simple", "regex", "jsonpath", "xpath" };

    public static EquatableArray<Criterion> ParseList(YamlSequence? sequence, DiagnosticBag diagnostics) =>
        sequence is null
            ? EquatableArray<Criterion>.Empty
            : sequence.Items.Select(n => Parse(n, diagnostics)).Where(c => c is not null).Select(c => c!).ToEquatableArray();

    private static Criterion? Parse(YamlNode node, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(node, "A criterion", "criteria[]", diagnostics, "context", "condition", "type");
        var conditionScalar = reader?.Scalar("condition", required: true);
        if (reader is null || conditionScalar is null)
        {
            return null;
        }

        var contextScalar = reader.Scalar("context");
        var context = contextScalar is null ? null : ValueParser.ParseExpression(contextScalar, diagnostics);

        var read = ReadType(reader, diagnostics);
        if (read.Type is not { } type)
        {
            return null;
        }

        var version = read.Version;
        var typeSpan = read.Span;

        if (type != CriterionType.Simple && contextScalar is null)
        {
            diagnostics.Add(DiagnosticDescriptors.CriterionTypeWithoutContext, typeSpan, type.ToString().ToLowerInvariant());
        }

        var condition = new Located<string>(conditionScalar.Value, conditionScalar.Span);
        var spans = new ScalarSpans(conditionScalar);
        ConditionNode? parsed = null;
        switch (type)
        {
            case CriterionType.Simple:
            case CriterionType.JsonPath:
                var dialect = type == CriterionType.Simple ? ConditionDialect.Simple : ConditionDialect.JsonPath;
                parsed = ConditionParser.TryParse(conditionScalar.Value, spans, dialect, out var error);
                if (parsed is null)
                {
                    diagnostics.Add(DiagnosticDescriptors.MalformedCondition, conditionScalar.Span, conditionScalar.Value, error);
                }

                break;
            case CriterionType.Regex:
                CheckRegex(conditionScalar, diagnostics);
                break;
            case CriterionType.XPath:
                diagnostics.Add(DiagnosticDescriptors.UnsupportedCriterionType, typeSpan, "xpath", "AWS APIs answer in JSON and ArazzoGen compiles no XPath; use a jsonpath or simple condition");
                break;
        }

        return new Criterion(condition, context, new Located<CriterionType>(type, typeSpan), version, parsed, reader.Span);
    }

    /// <summary>A criterion's type, its version and where it is written; null when it is not a type (reported).</summary>
    /// <remarks>A class, not a tuple: a value tuple holding a struct is code a fresh compiler JIT-compiles for the generator.</remarks>
    private sealed record TypeOfCriterion(CriterionType? Type, string? Version, SourceSpan Span);

    private static TypeOfCriterion ReadType(ObjectReader reader, DiagnosticBag diagnostics)
    {
        var node = reader.Node("type");
        switch (node)
        {
            case null:
            case YamlScalar { IsNull: true }:
                return new(CriterionType.Simple, null, reader.KeySpan);
            case YamlScalar scalar:
                return new(ToType(scalar.Value, scalar.Span, diagnostics), null, scalar.Span);
            case YamlMapping:
                // A Criterion Expression Type Object: { type: jsonpath, version: draft-goessner-dispatch-jsonpath-00 }.
                var typeReader = ObjectReader.For(node, "A criterion expression type", "type", diagnostics, "type", "version")!;
                var type = typeReader.String("type", required: true);
                var version = typeReader.String("version", required: true);
                if (type is not null && version is not null && AllowedVersions(type.Value) is { } allowed && !allowed.Contains(version.Value))
                {
                    diagnostics.Add(DiagnosticDescriptors.InvalidEnumValue, version.Span, version.Value, $"version of a {type.Value} criterion", string.Join(", ", allowed));
                }

                return type is null ? new(null, null, node.Span) : new(ToType(type.Value, type.Span, diagnostics), version?.Value, type.Span);
            default:
                diagnostics.Add(DiagnosticDescriptors.WrongType, node.Span, "type", "a string or a criterion expression type object");
                return new(null, null, node.Span);
        }
    }

    private static CriterionType? ToType(string value, SourceSpan span, DiagnosticBag diagnostics)
    {
        switch (value)
        {
            case "simple":
                return CriterionType.Simple;
            case "regex":
                return CriterionType.Regex;
            case "jsonpath":
                return CriterionType.JsonPath;
            case "xpath":
                return CriterionType.XPath;
            default:
                diagnostics.Add(DiagnosticDescriptors.InvalidEnumValue, span, value, "criterion type", string.Join(", ", Types));
                return null;
        }
    }

    private static void CheckRegex(YamlScalar pattern, DiagnosticBag diagnostics)
    {
        try
        {
            _ = new Regex(pattern.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidRegex, pattern.Span, pattern.Value, ex.Message);
        }
    }

    /// <summary>The versions Arazzo 1.0.1 allows in a Criterion Expression Type Object.</summary>
    private static string[]? AllowedVersions(string type) => type switch
    {
        "jsonpath" => new[] { "draft-goessner-dispatch-jsonpath-00" },
        "xpath" => new[] { "xpath-30", "xpath-20", "xpath-10" },
        _ => null,
    };
}
