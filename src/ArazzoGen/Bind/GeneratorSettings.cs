using System.Linq;

namespace ArazzoGen.Bind;

/// <summary>MSBuild properties the generator reads (made compiler-visible by build/ArazzoGen.props).</summary>
/// <param name="StateMachines">ArazzoStateMachines=true: each workflow class also carries its Step Functions definition (StateMachineDefinition).</param>
internal sealed record GeneratorSettings(string Namespace, bool StateMachines = false)
{
    public static GeneratorSettings From(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
    {
        var ns = options.TryGetValue("build_property.ArazzoNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : options.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root)
                ? root + ".Workflows"
                : "ArazzoWorkflows";
        var stateMachines = options.TryGetValue("build_property.ArazzoStateMachines", out var asl) && string.Equals(asl?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
        return new GeneratorSettings(Sanitize(ns), stateMachines);
    }

    private static string Sanitize(string ns) =>
        string.Join(".", ns.Split('.').Where(p => p.Length > 0).Select(Identifiers.Pascal)) is { Length: > 0 } clean ? clean : "ArazzoWorkflows";
}
