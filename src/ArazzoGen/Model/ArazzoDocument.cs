using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

/// <summary>An Arazzo document as written, every node located in its file.</summary>
/// <remarks>Parse reads every field of Arazzo 1.0 and 1.1; Validate says which the document's own version has.</remarks>
internal sealed record ArazzoDocument(
    string FilePath,
    Located<string> ArazzoVersion,
    Located<string>? Self,
    Info Info,
    EquatableArray<SourceDescription> SourceDescriptions,
    EquatableArray<Workflow> Workflows,
    Components Components,
    SourceSpan Span)
{
    /// <summary>Arazzo 1.1 or later: what the document may use of that version (<c>$self</c>, step timeouts, Selector Objects).</summary>
    public bool IsAtLeast11 => !ArazzoVersion.Value.StartsWith("1.0.", System.StringComparison.Ordinal);
}

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
