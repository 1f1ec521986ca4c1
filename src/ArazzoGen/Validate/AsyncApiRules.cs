using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Arazzo 1.1's AsyncAPI steps (a <c>channelPath</c>, an <c>action</c>, a <c>correlationId</c>, or an
/// operation of an asyncapi source): valid Arazzo that ArazzoGen does not compile, each an error at its field.
/// </summary>
internal static class AsyncApiRules
{
    public static void Check(ArazzoDocument document, DiagnosticBag diagnostics)
    {
        var asyncSources = new System.Collections.Generic.HashSet<string>(document.SourceDescriptions.Where(s => s.EffectiveType == "asyncapi").Select(s => s.Name.Value), System.StringComparer.Ordinal);
        foreach (var step in document.Workflows.SelectMany(w => w.Steps))
        {
            var id = step.StepId.Value;
            if (step.Extras.ChannelPath is { } channel)
            {
                diagnostics.Add(DiagnosticDescriptors.AsyncApiStep, channel.Span, id, $"uses the channel '{channel.Value}'");
            }

            if (step.Extras.Action is { } action)
            {
                diagnostics.Add(DiagnosticDescriptors.AsyncApiStep, action.Span, id, $"would {action.Value} a message");
            }

            if (step.Extras.CorrelationId is { } correlation)
            {
                diagnostics.Add(DiagnosticDescriptors.AsyncApiStep, correlation.Span, id, "correlates AsyncAPI messages");
            }

            var source = step.OperationId?.Source ?? step.OperationPath?.Source;
            if (source is not null && asyncSources.Contains(source))
            {
                var span = step.OperationId?.Span ?? step.OperationPath!.Span;
                diagnostics.Add(DiagnosticDescriptors.AsyncApiStep, span, id, $"calls an operation of the asyncapi source '{source}'");
            }
        }
    }
}
