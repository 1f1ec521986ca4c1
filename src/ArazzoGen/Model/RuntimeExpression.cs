using System.Linq;
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

    /// <summary>A body read with dots (<c>$response.body.id</c>), which the ABNF writes as a JSON Pointer (<c>$response.body#/id</c>); <see cref="Pointer"/> holds what it means.</summary>
    public bool FromDots { get; init; }

    /// <summary>Written as an Arazzo 1.1 Selector Object (<c>context</c>, <c>selector</c>, <c>type</c>), which names this expression.</summary>
    public bool FromSelector { get; init; }

    /// <summary>The expression as the ABNF writes it.</summary>
    public string PointerForm => Root is ExpressionRoot.Request or ExpressionRoot.Response
        ? $"${(Root == ExpressionRoot.Request ? "request" : "response")}.body#" + string.Concat(Pointer.Select(t => "/" + t.Replace("~", "~0").Replace("/", "~1")))
        : Text;

    public override string ToString() => Text;
}
