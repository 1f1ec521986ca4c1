using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse.Expressions;

/// <summary>
/// Turns a YAML value into a <see cref="ValueNode"/>: typed literals, runtime expressions and
/// strings with embedded <c>{$expr}</c>; a malformed expression is reported and kept as text.
/// </summary>
internal static class ValueParser
{
    public static ValueNode Parse(YamlNode node, DiagnosticBag diagnostics) => node switch
    {
        YamlScalar scalar => ParseScalar(scalar, diagnostics),
        YamlSequence sequence => new ArrayValue(sequence.Items.Select(i => Parse(i, diagnostics)).ToEquatableArray(), sequence.Span),
        YamlMapping mapping when SelectorParser.IsSelector(mapping) => SelectorParser.Parse(mapping, diagnostics),
        YamlMapping mapping => new ObjectValue(
            mapping.Entries.Select(e => new ObjectMember(new Located<string>(e.Key.Value, e.Key.Span), Parse(e.Value, diagnostics))).ToEquatableArray(),
            mapping.Span),
        _ => new LiteralValue(LiteralKind.Null, string.Empty, node.Span),
    };

    /// <summary>A scalar read as a literal only (a schema's <c>default</c>): no expressions, no templates.</summary>
    public static LiteralValue Literal(YamlScalar scalar) =>
        (scalar.IsPlain ? PlainLiteral(scalar) : null) ?? new LiteralValue(LiteralKind.String, scalar.Value, scalar.Span);

    public static ValueNode ParseScalar(YamlScalar scalar, DiagnosticBag diagnostics)
    {
        var text = scalar.Value;
        if (scalar.IsPlain)
        {
            var literal = PlainLiteral(scalar);
            if (literal is not null)
            {
                return literal;
            }
        }

        if (RuntimeExpressionParser.LooksLikeExpression(text))
        {
            var expression = RuntimeExpressionParser.TryParse(text, scalar.Span, out var error);
            if (expression is not null)
            {
                WarnIfDotted(expression, diagnostics);
                return new ExpressionValue(expression, scalar.Span);
            }

            diagnostics.Add(DiagnosticDescriptors.MalformedExpression, scalar.Span, text, error);
            return new LiteralValue(LiteralKind.String, text, scalar.Span);
        }

        if (text.IndexOf("{$", StringComparison.Ordinal) >= 0)
        {
            return ParseTemplate(text, new ScalarSpans(scalar), diagnostics);
        }

        return new LiteralValue(LiteralKind.String, text, scalar.Span);
    }

    /// <summary>Parses a value that must be a runtime expression (outputs, criterion context, references).</summary>
    public static RuntimeExpression? ParseExpression(YamlScalar scalar, DiagnosticBag diagnostics)
    {
        var expression = RuntimeExpressionParser.TryParse(scalar.Value, scalar.Span, out var error);
        if (expression is null)
        {
            diagnostics.Add(DiagnosticDescriptors.MalformedExpression, scalar.Span, scalar.Value, error);
        }
        else
        {
            WarnIfDotted(expression, diagnostics);
        }

        return expression;
    }

    /// <summary>A body read with dots is compiled as the JSON Pointer it means, with a warning that says how the ABNF writes it.</summary>
    private static void WarnIfDotted(RuntimeExpression expression, DiagnosticBag diagnostics)
    {
        if (expression.FromDots)
        {
            diagnostics.Add(DiagnosticDescriptors.BodyReadWithDots, expression.Span, expression.Text, expression.PointerForm);
        }
    }

    private static LiteralValue? PlainLiteral(YamlScalar scalar)
    {
        var text = scalar.Value;
        if (scalar.IsNull)
        {
            return new LiteralValue(LiteralKind.Null, string.Empty, scalar.Span);
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new LiteralValue(LiteralKind.Boolean, text.ToLowerInvariant(), scalar.Span);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new LiteralValue(LiteralKind.Integer, integer.ToString(CultureInfo.InvariantCulture), scalar.Span);
        }

        if (IsYamlFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number))
        {
            return new LiteralValue(LiteralKind.Number, number.ToString("R", CultureInfo.InvariantCulture), scalar.Span);
        }

        return null;
    }

    // YAML 1.2 core schema floats; .NET would also accept "1,000" or " 1" which YAML treats as strings.
    private static bool IsYamlFloat(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exponent = 0;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static ValueNode ParseTemplate(string text, ScalarSpans spans, DiagnosticBag diagnostics)
    {
        var parts = new List<TemplatePart>();
        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '$')
            {
                var close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    diagnostics.Add(DiagnosticDescriptors.MalformedExpression, spans.At(i, text.Length - i), text.Substring(i), "an embedded expression '{$...' is never closed with '}'");
                    literal.Append(text, i, text.Length - i);
                    break;
                }

                var inner = text.Substring(i + 1, close - i - 1);
                var expression = RuntimeExpressionParser.TryParse(inner, spans.At(i + 1, inner.Length), out var error);
                if (expression is null)
                {
                    diagnostics.Add(DiagnosticDescriptors.MalformedExpression, spans.At(i + 1, inner.Length), inner, error);
                    literal.Append(text, i, close - i + 1);
                }
                else
                {
                    WarnIfDotted(expression, diagnostics);
                    if (literal.Length > 0)
                    {
                        parts.Add(new TemplatePart(literal.ToString(), null));
                        literal.Clear();
                    }

                    parts.Add(new TemplatePart(null, expression));
                }

                i = close + 1;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null));
        }

        return parts.Any(p => p.Expression is not null)
            ? new TemplateValue(parts.ToEquatableArray(), spans.Whole)
            : new LiteralValue(LiteralKind.String, text, spans.Whole);
    }
}
