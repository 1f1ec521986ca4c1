using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// A generator that does nothing but ask a fresh compilation the questions every compile asks first:
/// the symbols of its references (Roslyn reads and binds each reference's metadata) and its own
/// assembly attributes. Placed before ArazzoGen on the compiler's command line, it pays for that
/// first reading, which the compiler's report otherwise bills to whichever generator asks first, so
/// ArazzoGen's reported time is then what it adds to the compile.
/// </summary>
internal static class ReferenceBindingGenerator
{
    private const string Source = """
        using Microsoft.CodeAnalysis;

        [Generator]
        public sealed class ReferenceBindingGenerator : IIncrementalGenerator
        {
            public void Initialize(IncrementalGeneratorInitializationContext context) =>
                context.RegisterSourceOutput(context.CompilationProvider.Select(static (compilation, _) => Bind(compilation)), static (_, _) => { });

            // Returns the compilation, a class: a node value of a struct type would make the compiler JIT-compile node-table code for it.
            private static Compilation Bind(Compilation compilation)
            {
                foreach (var reference in compilation.References)
                {
                    _ = compilation.GetAssemblyOrModuleSymbol(reference);
                }

                _ = compilation.Assembly.GetAttributes();
                return compilation;
            }
        }
        """;

    /// <summary>Compiles the generator into <paramref name="folder"/> against the Roslyn that <paramref name="generator"/> (ArazzoGen) references, so the same compilers load it.</summary>
    public static string Build(string folder, string generator)
    {
        var roslyn = RoslynReferencedBy(generator);
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "ReferenceBindingGenerator",
            new[] { CSharpSyntaxTree.ParseText(Source) },
            framework.Append(roslyn).Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        var path = Path.Combine(folder, "ReferenceBindingGenerator.dll");
        var emitted = compilation.Emit(path);
        return emitted.Success ? path : throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
    }

    /// <summary>The package's Microsoft.CodeAnalysis.dll of the version <paramref name="generator"/> was compiled against (the oldest compiler it supports).</summary>
    private static string RoslynReferencedBy(string generator)
    {
        using var pe = new PEReader(File.OpenRead(generator));
        var metadata = pe.GetMetadataReader();
        var version = metadata.AssemblyReferences.Select(metadata.GetAssemblyReference)
            .Single(r => metadata.GetString(r.Name) == "Microsoft.CodeAnalysis").Version;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "microsoft.codeanalysis.common", $"{version.Major}.{version.Minor}.{version.Build}", "lib", "netstandard2.0", "Microsoft.CodeAnalysis.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Restore src/ArazzoGen first: its Roslyn is not in the package folder.", path);
    }
}
