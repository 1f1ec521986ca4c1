using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// A document's workflows by id, built once per document: rules look workflows up for every step,
/// action and expression, and a list search each time would be quadratic in a large document.
/// </summary>
internal sealed class DocumentIndex
{
    private static readonly ConditionalWeakTable<ArazzoDocument, DocumentIndex> Cache = new();

    private DocumentIndex(ArazzoDocument document)
    {
        Ids = document.Workflows.Select(w => w.WorkflowId.Value).ToList();
        ById = document.Workflows.GroupBy(w => w.WorkflowId.Value).ToDictionary(g => g.Key, g => g.First(), System.StringComparer.Ordinal);
    }

    /// <summary>Every workflowId, in document order (duplicates included).</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The first workflow with each id.</summary>
    public IReadOnlyDictionary<string, Workflow> ById { get; }

    public static DocumentIndex For(ArazzoDocument document) => Cache.GetValue(document, d => new DocumentIndex(d));
}
