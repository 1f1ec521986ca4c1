using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>Reads success and failure actions (inline or by reference).</summary>
internal static class ActionParser
{
    public static EquatableArray<ActionOrReference> ParseList(YamlSequence? sequence, bool isSuccess, DiagnosticBag diagnostics)
    {
        if (sequence is null)
        {
            return EquatableArray<ActionOrReference>.Empty;
        }

        var kind = isSuccess ? "A success action" : "A failure action";
        return sequence.Items
            .Select(node =>
            {
                if (node is YamlMapping mapping && mapping["reference"] is not null)
                {
                    var reference = ReferenceParser.Parse(mapping, kind + " reference", diagnostics, allowValue: false);
                    return reference is null ? null : new ActionOrReference(null, reference, node.Span);
                }

                var action = ParseInline(node, kind, isSuccess, diagnostics);
                return action is null ? null : new ActionOrReference(action, null, node.Span);
            })
            .Where(a => a is not null)
            .Select(a => a!)
            .ToEquatableArray();
    }

    public static WorkflowAction? ParseInline(YamlNode node, string description, bool isSuccess, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(node, description, isSuccess ? "onSuccess[]" : "onFailure[]", diagnostics, "name", "type", "workflowId", "stepId", "retryAfter", "retryLimit", "criteria");
        var name = reader?.String("name", required: true);
        var type = reader?.String("type", required: true);
        if (reader is null || name is null || type is null)
        {
            return null;
        }

        ActionKind kind;
        switch (type.Value)
        {
            case "end":
                kind = ActionKind.End;
                break;
            case "goto":
                kind = ActionKind.Goto;
                break;
            case "retry":
                kind = ActionKind.Retry;
                if (isSuccess)
                {
                    // Not valid Arazzo 1.0.1, but seen in the wild to mean "poll": keep the meaning, warn.
                    diagnostics.Add(DiagnosticDescriptors.RetrySuccessAction, type.Span, name.Value);
                }

                break;
            default:
                diagnostics.Add(DiagnosticDescriptors.InvalidEnumValue, type.Span, type.Value, isSuccess ? "success action type" : "failure action type", isSuccess ? "end, goto" : "end, goto, retry");
                return null;
        }

        var workflowId = reader.String("workflowId");
        var stepId = reader.String("stepId");
        if (workflowId is not null && stepId is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.ExclusiveActionTarget, stepId.Span, name.Value);
        }

        if (kind == ActionKind.Goto && workflowId is null && stepId is null)
        {
            diagnostics.Add(DiagnosticDescriptors.GotoWithoutTarget, type.Span, name.Value);
        }

        // The longest wait a .NET timer takes is 2^32 - 2 ms (about 49.7 days); retries are counted in an int.
        var retryAfter = reader.Number("retryAfter", minimum: 0, maximum: 4294967);
        var retryLimit = reader.Integer("retryLimit", minimum: 0, maximum: int.MaxValue);
        if (kind != ActionKind.Retry)
        {
            if (retryAfter is not null)
            {
                diagnostics.Add(DiagnosticDescriptors.RetryFieldOnNonRetry, retryAfter.Span, "retryAfter", name.Value, type.Value);
            }

            if (retryLimit is not null)
            {
                diagnostics.Add(DiagnosticDescriptors.RetryFieldOnNonRetry, retryLimit.Span, "retryLimit", name.Value, type.Value);
            }
        }

        return new WorkflowAction(
            name,
            new Located<ActionKind>(kind, type.Span),
            QualifiedName.ToReference(workflowId),
            stepId,
            retryAfter,
            retryLimit,
            CriterionParser.ParseList(reader.Sequence("criteria"), diagnostics),
            reader.Span);
    }
}
