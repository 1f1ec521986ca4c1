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
            CheckParameter(parameter.Value, Report);
        }

        foreach (var workflow in document.Workflows)
        {
            CheckParameters(workflow.Parameters, Report);
            CheckOutputs(workflow.Outputs, Report);
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

                CheckParameters(step.Parameters, Report);
                CheckOutputs(step.Outputs, Report);
                if (step.RequestBody is { } body)
                {
                    CheckValue(body.Payload, Report);
                    foreach (var replacement in body.Replacements)
                    {
                        CheckValue(replacement.Value, Report);
                    }
                }
            }
        }
    }

    private static void CheckParameters(IEnumerable<ParameterOrReference> parameters, System.Action<string, SourceSpan> report)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Parameter is { } inline)
            {
                CheckParameter(inline, report);
            }

            CheckValue(parameter.Reference?.Value, report);
        }
    }

    private static void CheckParameter(Parameter parameter, System.Action<string, SourceSpan> report)
    {
        if (parameter.In is { Value: "querystring" } location)
        {
            report("'in: querystring'", location.Span);
        }

        CheckValue(parameter.Value, report);
    }

    private static void CheckOutputs(IEnumerable<NamedExpression> outputs, System.Action<string, SourceSpan> report)
    {
        foreach (var output in outputs)
        {
            CheckValue(output.Value, report);
        }
    }

    private static void CheckValue(ValueNode? value, System.Action<string, SourceSpan> report)
    {
        switch (value)
        {
            case ExpressionValue { FromSelector: true } selector:
                report("A Selector Object", selector.Span);
                break;
            case ObjectValue obj:
                foreach (var member in obj.Members)
                {
                    CheckValue(member.Value, report);
                }

                break;
            case ArrayValue array:
                foreach (var item in array.Items)
                {
                    CheckValue(item, report);
                }

                break;
        }
    }
}
