using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ArazzoGen.Model;
using ArazzoGen.Bind.Model;
using ArazzoGen.Bind.StateMachines;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Validate;
using ArazzoGen.Validate.Model;
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
        var workflows = BindDocument(document, file.Workflows, catalog, settings.Namespace, external, diagnostics, cancellationToken, out _, input.Descriptions);
        if (settings.StateMachines)
        {
            // Callee-first, as Validate ordered them: a workflow's dependencies are written before it.
            var written = new StateMachineCatalog();
            var definitions = file.Workflows
                .Select(resolved => (resolved, bound: workflows.FirstOrDefault(w => w.WorkflowId == resolved.WorkflowId)))
                .Where(pair => pair.bound is not null)
                .ToDictionary(pair => pair.resolved.WorkflowId, pair => StateMachineBinder.Bind(pair.bound!, pair.resolved, written, diagnostics), StringComparer.Ordinal);
            workflows = workflows.Select(w => w with
            {
                StateMachine = definitions[w.WorkflowId].Definition,
                StateMachinePolicy = definitions[w.WorkflowId].Policy,
                RolePolicy = written.ClassPolicy(w).ToDocument(),
            }).ToEquatableArray();
        }

        return new BoundFile(file.FilePath, workflows, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Binds a document's workflows in the order Validate resolved them (each after the workflows it
    /// runs and depends on), so a step knows the types of what it passes and reads back.
    /// </summary>
    /// <param name="asCalled">Each bound workflow as a step of another workflow sees it.</param>
    /// <returns>The bound workflows in document order.</returns>
    internal static EquatableArray<BoundWorkflow> BindDocument(
        ArazzoDocument document, EquatableArray<ResolvedWorkflow> resolved, ClientCatalog catalog, string ns, ExternalWorkflows external, DiagnosticBag diagnostics, CancellationToken cancellationToken,
        out Dictionary<string, CalledWorkflow> asCalled, EquatableArray<NamedDescription> descriptions = default)
    {
        var sources = new SourceBinder(document, catalog, diagnostics, descriptions);
        var classNames = ClassNames(document, diagnostics);
        var called = new Dictionary<string, CalledWorkflow>(StringComparer.Ordinal);
        var bound = new Dictionary<Workflow, BoundWorkflow>(ReferenceIdentity.Instance);
        foreach (var workflow in resolved)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var context = new CalledWorkflows(called, external, document);
            if (WorkflowBinder.Bind(document, workflow, catalog, sources, context, ns, classNames[workflow.Workflow], diagnostics) is { } result)
            {
                bound[workflow.Workflow] = result.Bound;
                called[workflow.WorkflowId] = result.AsCalled;
            }
        }

        ExplainMissing(document, resolved.Where(w => !bound.ContainsKey(w.Workflow)).OrderBy(w => w.Workflow.Span.Start).ToList(), diagnostics);
        asCalled = called;
        return document.Workflows.Where(bound.ContainsKey).Select(w => bound[w]).ToEquatableArray();
    }

    /// <summary>
    /// The invariant: a workflow is generated, or an error says why at its own YAML. A cause reported
    /// elsewhere (a source description, a workflow it runs) is named from the workflow's id.
    /// </summary>
    private static void ExplainMissing(ArazzoDocument document, List<ResolvedWorkflow> missing, DiagnosticBag diagnostics)
    {
        var missingIds = new HashSet<string>(missing.Select(w => w.WorkflowId), StringComparer.Ordinal);
        foreach (var resolved in missing)
        {
            var (workflow, runs) = (resolved.Workflow, resolved.Runs);
            var errors = diagnostics.Errors.ToList();
            if (errors.Any(e => Within(e, workflow.Span)))
            {
                continue;
            }

            // A workflow it runs or depends on is missing: that one says why.
            var needs = runs.Concat(workflow.DependsOn).Select(r => r.Value)
                .Where(missingIds.Contains)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            // Otherwise the errors outside every workflow (at a source description, say).
            var elsewhere = errors.Where(e => !document.Workflows.Any(w => Within(e, w.Span)))
                .Select(e => $"{e.Id} at line {e.Location.LineSpan.Start.Line + 1}").Distinct().Take(5).ToList();
            var reason = needs.Count > 0
                ? $"it runs or depends on workflow {string.Join(", ", needs.Select(n => $"'{n}'"))}, which is not generated"
                : elsewhere.Count > 0
                    ? "of the error" + (elsewhere.Count > 1 ? "s " : " ") + string.Join(", ", elsewhere)
                    : "a workflow it runs (in another document) has errors, or one of its steps could not be bound";
            diagnostics.Add(DiagnosticDescriptors.WorkflowNotGenerated, workflow.WorkflowId.Span, workflow.WorkflowId.Value, reason);
        }
    }

    private static bool Within(DiagnosticInfo diagnostic, SourceSpan span) =>
        diagnostic.Location.TextSpan.Start >= span.Start && diagnostic.Location.TextSpan.End <= span.Start + span.Length;

    /// <summary>Each workflow's class name, in document order; a name taken twice is reported and made unique.</summary>
    private static Dictionary<Workflow, string> ClassNames(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        var names = new UniqueNames();
        var claimedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new Dictionary<Workflow, string>(ReferenceIdentity.Instance);
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
}
