using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

internal static class StepParser
{
    public static Step? Parse(YamlNode node, int index, string workflowId, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(
            node, $"Step #{index + 1} of workflow '{workflowId}'", "steps[]", diagnostics,
            "stepId", "description", "operationId", "operationPath", "workflowId", "parameters", "requestBody", "successCriteria", "onSuccess", "onFailure", "outputs",
            "timeout", "dependsOn", "channelPath", "action", "correlationId"); // the last five: Arazzo 1.1
        var id = reader?.String("stepId", required: true);
        if (reader is null || id is null)
        {
            return null;
        }

        NameRules.CheckRecommended("stepId", id, diagnostics);
        var operationId = reader.String("operationId");
        var operationPath = reader.String("operationPath");
        var targetWorkflow = reader.String("workflowId");
        var channelPath = reader.String("channelPath");
        var targets = new List<string>();
        var given = new List<Located<string>>();
        foreach (var (name, value) in new[] { ("operationId", operationId), ("operationPath", operationPath), ("channelPath", channelPath), ("workflowId", targetWorkflow) })
        {
            if (value is not null)
            {
                targets.Add(name);
                given.Add(value);
            }
        }

        if (targets.Count != 1)
        {
            var span = targets.Count > 1 ? given[1].Span : id.Span;
            var what = targets.Count == 0 ? "none of them" : string.Join(" and ", targets);
            diagnostics.Add(DiagnosticDescriptors.ExclusiveStepTarget, span, what);

            // The model keeps the first target only, so later rules see one step, not the cascade of two.
            operationPath = operationId is null ? operationPath : null;
            channelPath = operationId is null && operationPath is null ? channelPath : null;
            targetWorkflow = operationId is null && operationPath is null && channelPath is null ? targetWorkflow : null;
        }

        var requestBodyNode = reader.Node("requestBody");
        return new Step(
            id,
            reader.Text("description"),
            QualifiedName.ToReference(operationId),
            OperationPath.ToReference(operationPath),
            QualifiedName.ToReference(targetWorkflow),
            ParameterParser.ParseList(reader.Sequence("parameters"), diagnostics),
            requestBodyNode is null ? null : ParseRequestBody(requestBodyNode, diagnostics),
            CriterionParser.ParseList(reader.Sequence("successCriteria", nonEmpty: true), diagnostics),
            ActionParser.ParseList(reader.Sequence("onSuccess"), isSuccess: true, diagnostics),
            ActionParser.ParseList(reader.Sequence("onFailure"), isSuccess: false, diagnostics),
            OutputsParser.Parse(reader.Object("outputs"), diagnostics),
            ParseExtras(reader, channelPath, diagnostics),
            reader.Span);
    }

    private static StepExtras ParseExtras(ObjectReader reader, Located<string>? channelPath, DiagnosticBag diagnostics)
    {
        var action = reader.String("action");
        if (action is not null && action.Value is not ("send" or "receive"))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidEnumValue, action.Span, action.Value, "step action", "send, receive");
        }

        var timeout = reader.Integer("timeout", 0);
        var dependsOn = reader.StringList("dependsOn", "a stepId string");
        var correlationId = reader.String("correlationId");
        return timeout is null && dependsOn.IsEmpty && channelPath is null && action is null && correlationId is null
            ? StepExtras.None
            : new StepExtras(timeout, dependsOn, channelPath, action, correlationId);
    }

    private static RequestBody? ParseRequestBody(YamlNode node, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(node, "The requestBody", "requestBody", diagnostics, "contentType", "payload", "replacements");
        if (reader is null)
        {
            return null;
        }

        var payload = reader.Node("payload");
        var replacements = (reader.Sequence("replacements")?.Items ?? EquatableArray<YamlNode>.Empty)
            .Select(n =>
            {
                var replacement = ObjectReader.For(n, "A payload replacement", "replacements[]", diagnostics, "target", "value");
                var target = replacement?.String("target", required: true);
                var value = replacement?.Node("value", required: true);
                return replacement is null || target is null || value is null
                    ? null
                    : new PayloadReplacement(target, ValueParser.Parse(value, diagnostics), replacement.Span);
            })
            .Where(r => r is not null)
            .Select(r => r!)
            .ToEquatableArray();

        return new RequestBody(
            reader.String("contentType"),
            payload is null ? null : ValueParser.Parse(payload, diagnostics),
            replacements,
            reader.Span);
    }
}
