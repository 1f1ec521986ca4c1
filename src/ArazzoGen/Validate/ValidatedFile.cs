using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse;
using ArazzoGen.Validate.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Validate;

/// <summary>
/// The Validate stage's output for one file: the document as Bind needs it (payload replacements
/// applied), its workflows resolved, and every parse and validation diagnostic.
/// </summary>
/// <param name="Workflows">The document's workflows resolved, each after those it runs or depends on (the order to bind them in).</param>
internal sealed record ValidatedFile(string FilePath, ArazzoDocument? Document, EquatableArray<ResolvedWorkflow> Workflows, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public static ValidatedFile From(ParsedFile parsed)
    {
        var diagnostics = new DiagnosticBag(parsed.FilePath);
        diagnostics.AddRange(parsed.Diagnostics);
        var document = parsed.Document;
        var workflows = EquatableArray<ResolvedWorkflow>.Empty;
        if (document is not null)
        {
            // The rules read the document as written (replacements included); Bind gets the payloads replaced.
            var written = document;
            document = PayloadReplacements.Resolve(written, diagnostics);
            workflows = WorkflowResolver.Resolve(document);
            DocumentValidator.Validate(written, workflows, diagnostics);
            workflows = WorkflowResolver.CalleesFirst(workflows);
        }

        return new ValidatedFile(parsed.FilePath, document, workflows, diagnostics.ToEquatableArray());
    }
}
