using ArazzoGen.Parse;

namespace ArazzoGen.Tool;

/// <summary><c>arazzogen graph</c>: a Mermaid flowchart of each workflow of a document.</summary>
internal static class GraphCommand
{
    public static int Run(string file, string? workflowId, TextWriter output)
    {
        if (!File.Exists(file))
        {
            output.WriteLine($"arazzogen graph: {file} does not exist.");
            return 2;
        }

        var parsed = WorkflowFileParser.Parse(Path.GetFullPath(file), File.ReadAllText(file), CancellationToken.None);
        if (parsed?.Document is not { } document)
        {
            output.WriteLine($"arazzogen graph: {file} is not an Arazzo document that can be read; run arazzogen check on it.");
            return 1;
        }

        var workflows = document.Workflows.Where(w => workflowId is null || w.WorkflowId.Value == workflowId).ToList();
        if (workflows.Count == 0)
        {
            output.WriteLine($"arazzogen graph: {file} has no workflow '{workflowId}'; it has {string.Join(", ", document.Workflows.Select(w => w.WorkflowId.Value))}.");
            return 1;
        }

        foreach (var workflow in workflows)
        {
            output.Write(MermaidGraph.Of(document, workflow));
            output.WriteLine();
        }

        return 0;
    }
}
