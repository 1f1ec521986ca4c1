using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Applies a request body's <c>replacements</c> to its payload in Validate (it needs no compilation),
/// so Bind receives the payload as it will be sent and types a replaced value like any payload member. A target is a JSON Pointer into the
/// payload: it replaces the value there, or adds it (an object member, or a list item at the end
/// with <c>-</c> or the list's length); objects and lists missing on the way are created.
/// </summary>
internal static class PayloadReplacements
{
    /// <summary>The document with every step's replacements applied to its payload (and none left to apply).</summary>
    public static ArazzoDocument Resolve(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        if (!document.Workflows.Any(w => w.Steps.Any(s => s.RequestBody is { Replacements.Count: > 0 })))
        {
            return document;
        }

        var workflows = document.Workflows.Select(workflow => workflow with
        {
            Steps = workflow.Steps.Select(step => step.RequestBody is { Replacements.Count: > 0 } body
                ? step with { RequestBody = body with { Payload = Apply(body.Payload, body.Replacements, diagnostics), Replacements = EquatableArray<PayloadReplacement>.Empty } }
                : step).ToEquatableArray(),
        });
        return document with { Workflows = workflows.ToEquatableArray() };
    }

    public static ValueNode? Apply(ValueNode? payload, IReadOnlyList<PayloadReplacement> replacements, DiagnosticBag diagnostics)
    {
        foreach (var replacement in replacements)
        {
            var target = replacement.Target;
            if (target.Value.Length == 0)
            {
                payload = replacement.Value; // The whole body.
                continue;
            }

            if (target.Value[0] != '/')
            {
                diagnostics.Add(DiagnosticDescriptors.ReplacementNotApplicable, target.Span, target.Value, "it is not a JSON Pointer (XPath targets are for XML bodies; AWS SDK requests are objects)");
                continue;
            }

            var tokens = target.Value.Substring(1).Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToList();
            if (Replace(payload ?? new ObjectValue(EquatableArray<ObjectMember>.Empty, target.Span), tokens, 0, replacement, diagnostics) is { } replaced)
            {
                payload = replaced;
            }
        }

        return payload;
    }

    /// <summary>What a target creates where the payload has nothing yet: a list when the next token is '-' or an index, else an object.</summary>
    private static ValueNode NewContainer(List<string> tokens, int next, PayloadReplacement replacement) =>
        next < tokens.Count && (tokens[next] == "-" || (tokens[next].Length > 0 && tokens[next].All(char.IsDigit)))
            ? new ArrayValue(EquatableArray<ValueNode>.Empty, replacement.Target.Span)
            : new ObjectValue(EquatableArray<ObjectMember>.Empty, replacement.Target.Span);

    /// <returns>The node with the replacement made, or null when it could not be (reported).</returns>
    private static ValueNode? Replace(ValueNode node, List<string> tokens, int at, PayloadReplacement replacement, DiagnosticBag diagnostics)
    {
        var token = tokens[at];
        var last = at == tokens.Count - 1;
        switch (node)
        {
            case ObjectValue obj:
                var members = obj.Members.ToList();
                var index = members.FindIndex(m => m.Key.Value == token);
                if (index < 0)
                {
                    // Payload members match SDK members case-insensitively; so does a target.
                    index = members.FindIndex(m => string.Equals(m.Key.Value, token, StringComparison.OrdinalIgnoreCase));
                }

                var current = index >= 0 ? members[index].Value : NewContainer(tokens, at + 1, replacement);
                var value = last ? replacement.Value : Replace(current, tokens, at + 1, replacement, diagnostics);
                if (value is null)
                {
                    return null;
                }

                var member = new ObjectMember(index >= 0 ? members[index].Key : new Located<string>(token, replacement.Target.Span), value);
                if (index >= 0)
                {
                    members[index] = member;
                }
                else
                {
                    members.Add(member);
                }

                return obj with { Members = members.ToEquatableArray() };
            case ArrayValue array:
                var items = array.Items.ToList();
                var position = token == "-" ? items.Count : int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
                if (position < 0 || position > items.Count)
                {
                    diagnostics.Add(DiagnosticDescriptors.ReplacementNotApplicable, replacement.Target.Span, replacement.Target.Value, $"'{token}' is not an index of the list there ({items.Count} items; '-' appends)");
                    return null;
                }

                var item = position < items.Count ? items[position] : NewContainer(tokens, at + 1, replacement);
                var replacedItem = last ? replacement.Value : Replace(item, tokens, at + 1, replacement, diagnostics);
                if (replacedItem is null)
                {
                    return null;
                }

                if (position < items.Count)
                {
                    items[position] = replacedItem;
                }
                else
                {
                    items.Add(replacedItem);
                }

                return array with { Items = items.ToEquatableArray() };
            default:
                var path = "/" + string.Join("/", tokens.Take(at));
                diagnostics.Add(DiagnosticDescriptors.ReplacementNotApplicable, replacement.Target.Span, replacement.Target.Value, $"'{(at == 0 ? "the payload" : path)}' is a single value, not an object or a list");
                return null;
        }
    }
}
