using ArazzoGen.Helpers;

namespace ArazzoGen.Model;

internal enum ExpressionRoot
{
    Url,
    Method,
    StatusCode,
    Request,
    Response,
    Inputs,
    Outputs,
    Steps,
    Workflows,
    SourceDescriptions,
    Components,
}

/// <summary>
/// A parsed runtime expression: its root, the dotted segments after it, and an optional JSON
/// Pointer (decoded tokens). <c>$steps.poll.outputs.status#/0</c> is Root=Steps,
/// Path=[poll, outputs, status], Pointer=[0].
/// </summary>
internal sealed record RuntimeExpression(
    ExpressionRoot Root,
    EquatableArray<string> Path,
    bool HasPointer,
    EquatableArray<string> Pointer,
    string Text,
    SourceSpan Span)
{
    /// <summary>For $request/$response: header, query, path or body.</summary>
    public string? Source => Root is ExpressionRoot.Request or ExpressionRoot.Response && Path.Count > 0 ? Path[0] : null;

    public string? Segment(int index) => index < Path.Count ? Path[index] : null;

    public override string ToString() => Text;
}
