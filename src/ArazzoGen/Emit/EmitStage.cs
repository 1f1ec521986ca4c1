using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;

namespace ArazzoGen.Emit;

/// <summary>The Emit stage's output for one file: generated sources, and Bind's diagnostics to report.</summary>
internal sealed record EmittedFile(EquatableArray<GeneratedSource> Sources, EquatableArray<DiagnosticInfo> Diagnostics);

internal sealed record GeneratedSource(string HintName, string Text);

internal static class EmitStage
{
    public static EmittedFile Emit(BoundFile file) =>
        new(
            file.Workflows.Select(w => new GeneratedSource(w.HintName, WorkflowEmitter.Emit(w, file.FilePath))).ToEquatableArray(),
            file.Diagnostics);
}
