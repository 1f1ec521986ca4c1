using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.Model;

internal enum SdkTypeKind
{
    String,
    Boolean,
    Integer,
    Long,
    Double,
    Float,
    DateTime,

    /// <summary>An AWS SDK ConstantClass (an open enum of strings).</summary>
    Constant,

    /// <summary>A C# enum (S3's hand-written client has some: S3MetadataDirective); <see cref="TypeRef.KnownValues"/> are its member names.</summary>
    Enum,
    Structure,

    /// <summary><c>Amazon.Runtime.Documents.Document</c>: JSON the SDK does not model (Neptune's loader status payload).</summary>
    Document,

    /// <summary>A class generated for an object input read member by member (<c>Inputs.JobInput</c>); no SDK member takes it whole.</summary>
    InputObject,
    List,
    Map,
    Stream,
    Unknown,
}

/// <summary>
/// A C# type as generated code spells it (<see cref="Name"/> is fully qualified with global::),
/// reduced from the Roslyn symbol to what Emit needs.
/// </summary>
internal sealed record TypeRef(string Name, SdkTypeKind Kind, bool IsValueType, TypeRef? Element, EquatableArray<string> KnownValues)
{
    public static readonly TypeRef String = new("string", SdkTypeKind.String, false, null, EquatableArray<string>.Empty);
    public static readonly TypeRef Boolean = new("bool", SdkTypeKind.Boolean, true, null, EquatableArray<string>.Empty);
    public static readonly TypeRef Integer = new("int", SdkTypeKind.Integer, true, null, EquatableArray<string>.Empty);
    public static readonly TypeRef Long = new("long", SdkTypeKind.Long, true, null, EquatableArray<string>.Empty);
    public static readonly TypeRef Double = new("double", SdkTypeKind.Double, true, null, EquatableArray<string>.Empty);
    public static readonly TypeRef NullableInteger = new("int?", SdkTypeKind.Integer, true, null, EquatableArray<string>.Empty);
    public static readonly TypeRef Unknown = new("object", SdkTypeKind.Unknown, false, null, EquatableArray<string>.Empty);

    public bool IsNumeric => Kind is SdkTypeKind.Integer or SdkTypeKind.Long or SdkTypeKind.Double or SdkTypeKind.Float;

    /// <summary>The type without a trailing '?', e.g. "int" for "int?".</summary>
    public string NonNullableName => Name.EndsWith("?", System.StringComparison.Ordinal) ? Name.Substring(0, Name.Length - 1) : Name;

    /// <summary>The type spelled so it can hold null: "int?" for value types, "string?" for references.</summary>
    public string NullableName => NonNullableName + "?";
}
