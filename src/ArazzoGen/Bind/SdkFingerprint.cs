using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// What Bind reads from a compilation, as a value: the identity and module version of every assembly
/// whose types it binds to (AWSSDK.Core, the assemblies that reference it, the core library) and the
/// project's Arazzo binding attributes. Bind's input is this instead of the compilation, so an edit
/// of the project's own C# that changes none of it does not re-run Bind.
/// </summary>
/// <remarks>
/// Bind still needs a compilation to read symbols from; a pipeline model must not hold one (the
/// driver would keep old compilations alive). Any compilation with an equal fingerprint binds the
/// same, so the newest one seen for each fingerprint is kept weakly, by value. Where no module version
/// can say what changed (SDK types declared in the project's own source, or in a project reference
/// the IDE gives as a compilation), the fingerprint equals no other and carries its compilation: it
/// is replaced on every run, as the compilation itself would be.
/// </remarks>
internal sealed class SdkFingerprint : IEquatable<SdkFingerprint>
{
    private const int Remembered = 16;
    private static readonly ConcurrentDictionary<string, WeakReference<Compilation>> Newest = new(StringComparer.Ordinal);

    private readonly string _text;
    private readonly Compilation? _unshared;

    private SdkFingerprint(string text, Compilation? unshared)
    {
        _text = text;
        _unshared = unshared;
    }

    public static SdkFingerprint Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var unshared = false;
        var core = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
        foreach (var reference in compilation.References)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly || !(SymbolEqualityComparer.Default.Equals(assembly, core) || IsAws(assembly)))
            {
                continue;
            }

            if (reference is PortableExecutableReference executable && ModuleVersion(executable) is { } version)
            {
                text.Append(assembly.Identity.GetDisplayName()).Append(' ').Append(version.ToString("N")).Append('\n');
            }
            else
            {
                unshared = true;
            }
        }

        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is ClientCatalog.SourceAttribute or ClientCatalog.OperationAttribute or ClientCatalog.PayloadMemberAttribute)
            {
                text.Append(attribute).Append('\n');
            }
        }

        unshared |= DeclaresClients(compilation);
        if (unshared)
        {
            return new SdkFingerprint(text.ToString(), compilation);
        }

        var fingerprint = new SdkFingerprint(text.ToString(), null);
        Newest[fingerprint._text] = new WeakReference<Compilation>(compilation);
        if (Newest.Count > Remembered)
        {
            foreach (var entry in Newest.Where(e => !e.Value.TryGetTarget(out _)).ToList())
            {
                Newest.TryRemove(entry.Key, out _);
            }
        }

        return fingerprint;
    }

    /// <summary>A compilation that binds as every compilation with this fingerprint does.</summary>
    public Compilation Compilation =>
        _unshared
        ?? (Newest.TryGetValue(_text, out var newest) && newest.TryGetTarget(out var compilation)
            ? compilation
            // The driver holds the compilation it runs on, whose fingerprint was just taken: unreachable.
            : throw new InvalidOperationException("No compilation is alive for this SDK fingerprint."));

    public bool Equals(SdkFingerprint? other) =>
        other is not null && _unshared is null && other._unshared is null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SdkFingerprint);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    private static bool IsAws(IAssemblySymbol assembly) =>
        assembly.Name == "AWSSDK.Core" || assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(r => r.Name == "AWSSDK.Core"));

    private static Guid? ModuleVersion(PortableExecutableReference reference)
    {
        try
        {
            return reference.GetMetadata() is AssemblyMetadata assembly ? assembly.GetModules()[0].GetModuleVersionId() : null;
        }
        catch (Exception e) when (e is BadImageFormatException or System.IO.IOException)
        {
            return null;
        }
    }

    /// <summary>Whether the project's own source declares an AWS client interface (Bind then reads source types).</summary>
    private static bool DeclaresClients(Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("Amazon.Runtime.IAmazonService") is not { } service)
        {
            return false;
        }

        var pending = new Stack<INamespaceSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var child in current.GetNamespaceMembers())
            {
                pending.Push(child);
            }

            if (current.GetTypeMembers().Any(t => t.TypeKind == TypeKind.Interface && t.AllInterfaces.Contains(service, SymbolEqualityComparer.Default)))
            {
                return true;
            }
        }

        return false;
    }
}
