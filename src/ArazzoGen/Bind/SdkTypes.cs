using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// Reduces AWS SDK types found in the compilation to <see cref="TypeRef"/>s and answers
/// questions about their members (names, settability, constraints), so nothing after Bind sees a symbol.
/// </summary>
internal sealed class SdkTypes
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, TypeRef> _cache = new(SymbolEqualityComparer.Default);

    public SdkTypes(Compilation compilation)
    {
        ConstantClass = compilation.GetTypeByMetadataName("Amazon.Runtime.ConstantClass");
        ServiceInterface = compilation.GetTypeByMetadataName("Amazon.Runtime.IAmazonService");
        Request = compilation.GetTypeByMetadataName("Amazon.Runtime.AmazonWebServiceRequest");
        Response = compilation.GetTypeByMetadataName("Amazon.Runtime.AmazonWebServiceResponse");
        PropertyAttribute = compilation.GetTypeByMetadataName("Amazon.Runtime.Internal.AWSPropertyAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        _primitives = new Dictionary<SdkTypeKind, ITypeSymbol>
        {
            [SdkTypeKind.String] = compilation.GetSpecialType(SpecialType.System_String),
            [SdkTypeKind.Integer] = compilation.GetSpecialType(SpecialType.System_Int32),
            [SdkTypeKind.Double] = compilation.GetSpecialType(SpecialType.System_Double),
            [SdkTypeKind.Boolean] = compilation.GetSpecialType(SpecialType.System_Boolean),
        };
    }

    private readonly Dictionary<SdkTypeKind, ITypeSymbol> _primitives;

    /// <summary>The symbol of a schema-typed input (string, int, double, bool), to bind values into it like an SDK member.</summary>
    public ITypeSymbol? Primitive(TypeRef type) => _primitives.TryGetValue(type.Kind, out var symbol) ? symbol : null;

    public INamedTypeSymbol? ConstantClass { get; }

    public INamedTypeSymbol? ServiceInterface { get; }

    public INamedTypeSymbol? Request { get; }

    public INamedTypeSymbol? Response { get; }

    public INamedTypeSymbol? PropertyAttribute { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? Dictionary { get; }

    /// <summary>False when AWSSDK.Core is not referenced: nothing can be bound.</summary>
    public bool IsAvailable => ServiceInterface is not null && Request is not null && Response is not null;

    public static string Name(ITypeSymbol type) => type.ToDisplayString(Format);

    public TypeRef Describe(ITypeSymbol type)
    {
        if (_cache.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var described = DescribeUncached(type);
        _cache.TryAdd(type, described);
        return described;
    }

    private TypeRef DescribeUncached(ITypeSymbol type)
    {
        var name = Name(type);
        var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        TypeRef Simple(SdkTypeKind kind) => new(name, kind, type.IsValueType, null, EquatableArray<string>.Empty);

        switch (underlying.SpecialType)
        {
            case SpecialType.System_String:
                return Simple(SdkTypeKind.String);
            case SpecialType.System_Boolean:
                return Simple(SdkTypeKind.Boolean);
            case SpecialType.System_Int32:
                return Simple(SdkTypeKind.Integer);
            case SpecialType.System_Int64:
                return Simple(SdkTypeKind.Long);
            case SpecialType.System_Double:
                return Simple(SdkTypeKind.Double);
            case SpecialType.System_Single:
                return Simple(SdkTypeKind.Float);
            case SpecialType.System_DateTime:
                return Simple(SdkTypeKind.DateTime);
        }

        if (underlying is not INamedTypeSymbol named)
        {
            return Simple(SdkTypeKind.Unknown);
        }

        if (InheritsFrom(named, ConstantClass))
        {
            var values = named.GetMembers().OfType<IFieldSymbol>()
                .Where(f => f.IsStatic && f.DeclaredAccessibility == Accessibility.Public && SymbolEqualityComparer.Default.Equals(f.Type, named))
                .Select(f => f.Name)
                .ToEquatableArray();
            return new TypeRef(name, SdkTypeKind.Constant, false, null, values);
        }

        if (named.Name == "Document" && named.ContainingNamespace.ToDisplayString() == "Amazon.Runtime.Documents")
        {
            return Simple(SdkTypeKind.Document);
        }

        if (named.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
        {
            var members = named.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).Select(f => f.Name).ToEquatableArray();
            return new TypeRef(name, SdkTypeKind.Enum, true, null, members);
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, List))
        {
            return new TypeRef(name, SdkTypeKind.List, false, Describe(named.TypeArguments[0]), EquatableArray<string>.Empty);
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Dictionary) && named.TypeArguments[0].SpecialType == SpecialType.System_String)
        {
            return new TypeRef(name, SdkTypeKind.Map, false, Describe(named.TypeArguments[1]), EquatableArray<string>.Empty);
        }

        if (named.Name == "MemoryStream" || named.Name == "Stream")
        {
            return Simple(SdkTypeKind.Stream);
        }

        if (named.TypeKind != Microsoft.CodeAnalysis.TypeKind.Class)
        {
            return Simple(SdkTypeKind.Unknown);
        }

        _structures.TryAdd(name, named);
        return Simple(SdkTypeKind.Structure);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, INamedTypeSymbol> _structures = new(StringComparer.Ordinal);

    /// <summary>
    /// The members of a structure <see cref="Describe"/> has seen that can be both read and set: what
    /// a checkpoint keeps of it.
    /// </summary>
    /// <remarks>
    /// <c>Is{X}Set</c> flags (DynamoDB's AttributeValue.IsLSet) are left out: they say whether X is
    /// set, which X itself carries, and setting one after X could empty it.
    /// </remarks>
    public IReadOnlyList<Model.StateMember> StructureMembers(TypeRef structure)
    {
        if (!_structures.TryGetValue(structure.Name, out var symbol))
        {
            return Array.Empty<Model.StateMember>();
        }

        var properties = AllProperties(symbol)
            .Where(p => p.GetMethod is { DeclaredAccessibility: Accessibility.Public } && p.SetMethod is { DeclaredAccessibility: Accessibility.Public })
            .ToList();
        var names = new HashSet<string>(properties.Select(p => p.Name), StringComparer.Ordinal);
        return properties
            .Where(p => !(p.Name.StartsWith("Is", StringComparison.Ordinal) && p.Name.EndsWith("Set", StringComparison.Ordinal) && p.Name.Length > 5 && names.Contains(p.Name.Substring(2, p.Name.Length - 5))))
            .Select(p => new Model.StateMember(p.Name, Describe(p.Type)))
            .ToList();
    }

    /// <summary>Public instance properties with a public setter, base types included (request members).</summary>
    public static IReadOnlyList<IPropertySymbol> SettableProperties(ITypeSymbol type) =>
        AllProperties(type).Where(p => p.SetMethod is { DeclaredAccessibility: Accessibility.Public }).ToList();

    /// <summary>Public instance properties with a getter, base types included (response members).</summary>
    public static IReadOnlyList<IPropertySymbol> ReadableProperties(ITypeSymbol type) =>
        AllProperties(type).Where(p => p.GetMethod is { DeclaredAccessibility: Accessibility.Public }).ToList();

    /// <summary>The property named <paramref name="name"/>: exact match first, then case-insensitive.</summary>
    public static IPropertySymbol? FindProperty(IReadOnlyList<IPropertySymbol> properties, string name) =>
        properties.FirstOrDefault(p => p.Name == name)
        ?? properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The member's <c>[AWSProperty]</c> constraints.</summary>
    public MemberConstraints Constraints(IPropertySymbol property)
    {
        var attribute = property.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, PropertyAttribute));
        if (attribute is null)
        {
            return MemberConstraints.None;
        }

        bool required = false;
        long? min = null, max = null;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Required" when argument.Value.Value is bool b:
                    required = b;
                    break;
                case "Min" when argument.Value.Value is long l:
                    min = l;
                    break;
                case "Max" when argument.Value.Value is long l:
                    max = l;
                    break;
            }
        }

        return new MemberConstraints(required, min, max);
    }

    public static bool InheritsFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var current = type.BaseType; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<IPropertySymbol> AllProperties(ITypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }
}
