using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ArazzoGen.Model;
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
    public static BoundFile Bind(FileToBind input, Compilation compilation, GeneratorSettings settings, CancellationToken cancellationToken)
    {
        var file = input.File;
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

        var external = new ExternalWorkflows(input.Referenced, catalog, settings.Namespace, cancellationToken);
        external.Binding(file.FilePath);
        var (workflows, _) = BindDocument(document, catalog, settings.Namespace, external, diagnostics, cancellationToken);
        return new BoundFile(file.FilePath, workflows, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Binds a document's workflows, each after the workflows its steps and actions run (Validate
    /// ruled out cycles), so a step knows the types of what it passes and reads back.
    /// </summary>
    /// <returns>The bound workflows in document order, and each as a step of another workflow sees it.</returns>
    internal static (EquatableArray<BoundWorkflow> Workflows, Dictionary<string, CalledWorkflow> AsCalled) BindDocument(
        ArazzoDocument document, ClientCatalog catalog, string ns, ExternalWorkflows external, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var sources = new SourceBinder(document, catalog, diagnostics);
        var classNames = ClassNames(document, diagnostics);
        var called = new Dictionary<string, CalledWorkflow>(StringComparer.Ordinal);
        var bound = new Dictionary<Workflow, BoundWorkflow>();
        var byId = document.Workflows.GroupBy(w => w.WorkflowId.Value).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var workflow in CalleesFirst(document, byId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var context = new CalledWorkflows(called, external, document);
            if (WorkflowBinder.Bind(document, workflow, catalog, sources, context, ns, classNames[workflow], diagnostics) is { } result)
            {
                bound[workflow] = result.Bound;
                called[workflow.WorkflowId.Value] = result.AsCalled;
            }
        }

        return (document.Workflows.Where(bound.ContainsKey).Select(w => bound[w]).ToEquatableArray(), called);
    }

    /// <summary>Each workflow's class name, in document order; a name taken twice is reported and made unique.</summary>
    private static Dictionary<Workflow, string> ClassNames(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        var names = new UniqueNames();
        var claimedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new Dictionary<Workflow, string>();
        foreach (var workflow in document.Workflows)
        {
            var wanted = WorkflowBinder.ClassNameOf(workflow);
            var className = names.Take(wanted);
            if (className != wanted)
            {
                diagnostics.Add(DiagnosticDescriptors.ClassNameCollision, workflow.WorkflowId.Span, workflow.WorkflowId.Value, wanted, claimedBy[wanted], "in this file", $"it is generated as {className}");
            }

            claimedBy[className] = workflow.WorkflowId.Value;
            result[workflow] = className;
        }

        return result;
    }

    /// <summary>The document's workflows, each after the workflows its steps and actions run (depth first; a cycle is cut, not followed).</summary>
    private static List<Workflow> CalleesFirst(ArazzoDocument document, Dictionary<string, Workflow> byId)
    {
        var order = new List<Workflow>();
        var state = new Dictionary<Workflow, bool>(); // false: being visited, true: done.
        foreach (var workflow in document.Workflows)
        {
            Visit(workflow);
        }

        return order;

        void Visit(Workflow workflow)
        {
            if (state.ContainsKey(workflow))
            {
                return;
            }

            state[workflow] = false;
            foreach (var (called, _) in WorkflowStepRules.RunsOf(workflow, byId, document.Components))
            {
                Visit(called);
            }

            state[workflow] = true;
            order.Add(workflow);
        }
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
