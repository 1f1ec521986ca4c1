namespace ArazzoGen.Model;

/// <summary>
/// An operationId, a step's or action's workflowId, or a dependsOn entry, split once by Parse: a plain
/// <see cref="Name"/>, or one qualified as <c>$sourceDescriptions.&lt;Source&gt;.&lt;Name&gt;</c>
/// (<see cref="Error"/> says why a <c>$</c> form is not one). Later stages read the parts; none re-parses the text.
/// </summary>
internal sealed record Reference(string Value, SourceSpan Span, string? Source, string Name, string? Error)
{
    /// <summary>Written with a <c>$</c>: qualified by a source description, or malformed (<see cref="Error"/>).</summary>
    public bool IsQualified => Source is not null || Error is not null;

    public static implicit operator Located<string>(Reference reference) => new(reference.Value, reference.Span);
}

/// <summary>An operationPath, split once by Parse: the source description it names and, in the AWS JSON form, the operation.</summary>
/// <remarks>
/// <see cref="Operation"/> is set when the path names one (the X-Amz-Target form of JSON-protocol APIs);
/// otherwise <see cref="HttpMethod"/> and <see cref="HttpPath"/> say which path item it points at
/// (REST APIs: <c>#/paths/~1{Bucket}~1{Key+}/head</c>), and Bind finds the operation with that HTTP binding.
/// </remarks>
internal sealed record PathReference(string Value, SourceSpan Span, string? Source, string? Operation, string? HttpMethod = null, string? HttpPath = null)
{
    public static implicit operator Located<string>(PathReference reference) => new(reference.Value, reference.Span);
}
