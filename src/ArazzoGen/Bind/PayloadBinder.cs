using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// Binds a request payload (and parameters) to the SDK request object graph: members matched
/// case-insensitively through structures, lists and maps; literals checked against the member's
/// type, ConstantClass values and <c>[AWSProperty]</c> constraints.
/// </summary>
internal sealed class PayloadBinder
{
    private readonly WorkflowScope _scope;
    private readonly ExpressionBinder _expressions;
    private readonly string _source;
    private readonly string _operationId;

    public PayloadBinder(WorkflowScope scope, ExpressionBinder expressions, string source, string operationId)
    {
        _scope = scope;
        _expressions = expressions;
        _source = source;
        _operationId = operationId;
    }

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    private SdkTypes Types => _scope.Types;

    /// <summary>Binds members written for <paramref name="type"/> (a request or a structure) into <c>new T { ... }</c>.</summary>
    public NewObjectBound BindObject(ITypeSymbol type, IEnumerable<(Located<string> Key, ValueNode Value)> members, ExpressionSite site, SourceSpan span, bool checkRequired)
    {
        var properties = SdkTypes.SettableProperties(type);
        var typeRef = Types.Describe(type);
        var inits = new List<MemberInit>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        var misspelt = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in members)
        {
            var name = key.Value;
            if (_scope.Catalog.PayloadMemberBindings.TryGetValue((_source, _operationId, name), out var replacement))
            {
                Diagnostics.Add(DiagnosticDescriptors.PayloadMemberRemapped, key.Span, name, ShortName(type), replacement is null ? "dropped" : $"sent as '{replacement}'");
                if (replacement is null)
                {
                    continue;
                }

                name = replacement;
            }

            var property = SdkTypes.FindProperty(properties, name);
            if (property is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.UnknownRequestMember, key.Span, ShortName(type), name, NameSuggester.Hint(name, properties.Select(p => p.Name)), _source, _operationId);
                if (NameSuggester.Suggest(name, properties.Select(p => p.Name)) is { } meant)
                {
                    misspelt.Add(meant); // "did you mean" already names it; not also as a required member not set
                }

                continue;
            }

            if (!set.Add(property.Name))
            {
                Diagnostics.Add(DiagnosticDescriptors.DuplicateKey, key.Span, key.Value);
                continue;
            }

            var bound = BindValue(value, property.Type, $"{ShortName(type)}.{property.Name}", Types.Constraints(property), site);
            if (bound is not null)
            {
                inits.Add(new MemberInit(property.Name, bound));
            }
        }

        if (checkRequired)
        {
            foreach (var property in properties.Where(p => Types.Constraints(p).Required && !set.Contains(p.Name) && !misspelt.Contains(p.Name)))
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingRequiredMember, span, ShortName(type), property.Name);
            }
        }

        return new NewObjectBound(inits.ToEquatableArray(), typeRef);
    }

    /// <summary>Binds one value into a slot of SDK type <paramref name="slot"/>; null when it sets nothing (a null literal) or failed.</summary>
    public BoundValue? BindValue(ValueNode value, ITypeSymbol slot, string slotName, (bool Required, long? Min, long? Max) constraints, ExpressionSite site)
    {
        var target = Types.Describe(slot);
        switch (value)
        {
            case LiteralValue { Kind: LiteralKind.Null }:
                return null;
            case LiteralValue literal:
                return BindLiteral(literal, target, slotName, constraints);
            case ExpressionValue expression:
                var typed = _expressions.Bind(expression.Expression, site, slot);
                return typed is null ? null : Conversions.Fit(typed.Value.Value, target, slotName, expression.Span, Diagnostics);
            case TemplateValue template:
                var text = BindTemplate(template, site);
                return text is null ? null : Conversions.Fit(text, target, slotName, template.Span, Diagnostics);
            case ObjectValue obj when target.Kind == SdkTypeKind.Structure:
                return BindObject(slot, obj.Members.Select(m => (m.Key, m.Value)), site, obj.Span, checkRequired: true);
            case ObjectValue obj when target.Kind == SdkTypeKind.Map:
                var valueType = ((INamedTypeSymbol)slot).TypeArguments[1];
                var entries = obj.Members
                    .Select(m => (m.Key, Value: BindValue(m.Value, valueType, $"{slotName}[\"{m.Key.Value}\"]", (false, null, null), site)))
                    .Where(e => e.Value is not null)
                    .Select(e => new MapEntryBound(e.Key.Value, e.Value!))
                    .ToEquatableArray();
                return new NewMapBound(entries, target);
            case ArrayValue array when target.Kind == SdkTypeKind.List:
                CheckBounds(slotName, constraints, array.Items.Count, "items", array.Span);
                var elementType = ((INamedTypeSymbol)slot).TypeArguments[0];
                var items = array.Items
                    .Select((item, i) => BindValue(item, elementType, $"{slotName}[{i}]", (false, null, null), site))
                    .Where(i => i is not null)
                    .Select(i => i!)
                    .ToEquatableArray();
                return new NewListBound(items, target);
            default:
                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, value.Span, slotName, value is ObjectValue ? "an object" : value is ArrayValue ? "a list" : "this value", $"expected {Conversions.Describe(target)}");
                return null;
        }
    }

    public BoundValue? BindTemplate(TemplateValue template, ExpressionSite site)
    {
        var chunks = new List<TemplateChunk>();
        foreach (var part in template.Parts)
        {
            if (part.Text is not null)
            {
                chunks.Add(new TemplateChunk(part.Text, null));
                continue;
            }

            var typed = _expressions.Bind(part.Expression!, site);
            if (typed is null)
            {
                return null;
            }

            chunks.Add(new TemplateChunk(null, typed.Value.Value));
        }

        return new TemplateBound(chunks.ToEquatableArray());
    }

    private BoundValue? BindLiteral(LiteralValue literal, TypeRef target, string slotName, (bool Required, long? Min, long? Max) constraints)
    {
        switch (target.Kind)
        {
            case SdkTypeKind.String:
                CheckBounds(slotName, constraints, literal.Text.Length, "characters", literal.Span);
                return LiteralBound.String(literal.Text);
            case SdkTypeKind.Constant when literal.Kind == LiteralKind.String:
                if (KnownField(literal.Text, target) is { } field)
                {
                    return new LiteralBound(LiteralSpelling.ConstantField, field, target);
                }

                Diagnostics.Add(DiagnosticDescriptors.UnknownEnumValue, literal.Span, literal.Text, ShortName(target.Name), string.Join(", ", target.KnownValues.Take(12)) + (target.KnownValues.Count > 12 ? ", ..." : string.Empty));
                return new ConstantFromStringBound(LiteralBound.String(literal.Text), target);
            case SdkTypeKind.Boolean when literal.Kind == LiteralKind.Boolean:
                return new LiteralBound(LiteralSpelling.Boolean, literal.Text, target);
            case SdkTypeKind.Integer when literal.Kind == LiteralKind.Integer && int.TryParse(literal.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
            case SdkTypeKind.Long when literal.Kind == LiteralKind.Integer:
                return new LiteralBound(target.Kind == SdkTypeKind.Long ? LiteralSpelling.Long : LiteralSpelling.Integer, literal.Text, target);
            case SdkTypeKind.Double when literal.Kind is LiteralKind.Integer or LiteralKind.Number:
                return new LiteralBound(LiteralSpelling.Double, literal.Text, target);
            case SdkTypeKind.Float when literal.Kind is LiteralKind.Integer or LiteralKind.Number:
                return new LiteralBound(LiteralSpelling.Float, literal.Text, target);
        }

        var what = literal.Kind switch
        {
            LiteralKind.String => $"the string '{literal.Text}'",
            LiteralKind.Integer => $"the integer {literal.Text}",
            LiteralKind.Number => $"the number {literal.Text}",
            _ => $"'{literal.Text}'",
        };
        Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, literal.Span, slotName, what, $"expected {Conversions.Describe(target)}");
        return null;
    }

    private void CheckBounds(string slotName, (bool Required, long? Min, long? Max) constraints, int count, string unit, SourceSpan span)
    {
        if (constraints.Min is { } min && count < min)
        {
            Diagnostics.Add(DiagnosticDescriptors.ConstraintViolated, span, slotName, "the AWS SDK", $"at least {min} {unit}", count);
        }

        if (constraints.Max is { } max && count > max)
        {
            Diagnostics.Add(DiagnosticDescriptors.ConstraintViolated, span, slotName, "the AWS SDK", $"at most {max} {unit}", count);
        }
    }

    /// <summary>The ConstantClass field for a value: field names are the values without separators ("ml.m5.large" is MlM5Large).</summary>
    private static string? KnownField(string value, TypeRef type)
    {
        var normalized = Normalize(value);
        return type.KnownValues.FirstOrDefault(v => Normalize(v) == normalized);
    }

    private static string Normalize(string text) => new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string ShortName(ITypeSymbol type) => type.Name;

    private static string ShortName(string typeName)
    {
        var trimmed = typeName.TrimEnd('?');
        return trimmed.Substring(trimmed.LastIndexOf('.') + 1);
    }
}
