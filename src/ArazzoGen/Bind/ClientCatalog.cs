using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Aws;
using ArazzoGen.Helpers;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// The AWS SDK client interfaces a compilation can call (interfaces deriving from
/// <c>Amazon.Runtime.IAmazonService</c>), and the user's <c>[assembly: ArazzoSource]</c> and
/// <c>[assembly: ArazzoOperation]</c> bindings. Only the source and assemblies that reference
/// AWSSDK.Core are searched, never every type of every reference.
/// </summary>
internal sealed class ClientCatalog
{
    public const string SourceAttribute = "ArazzoGen.ArazzoSourceAttribute";
    public const string OperationAttribute = "ArazzoGen.ArazzoOperationAttribute";
    public const string PayloadMemberAttribute = "ArazzoGen.ArazzoPayloadMemberAttribute";

    private ClientCatalog(SdkTypes types, IReadOnlyList<INamedTypeSymbol> interfaces)
    {
        Types = types;
        Interfaces = interfaces;
    }

    public SdkTypes Types { get; }

    public IReadOnlyList<INamedTypeSymbol> Interfaces { get; }

    /// <summary>source name -> the client interface named in <c>[assembly: ArazzoSource]</c>.</summary>
    public Dictionary<string, INamedTypeSymbol> SourceBindings { get; } = new(StringComparer.Ordinal);

    // Keyed by CompositeKey, not by tuples.
    private readonly Dictionary<string, string> _operationBindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _payloadMemberBindings = new(StringComparer.Ordinal);

    /// <summary>The SDK method name <c>[assembly: ArazzoOperation]</c> gives (source, operationId).</summary>
    public bool TryGetOperationBinding(string source, string operationId, out string method) =>
        _operationBindings.TryGetValue(CompositeKey.Of(source, operationId), out method!);

    /// <summary>The member name <c>[assembly: ArazzoPayloadMember]</c> gives a payload member of (source, operationId); null to drop it.</summary>
    public bool TryGetPayloadMemberBinding(string source, string operationId, string member, out string? replacement) =>
        _payloadMemberBindings.TryGetValue(CompositeKey.Of(source, operationId, member), out replacement);

    // One catalog per compilation, shared by every file's Bind: scanning the SDK assemblies once, not
    // once per workflow file. Weakly keyed, and never part of a pipeline output, so no old
    // compilation is kept alive.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, ClientCatalog> Catalogs = new();

    public static ClientCatalog For(Compilation compilation) => Catalogs.GetValue(compilation, Build);

    private static ClientCatalog Build(Compilation compilation)
    {
        var types = new SdkTypes(compilation);
        var interfaces = new List<INamedTypeSymbol>();
        if (types.ServiceInterface is { } service)
        {
            foreach (var assembly in AssembliesToSearch(compilation))
            {
                interfaces.AddRange(ClientInterfaces(assembly.GlobalNamespace, service));
            }
        }

        var catalog = new ClientCatalog(types, interfaces);
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            var args = attribute.ConstructorArguments;
            if (name == SourceAttribute && args.Length == 2 && args[0].Value is string source && args[1].Value is INamedTypeSymbol client)
            {
                catalog.SourceBindings[source] = client;
            }
            else if (name == OperationAttribute && args.Length == 3 && args[0].Value is string opSource && args[1].Value is string operationId && args[2].Value is string method)
            {
                catalog._operationBindings[CompositeKey.Of(opSource, operationId)] = method;
            }
            else if (name == PayloadMemberAttribute && args.Length == 4 && args[0].Value is string pSource && args[1].Value is string pOperation && args[2].Value is string member)
            {
                catalog._payloadMemberBindings[CompositeKey.Of(pSource, pOperation, member)] = args[3].Value as string;
            }
        }

        return catalog;
    }

    /// <summary>
    /// The SDK method for an operationId: <c>{operationId}Async(XRequest, CancellationToken)</c>,
    /// case-insensitively; else the method the SDK calls the API's operation of that name by
    /// (S3 <c>HeadObject</c> is <c>GetObjectMetadataAsync</c>).
    /// </summary>
    /// <remarks>
    /// Looked up by name: a client interface has hundreds of methods, and reading every signature to
    /// find one is most of what a fresh compiler would otherwise spend on them.
    /// </remarks>
    public IMethodSymbol? FindOperation(INamedTypeSymbol client, string operationId)
    {
        var wanted = operationId.EndsWith("Async", StringComparison.Ordinal) ? operationId : operationId + "Async";
        return OperationNamed(client, wanted)
            ?? MemberNamesIgnoringCase(client, wanted).Select(spelled => OperationNamed(client, spelled)).FirstOrDefault(m => m is not null)
            ?? (ApiOf(client)?.Operation(operationId) is { } api && api.DotNetName != api.Name
                ? OperationNamed(client, api.DotNetName + "Async")
                : null);
    }

    /// <summary>The request-overload operation method of a client with exactly this name, or null.</summary>
    public IMethodSymbol? OperationNamed(INamedTypeSymbol client, string methodName) =>
        client.GetMembers(methodName).OfType<IMethodSymbol>()
            .Concat(client.AllInterfaces.SelectMany(i => i.GetMembers(methodName).OfType<IMethodSymbol>()))
            .FirstOrDefault(IsOperation);

    private static IEnumerable<string> MemberNamesIgnoringCase(INamedTypeSymbol client, string name) =>
        client.GetMembers().Concat(client.AllInterfaces.SelectMany(i => i.GetMembers()))
            .Select(m => m.Name)
            .Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal);

    /// <summary>What the AWS model says about the API a client calls, or null when no model has it.</summary>
    public AwsApi? ApiOf(INamedTypeSymbol client) =>
        _apis.GetOrAdd(client, c => AwsApiIndex.Shared.ForNamespace(c.ContainingNamespace.ToDisplayString()));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, AwsApi?> _apis = new(SymbolEqualityComparer.Default);

    /// <summary>Every request-overload operation method of a client (the convenience overloads are skipped), for messages that list or suggest them.</summary>
    public IEnumerable<IMethodSymbol> Operations(INamedTypeSymbol client) =>
        client.GetMembers().OfType<IMethodSymbol>()
            .Concat(client.AllInterfaces.SelectMany(i => i.GetMembers().OfType<IMethodSymbol>()))
            .Where(IsOperation);

    private bool IsOperation(IMethodSymbol m) =>
        !m.IsStatic
        && m.Name.EndsWith("Async", StringComparison.Ordinal)
        && m.Parameters.Length >= 1
        && SdkTypes.InheritsFrom(m.Parameters[0].Type, Types.Request)
        && m.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task
        && SymbolEqualityComparer.Default.Equals(task.OriginalDefinition, Types.Task);

    public static string OperationName(IMethodSymbol method) => method.Name.Substring(0, method.Name.Length - "Async".Length);

    private static IEnumerable<IAssemblySymbol> AssembliesToSearch(Compilation compilation)
    {
        yield return compilation.Assembly;
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name != "AWSSDK.Core" && ReferencesSdk(assembly))
            {
                yield return assembly;
            }
        }
    }

    /// <summary>Whether an assembly references AWSSDK.Core: where AWS client interfaces can be.</summary>
    public static bool ReferencesSdk(IAssemblySymbol assembly) =>
        assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(r => r.Name == "AWSSDK.Core"));

    /// <summary>The public interfaces under <paramref name="root"/> that extend <paramref name="service"/> (IAmazonService).</summary>
    public static IEnumerable<INamedTypeSymbol> ClientInterfaces(INamespaceSymbol root, INamedTypeSymbol service)
    {
        var pending = new Stack<INamespaceSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var child in current.GetNamespaceMembers())
            {
                pending.Push(child);
            }

            foreach (var type in current.GetTypeMembers())
            {
                // Accessibility and abstractness are flags in metadata; the kind of a class is not (it
                // takes reading the base type), so thousands of model classes are passed over by their flags.
                if (type.DeclaredAccessibility == Accessibility.Public
                    && type.IsAbstract
                    && type.TypeKind == TypeKind.Interface
                    && type.AllInterfaces.Contains(service, SymbolEqualityComparer.Default))
                {
                    yield return type;
                }
            }
        }
    }
}
