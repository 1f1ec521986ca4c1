using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;

namespace ArazzoGen.Bind;

/// <summary>Fits a bound value into a typed SDK slot, or reports why it cannot.</summary>
internal static class Conversions
{
    /// <summary>How text becomes each SDK type the API sends as text (JSON APIs send blobs as base64).</summary>
    private static readonly System.Collections.Generic.Dictionary<SdkTypeKind, WireConversion> FromText = new()
    {
        [SdkTypeKind.Enum] = WireConversion.Enum,
        [SdkTypeKind.DateTime] = WireConversion.Timestamp,
        [SdkTypeKind.Boolean] = WireConversion.Boolean,
        [SdkTypeKind.Integer] = WireConversion.Integer,
        [SdkTypeKind.Long] = WireConversion.Long,
        [SdkTypeKind.Double] = WireConversion.Double,
        [SdkTypeKind.Stream] = WireConversion.Base64,
    };

    /// <summary>True when <see cref="Fit"/> would accept a value of type <paramref name="source"/>.</summary>
    public static bool CanFit(TypeRef source, TypeRef target) =>
        source.NonNullableName == target.NonNullableName || Convert(new LiteralBound(LiteralSpelling.String, "_", source), target) is not null;

    /// <param name="rawBody">The slot is an operation's streaming body (S3 PutObject): text goes as it is, not as base64.</param>
    public static BoundValue? Fit(BoundValue value, TypeRef target, string slotName, SourceSpan span, DiagnosticBag diagnostics, bool rawBody = false)
    {
        if (Convert(value, target, slotName, rawBody) is { } converted)
        {
            return converted;
        }

        diagnostics.Add(DiagnosticDescriptors.TypeMismatch, span, slotName, Describe(value.Type), $"expected {Describe(target)}");
        return null;
    }

    private static BoundValue? Convert(BoundValue value, TypeRef target, string slotName = "", bool rawBody = false)
    {
        var source = value.Type;
        if (source.NonNullableName == target.NonNullableName)
        {
            return value;
        }

        switch (target.Kind)
        {
            case SdkTypeKind.Constant when source.Kind is SdkTypeKind.String:
                return new ConstantFromStringBound(value, target);
            case SdkTypeKind.Constant when source.Kind is SdkTypeKind.Constant:
                return new ConstantFromStringBound(new ConstantValueBound(value), target);
            case SdkTypeKind.String when source.Kind is SdkTypeKind.Constant:
                return new ConstantValueBound(value);
            case SdkTypeKind.String when source.IsNumeric || source.Kind is SdkTypeKind.Boolean or SdkTypeKind.DateTime:
                return new TextBound(value);
            case SdkTypeKind.Stream when source.Kind is SdkTypeKind.String && rawBody:
                return new WireBound(value, WireConversion.RawText, slotName, target);
            case var kind when source.Kind is SdkTypeKind.String && FromText.TryGetValue(kind, out var conversion):
                return new WireBound(value, conversion, slotName, target);
            case SdkTypeKind.String when source.Kind is SdkTypeKind.Enum:
                return new TextBound(value);
            case SdkTypeKind.Long when source.Kind is SdkTypeKind.Integer:
            case SdkTypeKind.Double when source.Kind is SdkTypeKind.Integer or SdkTypeKind.Long or SdkTypeKind.Float:
            case SdkTypeKind.Float when source.Kind is SdkTypeKind.Integer:
                return value;
        }

        return null;
    }

    public static string Describe(TypeRef type) => type.Kind switch
    {
        SdkTypeKind.String => "a string",
        SdkTypeKind.Boolean => "a boolean",
        SdkTypeKind.Integer or SdkTypeKind.Long => "an integer",
        SdkTypeKind.Double or SdkTypeKind.Float => "a number",
        SdkTypeKind.Constant or SdkTypeKind.Enum => $"a {Short(type.Name)} value",
        SdkTypeKind.DateTime => "a timestamp",
        SdkTypeKind.Stream => "a blob (base64 text)",
        SdkTypeKind.List or SdkTypeKind.Map => $"a {ShortGeneric(type.Name)}",
        SdkTypeKind.Structure => $"a {Short(type.Name)} object",
        SdkTypeKind.InputObject => $"an object input read member by member ({Short(type.Name)})",
        _ => type.Name,
    };

    /// <summary>"global::System.Collections.Generic.List&lt;global::Amazon.SageMaker.Model.Channel&gt;" -> "List&lt;Channel&gt;".</summary>
    private static string ShortGeneric(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name.TrimEnd('?'), @"global::([A-Za-z0-9_]+\.)*", string.Empty);

    private static string Short(string name)
    {
        var trimmed = name.TrimEnd('?');
        var dot = trimmed.LastIndexOf('.');
        return dot < 0 ? trimmed : trimmed.Substring(dot + 1);
    }
}
