using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Validate;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Bind;

/// <summary>
/// The workflows a document can run from others: <c>$sourceDescriptions.name.workflowId</c> where
/// <c>name</c> is a <c>type: arazzo</c> source that is also an AdditionalFile. Each referenced
/// document is bound once, on the side: its own diagnostics belong to its own file, which is bound
/// (and reported) in its own right.
/// </summary>
internal sealed class ExternalWorkflows
{
    private readonly Dictionary<string, ValidatedFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CalledWorkflow>?> _bound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cyclic = new(StringComparer.Ordinal);
    private readonly ClientCatalog _catalog;
    private readonly string _namespace;
    private readonly CancellationToken _cancellationToken;

    public ExternalWorkflows(IEnumerable<ValidatedFile> referenced, ClientCatalog catalog, string ns, CancellationToken cancellationToken)
    {
        foreach (var file in referenced)
        {
            _files[ReferencedDocuments.Normalize(file.FilePath)] = file;
        }

        _catalog = catalog;
        _namespace = ns;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Marks the file being bound, so a document that leads back to it is reported as a cycle.</summary>
    public void Binding(string filePath) => _bound[ReferencedDocuments.Normalize(filePath)] = null;

    /// <summary>The workflow <paramref name="reference"/> (a qualified workflowId) names, or null with the reason reported at it.</summary>
    public CalledWorkflow? Find(ArazzoDocument from, Reference reference, DiagnosticBag diagnostics)
    {
        var source = from.SourceDescriptions.FirstOrDefault(s => s.Name.Value == reference.Source);
        if (source is null || reference.Name.Length == 0)
        {
            return null; // Validate reported it.
        }

        if (source.EffectiveType != "arazzo")
        {
            diagnostics.Add(DiagnosticDescriptors.NotAnArazzoSource, reference.Span, reference.Value, source.Name.Value, source.EffectiveType);
            return null;
        }

        var path = source.Url is { } url ? ReferencedDocuments.Resolve(from.FilePath, url.Value) : null;
        if (path is not null && _bound.TryGetValue(path, out var inProgress) && inProgress is null)
        {
            // Every document being bound now is on the cycle.
            _cyclic.UnionWith(_bound.Where(b => b.Value is null).Select(b => b.Key));
            diagnostics.Add(DiagnosticDescriptors.DocumentCycle, reference.Span, source.Name.Value);
            return null;
        }

        if (path is null || !_files.TryGetValue(path, out var file))
        {
            diagnostics.Add(DiagnosticDescriptors.ArazzoSourceNotAdditionalFile, reference.Span, source.Name.Value, source.Url?.Value);
            return null;
        }

        if (file.Document is not { } document || file.HasErrors)
        {
            diagnostics.Add(DiagnosticDescriptors.ArazzoSourceHasErrors, reference.Span, source.Name.Value, source.Url?.Value);
            return null;
        }

        var workflows = Bind(path, document, file.Workflows);

        if (workflows.TryGetValue(reference.Name, out var called))
        {
            return called;
        }

        var ids = file.Workflows.Select(w => w.WorkflowId).ToList();
        if (_cyclic.Contains(path))
        {
            diagnostics.Add(DiagnosticDescriptors.DocumentCycle, reference.Span, source.Name.Value);
        }
        else if (ids.Contains(reference.Name))
        {
            diagnostics.Add(DiagnosticDescriptors.ExternalWorkflowHasErrors, reference.Span, reference.Name, source.Name.Value, source.Url?.Value);
        }
        else
        {
            diagnostics.Add(DiagnosticDescriptors.UnknownWorkflowTarget, reference.Span, reference.Name, NameSuggester.Hint(reference.Name, ids));
        }

        return null;
    }

    /// <returns>The document's workflows as callers see them.</returns>
    private Dictionary<string, CalledWorkflow> Bind(string path, ArazzoDocument document, EquatableArray<ResolvedWorkflow> resolved)
    {
        if (_bound.TryGetValue(path, out var known) && known is not null)
        {
            return known;
        }

        _bound[path] = null;
        var scratch = new DiagnosticBag(document.FilePath);
        FileBinder.BindDocument(document, resolved, _catalog, _namespace, this, scratch, _cancellationToken, out var asCalled);
        var external = asCalled.ToDictionary(p => p.Key, p => p.Value with { IsExternal = true }, StringComparer.Ordinal);
        _bound[path] = external;
        return external;
    }
}

/// <summary>The workflows a workflow's steps and actions can run: those of its own document bound so far, and those of other documents.</summary>
internal sealed class CalledWorkflows
{
    private readonly IReadOnlyDictionary<string, CalledWorkflow> _local;
    private readonly ExternalWorkflows _external;
    private readonly ArazzoDocument _document;

    public CalledWorkflows(IReadOnlyDictionary<string, CalledWorkflow> local, ExternalWorkflows external, ArazzoDocument document)
    {
        _local = local;
        _external = external;
        _document = document;
    }

    /// <summary>The workflow <paramref name="workflowId"/> names; null when it cannot run (the reason is reported, here or in its own file).</summary>
    public CalledWorkflow? Find(Reference workflowId, DiagnosticBag diagnostics) =>
        workflowId.IsQualified
            ? _external.Find(_document, workflowId, diagnostics)
            : _local.TryGetValue(workflowId.Value, out var called) ? called : null;
}
