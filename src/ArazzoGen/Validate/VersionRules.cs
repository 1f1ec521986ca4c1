using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// What a document that declares Arazzo 1.0.x uses of 1.1 (<c>$self</c>, asyncapi sources, the step's
/// <c>timeout</c>, <c>dependsOn</c> and AsyncAPI fields, <c>in: querystring</c>, Selector Objects): each
/// is a warning, and is compiled as 1.1 says, since 1.1 only adds to 1.0.
/// </summary>
internal static class VersionRules
{
    public static void Check(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        if (document.IsAtLeast11)
        {
            return;
        }

        void Report(string what, SourceSpan span) => diagnostics.Add(DiagnosticDescriptors.NewerThanDeclaredVersion, span, what, document.ArazzoVersion.Value);

        if (document.Self is { } self)
        {
            Report("'$self'", self.Span);
        }

        foreach (var source in document.SourceDescriptions.Where(s => s.Type?.Value == "asyncapi"))
        {
            Report("A source description of type asyncapi", source.Type!.Span);
        }

        foreach (var parameter in document.Components.Parameters)
        {
            CheckLocation(parameter.Value, Report);
            ReportSelectors(ExpressionWalker.InValue(parameter.Value.Value), Report);
        }

        foreach (var workflow in document.Workflows)
        {
            foreach (var step in workflow.Steps)
            {
                var extras = step.Extras;
                foreach (var (field, span) in new[]
                {
                    ("timeout", extras.Timeout?.Span),
                    ("dependsOn", extras.DependsOn.IsEmpty ? null : extras.DependsOn[0].Span),
                    ("channelPath", extras.ChannelPath?.Span),
                    ("action", extras.Action?.Span),
                    ("correlationId", extras.CorrelationId?.Span),
                })
                {
                    if (span is { } at)
                    {
                        Report($"The step field '{field}'", at);
                    }
                }
            }

            foreach (var parameter in workflow.Parameters.Concat(workflow.Steps.SelectMany(s => s.Parameters)))
            {
                if (parameter.Parameter is { } inline)
                {
                    CheckLocation(inline, Report);
                }
            }

            ReportSelectors(ExpressionWalker.InWorkflow(workflow).Select(use => use.Expression), Report);
        }
    }

    private static void CheckLocation(Parameter parameter, System.Action<string, SourceSpan> report)
    {
        if (parameter.In is { Value: "querystring" } location)
        {
            report("'in: querystring'", location.Span);
        }
    }

    private static void ReportSelectors(IEnumerable<RuntimeExpression> expressions, System.Action<string, SourceSpan> report)
    {
        foreach (var selector in expressions.Where(e => e.FromSelector))
        {
            report("A Selector Object", selector.Span);
        }
    }
}
