using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
/// same, so the fingerprint holds its compilation weakly, every compilation whose fingerprint was read
/// is kept weakly under its value, and Bind takes one that is alive: the one the driver runs on always
/// is. The value is read lazily (see <see cref="Of"/>). Where no module version
/// can say what changed (SDK types declared in the project's own source, or in a project reference
/// the IDE gives as a compilation), the fingerprint names that source's syntax trees, so Bind runs
/// again on any edit of it, as it did on the compilation itself.
/// </remarks>
internal sealed class SdkFingerprint : IEquatable<SdkFingerprint>
{
    private static readonly ConcurrentDictionary<string, Compilations> Seen = new(StringComparer.Ordinal);

    private readonly WeakReference<Compilation> _compilation;
    private readonly object _reading = new();
    private string? _text;

    private SdkFingerprint(Compilation compilation) => _compilation = new WeakReference<Compilation>(compilation);

    /// <summary>
    /// The fingerprint of <paramref name="compilation"/>, read when first needed: when Bind reads
    /// symbols through it, or when the driver compares it with the last one. A project with no workflow
    /// file therefore reads nothing in a fresh compiler, where the first to ask a compilation for
    /// symbols pays for reading every reference's metadata.
    /// </summary>
    public static SdkFingerprint Of(Compilation compilation) => new(compilation);

    /// <summary>The fingerprint's value; null when it was never read and its compilation is gone (it then equals no other).</summary>
    private string? Text
    {
        get
        {
            lock (_reading)
            {
                if (_text is null && _compilation.TryGetTarget(out var compilation))
                {
                    _text = Read(compilation);
                    Remember(_text, compilation);
                }

                return _text;
            }
        }
    }

    private static string Read(Compilation compilation)
    {
        var text = new StringBuilder();
        var core = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly || !(SymbolEqualityComparer.Default.Equals(assembly, core) || IsAws(assembly)))
            {
                continue;
            }

            if (reference is PortableExecutableReference executable && ModuleVersion(executable) is { } version)
            {
                text.Append(assembly.Identity.GetDisplayName()).Append(' ').Append(version.ToString("N")).Append('\n');
            }
            else if (reference is CompilationReference project)
            {
                AppendTrees(text, project.Compilation);
            }
            else
            {
                text.Append("unique ").Append(Guid.NewGuid().ToString("N")).Append('\n');
            }
        }

        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is ClientCatalog.SourceAttribute or ClientCatalog.OperationAttribute or ClientCatalog.PayloadMemberAttribute)
            {
                text.Append(attribute).Append('\n');
            }
        }

        if (DeclaresClients(compilation))
        {
            AppendTrees(text, compilation);
        }

        return text.ToString();
    }

    /// <summary>Keeps <paramref name="compilation"/> weakly under its fingerprint, for Bind to read symbols from while any with that fingerprint lives.</summary>
    private static void Remember(string text, Compilation compilation)
    {
        while (true)
        {
            var seen = Seen.GetOrAdd(text, static _ => new Compilations());
            lock (seen)
            {
                if (seen.Forgotten)
                {
                    continue;
                }

                seen.Items.RemoveAll(w => !w.TryGetTarget(out _));
                seen.Items.Add(new WeakReference<Compilation>(compilation));
                break;
            }
        }

        // Fingerprints whose compilations are all gone are forgotten (unique ones are never seen again).
        foreach (var entry in Seen)
        {
            lock (entry.Value)
            {
                if (!entry.Value.Forgotten && entry.Value.Items.TrueForAll(w => !w.TryGetTarget(out _)))
                {
                    entry.Value.Forgotten = true;
                    Seen.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    /// <summary>A compilation that binds as every compilation with this fingerprint does.</summary>
    public Compilation Compilation
    {
        get
        {
            // Read now, while the compilation is alive: the driver compares this fingerprint with the next one.
            var text = Text;
            if (_compilation.TryGetTarget(out var own))
            {
                return own;
            }

            if (text is not null && Seen.TryGetValue(text, out var seen))
            {
                lock (seen)
                {
                    foreach (var weak in seen.Items)
                    {
                        if (weak.TryGetTarget(out var compilation))
                        {
                            return compilation;
                        }
                    }
                }
            }

            // The compilation the driver runs on was seen when this fingerprint was compared with its own, and is alive.
            throw new InvalidOperationException("No compilation is alive for this SDK fingerprint.");
        }
    }

    public bool Equals(SdkFingerprint? other) =>
        ReferenceEquals(this, other) || (other is not null && Text is { } text && string.Equals(text, other.Text, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as SdkFingerprint);

    public override int GetHashCode() => Text is { } text ? StringComparer.Ordinal.GetHashCode(text) : RuntimeHelpers.GetHashCode(this);

    private static readonly ConditionalWeakTable<SyntaxTree, string> TreeIds = new();
    private static long _nextTreeId;

    /// <summary>
    /// The identity of each syntax tree: SDK types in source bind the same while their trees are the
    /// same objects (an edit replaces a tree), with no need to read them.
    /// </summary>
    private static void AppendTrees(StringBuilder text, Compilation compilation)
    {
        text.Append("trees");
        foreach (var tree in compilation.SyntaxTrees)
        {
            text.Append(' ').Append(TreeIds.GetValue(tree, static _ => Interlocked.Increment(ref _nextTreeId).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        text.Append('\n');
    }

    private sealed class Compilations
    {
        public readonly List<WeakReference<Compilation>> Items = new();
        public bool Forgotten;
    }

    private static bool IsAws(IAssemblySymbol assembly) => assembly.Name == "AWSSDK.Core" || ClientCatalog.ReferencesSdk(assembly);

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
    private static bool DeclaresClients(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Amazon.Runtime.IAmazonService") is { } service
        && ClientCatalog.ClientInterfaces(compilation.Assembly.GlobalNamespace, service).Any();
}
