using System.Text;
using ArazzoGen.Model;
using ArazzoGen.Validate;

namespace ArazzoGen.Tool;

/// <summary>
/// One workflow as a Mermaid flowchart: a node per step (its operation, or the workflow it runs),
/// solid arrows for success, dotted for failure, each labelled with its action's name and criteria;
/// a poll or retry is an arrow back to its step; ends, failures and runs of other workflows are nodes.
/// What happens when no action matches is drawn too (the next step on success; failing the run).
/// </summary>
internal static class MermaidGraph
{
    public static string Of(ArazzoDocument document, Workflow workflow)
    {
        var text = new StringBuilder();
        text.Append("%% ").Append(workflow.WorkflowId.Value).Append('\n');
        text.Append("flowchart TD\n");
        var ids = workflow.Steps.Select((s, i) => (s.StepId.Value, Id: "s" + i)).ToDictionary(p => p.Value, p => p.Id, StringComparer.Ordinal);
        text.Append("    start((start)) --> ").Append(workflow.Steps.Count > 0 ? "s0" : "done").Append('\n');
        foreach (var dependency in workflow.DependsOn)
        {
            text.Append("    dep_").Append(Safe(dependency.Value)).Append("[[\"depends on ").Append(Label(dependency.Value)).Append("\"]] -.-> start\n");
        }

        var usesDone = workflow.Steps.Count == 0;
        var usesFailed = false;
        for (var i = 0; i < workflow.Steps.Count; i++)
        {
            var step = workflow.Steps[i];
            var id = ids[step.StepId.Value];
            var what = step.OperationId?.Value ?? step.OperationPath?.Operation ?? step.OperationPath?.Value ?? (step.WorkflowId is { } called ? "runs " + called.Value : string.Empty);
            text.Append("    ").Append(id).Append("[\"").Append(Label(step.StepId.Value)).Append("<br/><small>").Append(Label(what)).Append("</small>\"]\n");

            var next = i + 1 < workflow.Steps.Count ? "s" + (i + 1) : "done";
            var success = ActionMerger.OnSuccess(step, workflow, document.Components);
            foreach (var action in success)
            {
                text.Append("    ").Append(id).Append(" -->|\"").Append(Label(Describe(action))).Append("\"| ").Append(Target(action, id, ref usesDone, text)).Append('\n');
            }

            if (!success.Any(a => a.Criteria.Count == 0))
            {
                text.Append("    ").Append(id).Append(" --> ").Append(next).Append('\n');
                usesDone |= next == "done";
            }

            var failure = ActionMerger.OnFailure(step, workflow, document.Components);
            foreach (var action in failure)
            {
                text.Append("    ").Append(id).Append(" -.->|\"").Append(Label(Describe(action))).Append("\"| ").Append(Target(action, id, ref usesDone, text)).Append('\n');
            }

            if (!failure.Any(a => a.Criteria.Count == 0 && a.Type.Value != ActionKind.Retry))
            {
                text.Append("    ").Append(id).Append(" -.->|fails| failed\n");
                usesFailed = true;
            }
        }

        if (usesDone)
        {
            text.Append("    done((end))\n");
        }

        if (usesFailed)
        {
            text.Append("    failed(((fails)))\n");
        }

        return text.ToString();

        string Target(WorkflowAction action, string self, ref bool done, StringBuilder nodes)
        {
            if (action.Type.Value == ActionKind.End)
            {
                done = true;
                return "done";
            }

            if (action.WorkflowId is { } runs)
            {
                var node = "run_" + Safe(runs.Value);
                nodes.Append("    ").Append(node).Append("[[\"runs ").Append(Label(runs.Value)).Append("\"]]\n");
                return node;
            }

            return action.StepId is { } stepId && ids.TryGetValue(stepId.Value, out var target) ? target : self;
        }
    }

    private static string Describe(WorkflowAction action)
    {
        var kind = action.Type.Value switch
        {
            ActionKind.Retry => $"retry{(action.RetryAfter is { } after ? $" after {after.Value} s" : string.Empty)}{(action.RetryLimit is { } limit ? $", at most {limit.Value}" : string.Empty)}",
            ActionKind.End => "end",
            _ => "goto",
        };
        var when = action.Criteria.Count == 0 ? string.Empty : ": " + string.Join(" and ", action.Criteria.Select(c => c.Condition.Value));
        return $"{action.Name.Value} ({kind}){when}";
    }

    /// <summary>Text inside a quoted Mermaid label: quotes and angle brackets as entities, so no document text can end the label.</summary>
    private static string Label(string text) =>
        text.Replace("&", "&amp;").Replace("\"", "#quot;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\n", " ").Replace("|", "&#124;");

    private static string Safe(string id) => new(id.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
