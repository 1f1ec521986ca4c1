using System.Linq;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

internal static class WorkflowParser
{
    public static Workflow? Parse(YamlNode node, int index, InputSchemaReader inputSchemas, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(
            node, $"Workflow #{index + 1}", "workflows[]", diagnostics,
            "workflowId", "summary", "description", "inputs", "dependsOn", "steps", "successActions", "failureActions", "outputs", "parameters");
        var id = reader?.String("workflowId", required: true);
        if (reader is null || id is null)
        {
            return null;
        }

        NameRules.CheckRecommended("workflowId", id, diagnostics);
        var inputsNode = reader.Node("inputs");
        var steps = (reader.Sequence("steps", required: true, nonEmpty: true)?.Items ?? EquatableArray<YamlNode>.Empty)
            .Select((n, i) => StepParser.Parse(n, i, id.Value, diagnostics))
            .Where(s => s is not null)
            .Select(s => s!)
            .ToEquatableArray();

        return new Workflow(
            id,
            reader.Text("summary"),
            reader.Text("description"),
            inputsNode is null ? null : inputSchemas.WorkflowInputs(inputsNode),
            reader.StringList("dependsOn", "a workflowId string").Select(d => QualifiedName.ToReference(d)!).ToEquatableArray(),
            steps,
            ActionParser.ParseList(reader.Sequence("successActions"), isSuccess: true, diagnostics),
            ActionParser.ParseList(reader.Sequence("failureActions"), isSuccess: false, diagnostics),
            OutputsParser.Parse(reader.Object("outputs"), diagnostics),
            ParameterParser.ParseList(reader.Sequence("parameters"), diagnostics),
            reader.Span);
    }
}

/// <summary>Reads an <c>outputs</c> map: keys checked against the spec's pattern, values must be runtime expressions.</summary>
internal static class OutputsParser
{
    public static EquatableArray<NamedExpression> Parse(YamlMapping? mapping, DiagnosticBag diagnostics)
    {
        if (mapping is null)
        {
            return EquatableArray<NamedExpression>.Empty;
        }

        return mapping.Entries
            .Select(entry =>
            {
                var name = new Located<string>(entry.Key.Value, entry.Key.Span);
                NameRules.CheckKey("Output name", name, diagnostics);
                if (entry.Value is YamlMapping selector && SelectorParser.IsSelector(selector))
                {
                    return new NamedExpression(name, SelectorParser.Parse(selector, diagnostics));
                }

                if (entry.Value is not YamlScalar scalar || scalar.IsNull)
                {
                    diagnostics.Add(DiagnosticDescriptors.WrongType, entry.Value.Span, entry.Key.Value, "a runtime expression, or (Arazzo 1.1) a Selector Object");
                    return null;
                }

                var value = ValueParser.ParseScalar(scalar, diagnostics);
                if (value is LiteralValue && !RuntimeExpressionParser.LooksLikeExpression(scalar.Value))
                {
                    // ValueParser already reported a malformed expression; a plain literal is reported here.
                    diagnostics.Add(DiagnosticDescriptors.MalformedExpression, scalar.Span, scalar.Value, "an output must be a runtime expression such as $steps.<stepId>.outputs.<name> or $response.body#/<pointer>");
                }

                // Kept when broken (the file has an error, so it is never bound): what reads the output by name finds it.
                return new NamedExpression(name, value);
            })
            .Where(o => o is not null)
            .Select(o => o!)
            .ToEquatableArray();
    }
}
