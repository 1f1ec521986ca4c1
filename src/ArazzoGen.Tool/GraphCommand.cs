using ArazzoGen.Parse;

namespace ArazzoGen.Tool;

/// <summary><c>arazzogen graph</c>: a Mermaid flowchart of each workflow of a document.</summary>
internal static class GraphCommand
{
    /// <param name="svgPath">With one workflow, the SVG file to write; with several, a folder for one <c>&lt;workflowId&gt;.svg</c> each; null prints the Mermaid text.</param>
    public static int Run(string file, string? workflowId, TextWriter output, string? svgPath = null, string? mmdc = null, string? puppeteerConfig = null)
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

        if (svgPath is null)
        {
            foreach (var workflow in workflows)
            {
                output.Write(MermaidGraph.Of(document, workflow));
                output.WriteLine();
            }

            return 0;
        }

        var isFolder = workflows.Count > 1 || OutputPath.IsFolder(svgPath);
        if (isFolder)
        {
            Directory.CreateDirectory(svgPath);
        }

        var renderer = MermaidCli.Locate(mmdc);
        foreach (var workflow in workflows)
        {
            var target = isFolder ? Path.Combine(svgPath, workflow.WorkflowId.Value + ".svg") : svgPath;
            if (MermaidCli.Render(MermaidGraph.Of(document, workflow), target, renderer, puppeteerConfig) is { } failure)
            {
                output.WriteLine($"arazzogen graph: {failure}");
                return 2;
            }

            output.WriteLine($"arazzogen graph: wrote {target}");
        }

        return 0;
    }
}
