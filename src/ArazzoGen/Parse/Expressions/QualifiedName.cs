using System;
using System.Linq;
using ArazzoGen.Model;

namespace ArazzoGen.Parse.Expressions;

/// <summary>
/// An operationId, workflowId or dependsOn entry as written: a plain name, or one qualified by its
/// source description as <c>$sourceDescriptions.&lt;source&gt;.&lt;name&gt;</c>. The one place that
/// splits such text, for Validate and Bind alike.
/// </summary>
internal readonly record struct QualifiedName(string? Source, string Name, string? Error)
{
    public bool IsQualified => Source is not null || Error is not null;

    /// <summary>The model's reference for a located name: its parts split here, once.</summary>
    public static Reference? ToReference(Located<string>? located)
    {
        if (located is null)
        {
            return null;
        }

        var name = Parse(located.Value);
        return new Reference(located.Value, located.Span, name.Source, name.Name, name.Error);
    }

    public static QualifiedName Parse(string text)
    {
        if (!text.StartsWith("$", StringComparison.Ordinal))
        {
            return new QualifiedName(null, text, null);
        }

        var expression = RuntimeExpressionParser.TryParse(text, SourceSpan.Empty, out var error);
        return expression is { Root: ExpressionRoot.SourceDescriptions, Path.Count: >= 2 }
            ? new QualifiedName(expression.Path[0], string.Join(".", expression.Path.Skip(1)), null)
            : new QualifiedName(null, text, error ?? "expected $sourceDescriptions.<name>.<id>");
    }
}
