using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ArazzoGen.Bind.Aws;
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

    private readonly AwsApi? _api;

    public PayloadBinder(WorkflowScope scope, ExpressionBinder expressions, string source, string operationId, AwsApi? api = null)
    {
        _api = api;
        _scope = scope;
        _expressions = expressions;
        _source = source;
        _operationId = operationId;
    }

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    private SdkTypes Types => _scope.Types;

    /// <summary>
    /// Binds members written for <paramref name="type"/> (a request or a structure) into <c>new T { ... }</c>.
    /// <paramref name="shape"/> is what the AWS model says of that structure: members are found by
    /// their SDK name, or by their name in the API (model name, wire name, or the name of the URI
    /// label, query parameter or header <see cref="WrittenMember.In"/> says).
    /// </summary>
    public NewObjectBound BindObject(ITypeSymbol type, IEnumerable<WrittenMember> members, ExpressionSite site, SourceSpan span, bool checkRequired, AwsShape? shape = null)
    {
        var properties = SdkTypes.SettableProperties(type);
        var typeRef = Types.Describe(type);
        var inits = new List<MemberInit>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        var misspelt = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (written, owner) in Inline(members, shape))
        {
            var key = written.Key;
            var name = key.Value;
            if (_scope.Catalog.TryGetPayloadMemberBinding(_source, _operationId, name, out var replacement))
            {
                Diagnostics.Add(DiagnosticDescriptors.PayloadMemberRemapped, key.Span, name, ShortName(type), replacement is null ? "dropped" : $"sent as '{replacement}'");
                if (replacement is null)
                {
                    continue;
                }

                name = replacement;
            }

            var (property, member) = ApiNames.Resolve(name, written.In, owner, properties);
            if (property is null)
            {
                var known = properties.Select(p => p.Name).Concat(owner?.Members.Select(m => m.WireName) ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
                var meant = NameSuggester.Suggest(name, known);
                Diagnostics.Add(DiagnosticDescriptors.UnknownRequestMember, key.Span, ShortName(type), name, UnknownMemberHint(meant, owner, written.In));
                if (meant is not null)
                {
                    misspelt.Add(owner?.FindMember(meant)?.DotNetName ?? meant); // "did you mean" already names it; not also as a required member not set
                }

                continue;
            }

            if (!set.Add(property.Name))
            {
                Diagnostics.Add(DiagnosticDescriptors.DuplicateKey, key.Span, key.Value);
                continue;
            }

            var slotName = member is not null && !string.Equals(member.WireName, property.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(name, member.WireName, StringComparison.OrdinalIgnoreCase)
                ? $"{ShortName(type)}.{property.Name} ('{member.WireName}' on the wire)"
                : $"{ShortName(type)}.{property.Name}";
            var bound = BindValue(written.Value, written.Part is null ? property.Type : Types.Primitive(TypeRef.String)!, slotName, Types.Constraints(property), site, _api?.Shape(member?.Target), member);
            if (bound is not null && written.Part is { } part)
            {
                bound = new WireBound(bound, part, slotName, TypeRef.String);
            }

            if (bound is not null)
            {
                inits.Add(new MemberInit(property.Name, bound, ApiNames.RenamedFrom(member, property.Name)));
            }
        }

        if (checkRequired)
        {
            // An idempotency token the model marks required is filled in by the SDK (and by a durable run) when the workflow leaves it out.
            foreach (var property in properties.Where(p => Types.Constraints(p).Required && !set.Contains(p.Name) && !misspelt.Contains(p.Name) && shape?.ForProperty(p.Name) is not { IsIdempotencyToken: true }))
            {
                Diagnostics.Add(DiagnosticDescriptors.MissingRequiredMember, span, ShortName(type), property.Name);
            }
        }

        return new NewObjectBound(inits.ToEquatableArray(), typeRef);
    }

    /// <summary>
    /// The written members, with the members of one the SDK does not have expanded in its place (S3
    /// DeleteObjects' <c>Delete: { Objects: [...] }</c> is the SDK's own <c>Objects</c>), each with the model shape it belongs to.
    /// </summary>
    private IEnumerable<(WrittenMember Member, AwsShape? Owner)> Inline(IEnumerable<WrittenMember> members, AwsShape? shape)
    {
        foreach (var written in members)
        {
            if (written.In is null && shape?.FindMember(written.Key.Value) is { IsInlined: true } inlined && written.Value is ObjectValue inner)
            {
                foreach (var expanded in Inline(inner.Members.Select(m => new WrittenMember(m.Key, m.Value, null)), _api?.Shape(inlined.Target)))
                {
                    yield return expanded;
                }

                continue;
            }

            yield return (written, shape);
        }
    }

    private static string UnknownMemberHint(string? meant, AwsShape? shape, string? location)
    {
        var where = location is null ? string.Empty : $" (as a {Locations.Describe(location)})";
        if (meant is not null)
        {
            var member = shape?.FindMember(meant);
            var sides = member is not null && !string.Equals(member.WireName, member.DotNetName, StringComparison.Ordinal)
                ? $" ('{member.WireName}' on the wire, '{member.DotNetName}' in the SDK)"
                : string.Empty;
            return $"{where}; did you mean '{meant}'{sides}?";
        }

        return shape is null
            ? $"{where}; if the API has it and this SDK version does not, drop or remap it with [assembly: ArazzoPayloadMember]"
            : $"{where}: neither the SDK nor the AWS model of this operation has it";
    }

    /// <summary>Binds one value into a slot of SDK type <paramref name="slot"/>; null when it sets nothing (a null literal) or failed.</summary>
    public BoundValue? BindValue(ValueNode value, ITypeSymbol slot, string slotName, MemberConstraints constraints, ExpressionSite site, AwsShape? shape = null, AwsMember? member = null)
    {
        var target = Types.Describe(slot);
        switch (value)
        {
            case LiteralValue { Kind: LiteralKind.Null }:
                return null;
            case LiteralValue literal:
                return BindLiteral(literal, target, slotName, constraints, member);
            case ExpressionValue expression:
                var typed = _expressions.Bind(expression.Expression, site, slot);
                if (typed?.Value is InputBound { Type.Kind: SdkTypeKind.InputObject } input && target.Kind == SdkTypeKind.Structure)
                {
                    return FromInputObject(input, expression, slot, site, shape);
                }

                return typed is null ? null : Conversions.Fit(typed.Value, target, slotName, expression.Span, Diagnostics, rawBody: member is { IsStreaming: true });
            case TemplateValue template:
                var text = BindTemplate(template, site);
                return text is null ? null : Conversions.Fit(text, target, slotName, template.Span, Diagnostics, rawBody: member is { IsStreaming: true });
            case ObjectValue obj when target.Kind == SdkTypeKind.Structure:
                return BindObject(slot, obj.Members.Select(m => new WrittenMember(m.Key, m.Value, null)), site, obj.Span, checkRequired: true, shape);
            case ObjectValue obj when target.Kind == SdkTypeKind.Map:
                var valueType = ((INamedTypeSymbol)slot).TypeArguments[1];
                var entries = obj.Members
                    .Select(m => (m.Key, Value: BindValue(m.Value, valueType, $"{slotName}[\"{m.Key.Value}\"]", MemberConstraints.None, site, _api?.Shape(shape?.Element))))
                    .Where(e => e.Value is not null)
                    .Select(e => new MapEntryBound(e.Key.Value, e.Value!))
                    .ToEquatableArray();
                return new NewMapBound(entries, target);
            case ArrayValue array when target.Kind == SdkTypeKind.List:
                CheckBounds(slotName, constraints, array.Items.Count, "items", array.Span);
                var elementType = ((INamedTypeSymbol)slot).TypeArguments[0];
                var items = array.Items
                    .Select((item, i) => BindValue(item, elementType, $"{slotName}[{i}]", MemberConstraints.None, site, _api?.Shape(shape?.Element)))
                    .Where(i => i is not null)
                    .Select(i => i!)
                    .ToEquatableArray();
                return new NewListBound(items, target);
            default:
                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, value.Span, slotName, value is ObjectValue ? "an object" : value is ArrayValue ? "a list" : "this value", $"expected {Conversions.Describe(target)}");
                return null;
        }
    }

    /// <summary>
    /// An object input read member by member, filling an SDK structure whole: as the mapping of its
    /// members that it stands for (<c>{ instanceType: $inputs.cfg.instanceType, ... }</c>), so each member
    /// binds by its API name as a written one does; null where the object is.
    /// </summary>
    private BoundValue? FromInputObject(InputBound input, ExpressionValue written, ITypeSymbol slot, ExpressionSite site, AwsShape? shape)
    {
        if (_scope.InputRead(input)?.Members is not { } members)
        {
            return null;
        }

        // '$inputs.job#/resources' reads the same object as '$inputs.job.resources': its members are read with dots.
        var expression = written.Expression;
        ExpressionValue Member(string name)
        {
            var path = expression.Path.Concat(expression.Pointer).Append(name).ToEquatableArray();
            return new ExpressionValue(expression with { Path = path, HasPointer = false, Pointer = EquatableArray<string>.Empty, Text = "$inputs." + string.Join(".", path) }, written.Span);
        }

        var read = members.Values.Select(m => new WrittenMember(new Located<string>(m.Declaration.Name.Value, written.Span), Member(m.Declaration.Name.Value), null));
        var built = BindObject(slot, read, site, written.Span, checkRequired: true, shape);
        return input.MayBeNull() ? new InputObjectBound(built.Members, input, built.Type) : built;
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

            chunks.Add(new TemplateChunk(null, typed.Value));
        }

        // A string that is one embedded expression and nothing else is that value as text.
        return chunks.Count == 1 && chunks[0].Value is { } only
            ? new TextBound(only)
            : new TemplateBound(chunks.ToEquatableArray());
    }

    private BoundValue? BindLiteral(LiteralValue literal, TypeRef target, string slotName, MemberConstraints constraints, AwsMember? member)
    {
        if (literal.Kind == LiteralKind.String && TryBindWireLiteral(literal, target, slotName, member, out var fromWire))
        {
            return fromWire;
        }

        switch (target.Kind)
        {
            case SdkTypeKind.String:
                CheckBounds(slotName, constraints, literal.Text.Length, "characters", literal.Span);
                return LiteralBound.String(literal.Text);
            case SdkTypeKind.Constant when literal.Kind == LiteralKind.String:
                if (KnownField(literal.Text, target) is { } field)
                {
                    return new LiteralBound(LiteralSpelling.ConstantField, field, target, literal.Text);
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

    /// <summary>
    /// A string literal for a member the SDK types otherwise: the API's wire form of a number, boolean,
    /// timestamp, enum or blob, checked here so a wrong one is a compile error. Null when the slot is
    /// not one of those; <paramref name="bound"/> is null when the literal was reported.
    /// </summary>
    private bool TryBindWireLiteral(LiteralValue literal, TypeRef target, string slotName, AwsMember? member, out BoundValue? bound)
    {
        var text = literal.Text;
        bound = null;
        switch (target.Kind)
        {
            case SdkTypeKind.Integer when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                bound = new LiteralBound(LiteralSpelling.Integer, integer.ToString(CultureInfo.InvariantCulture), target);
                return true;
            case SdkTypeKind.Long when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                bound = new LiteralBound(LiteralSpelling.Long, number.ToString(CultureInfo.InvariantCulture), target);
                return true;
            case SdkTypeKind.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real):
                bound = new LiteralBound(LiteralSpelling.Double, real.ToString("R", CultureInfo.InvariantCulture), target);
                return true;
            case SdkTypeKind.Boolean when bool.TryParse(text, out var flag):
                bound = new LiteralBound(LiteralSpelling.Boolean, flag ? "true" : "false", target);
                return true;
            case SdkTypeKind.DateTime:
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                {
                    bound = new WireBound(LiteralBound.String(text), WireConversion.Timestamp, slotName, target);
                    return true;
                }

                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, literal.Span, slotName, $"the string '{text}'", "expected an ISO 8601 timestamp such as 2026-11-30T12:00:00Z");
                return true;
            case SdkTypeKind.Enum:
                if (KnownField(text, target) is { } field)
                {
                    bound = new LiteralBound(LiteralSpelling.ConstantField, field, target, text);
                    return true;
                }

                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, literal.Span, slotName, $"the string '{text}'", $"expected one of {string.Join(", ", target.KnownValues)}{NameSuggester.Hint(text, target.KnownValues)}");
                return true;
            case SdkTypeKind.Stream when member is { IsStreaming: true }:
                bound = new WireBound(LiteralBound.String(text), WireConversion.RawText, slotName, target);
                return true;
            case SdkTypeKind.Stream:
                if (IsBase64(text))
                {
                    bound = new WireBound(LiteralBound.String(text), WireConversion.Base64, slotName, target);
                    return true;
                }

                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, literal.Span, slotName, $"the string '{text}'", "expected base64 text: the API sends blobs base64-encoded");
                return true;
            default:
                return false;
        }
    }

    private static bool IsBase64(string text)
    {
        try
        {
            Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void CheckBounds(string slotName, MemberConstraints constraints, int count, string unit, SourceSpan span)
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

    private static string Normalize(string text)
    {
        var normalized = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized.Append(char.ToLowerInvariant(c));
            }
        }

        return normalized.ToString();
    }

    private static string ShortName(ITypeSymbol type) => type.Name;

    private static string ShortName(string typeName)
    {
        var trimmed = typeName.TrimEnd('?');
        return trimmed.Substring(trimmed.LastIndexOf('.') + 1);
    }
}
