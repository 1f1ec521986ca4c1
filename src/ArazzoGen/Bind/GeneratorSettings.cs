using System.Linq;

namespace ArazzoGen.Bind;

/// <summary>MSBuild properties the generator reads (made compiler-visible by build/ArazzoGen.props).</summary>
internal sealed record GeneratorSettings(string Namespace)
{
    public static GeneratorSettings From(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
    {
        var ns = options.TryGetValue("build_property.ArazzoNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : options.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root)
                ? root + ".Workflows"
                : "ArazzoWorkflows";
        return new GeneratorSettings(Sanitize(ns));
    }

    private static string Sanitize(string ns) =>
        string.Join(".", ns.Split('.').Where(p => p.Length > 0).Select(Identifiers.Pascal)) is { Length: > 0 } clean ? clean : "ArazzoWorkflows";
}
