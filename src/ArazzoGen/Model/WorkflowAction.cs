using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

internal enum ActionKind
{
    End,
    Goto,
    Retry,
}

/// <summary>A success or failure action (both share one shape in Arazzo 1.0.1).</summary>
internal sealed record WorkflowAction(
    Located<string> Name,
    Located<ActionKind> Type,
    Reference? WorkflowId,
    Located<string>? StepId,
    Located<double>? RetryAfter,
    Located<long>? RetryLimit,
    EquatableArray<Criterion> Criteria,
    SourceSpan Span);

/// <summary>An action written inline, or a <c>reference</c> to components.successActions/failureActions.</summary>
internal sealed record ActionOrReference(WorkflowAction? Action, ComponentReference? Reference, SourceSpan Span);
