using System.Linq;
using System.Threading;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Validate;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>
/// The Bind stage for one file: resolves its workflows against the compilation's AWS SDK types.
/// A file with validation errors is not bound (its errors would only cascade).
/// </summary>
internal static class FileBinder
{
    public static BoundFile Bind(ValidatedFile file, Compilation compilation, GeneratorSettings settings, CancellationToken cancellationToken)
    {
        if (file.Document is not { } document || file.HasErrors)
        {
            return new BoundFile(file.FilePath, EquatableArray<BoundWorkflow>.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        var diagnostics = new DiagnosticBag(file.FilePath);
        var catalog = ClientCatalog.For(compilation);
        if (!catalog.Types.IsAvailable)
        {
            foreach (var workflow in document.Workflows)
            {
                diagnostics.Add(DiagnosticDescriptors.NoSdkCore, workflow.WorkflowId.Span, workflow.WorkflowId.Value);
            }

            return new BoundFile(file.FilePath, EquatableArray<BoundWorkflow>.Empty, diagnostics.ToEquatableArray());
        }

        var sources = new SourceBinder(document, catalog, diagnostics);
        var classNames = new UniqueNames();
        var claimedBy = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.Ordinal);
        var workflows = document.Workflows
            .Select(w =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var wanted = WorkflowBinder.ClassNameOf(w);
                var className = classNames.Take(wanted);
                if (className != wanted)
                {
                    diagnostics.Add(DiagnosticDescriptors.ClassNameCollision, w.WorkflowId.Span, w.WorkflowId.Value, wanted, claimedBy[wanted], "in this file", $"it is generated as {className}");
                }

                claimedBy[className] = w.WorkflowId.Value;
                return WorkflowBinder.Bind(document, w, catalog, sources, settings.Namespace, className, diagnostics);
            })
            .Where(w => w is not null)
            .Select(w => w!)
            .ToEquatableArray();
        return new BoundFile(file.FilePath, workflows, diagnostics.ToEquatableArray());
    }
}

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
