using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Validate;

/// <summary>
/// The Validate stage's output for one file: the document as Bind needs it (payload replacements
/// applied) and every parse and validation diagnostic.
/// </summary>
internal sealed record ValidatedFile(string FilePath, ArazzoDocument? Document, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public static ValidatedFile From(ParsedFile parsed)
    {
        var diagnostics = new DiagnosticBag(parsed.FilePath);
        diagnostics.AddRange(parsed.Diagnostics);
        var document = parsed.Document;
        if (document is not null)
        {
            DocumentValidator.Validate(document, diagnostics);
            document = PayloadReplacements.Resolve(document, diagnostics);
        }

        return new ValidatedFile(parsed.FilePath, document, diagnostics.ToEquatableArray());
    }
}
