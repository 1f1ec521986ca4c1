using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

/// <summary>An Arazzo document as written, every node located in its file.</summary>
internal sealed record ArazzoDocument(
    string FilePath,
    Located<string> ArazzoVersion,
    Info Info,
    EquatableArray<SourceDescription> SourceDescriptions,
    EquatableArray<Workflow> Workflows,
    Components Components,
    SourceSpan Span);

internal sealed record Info(
    Located<string>? Title,
    string? Summary,
    string? Description,
    Located<string>? Version,
    SourceSpan Span);

internal sealed record SourceDescription(
    Located<string> Name,
    Located<string>? Url,
    Located<string>? Type,
    SourceSpan Span)
{
    /// <summary>The declared type; Arazzo's default is openapi.</summary>
    public string EffectiveType => Type?.Value ?? "openapi";
}

/// <summary>The reusable objects a document declares under <c>components</c>.</summary>
internal sealed record Components(
    EquatableArray<NamedComponent<InputsSchema>> Inputs,
    EquatableArray<NamedComponent<Parameter>> Parameters,
    EquatableArray<NamedComponent<WorkflowAction>> SuccessActions,
    EquatableArray<NamedComponent<WorkflowAction>> FailureActions,
    SourceSpan Span)
{
    public static readonly Components Empty = new(
        EquatableArray<NamedComponent<InputsSchema>>.Empty,
        EquatableArray<NamedComponent<Parameter>>.Empty,
        EquatableArray<NamedComponent<WorkflowAction>>.Empty,
        EquatableArray<NamedComponent<WorkflowAction>>.Empty,
        SourceSpan.Empty);
}

internal sealed record NamedComponent<T>(Located<string> Name, T Value)
    where T : System.IEquatable<T>;
