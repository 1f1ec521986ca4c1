using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Tool;

namespace ArazzoGen.Tests.Tool;

/// <summary>
/// <c>arazzogen check</c> reports what the build reports, for the repository's workflows (bound against
/// the same SDK assemblies) and for a broken file; <c>arazzogen graph</c> draws every branch.
/// </summary>
public class ToolTests
{
    private static readonly string[] SdkAssemblies =
    {
        typeof(Amazon.Runtime.AmazonWebServiceRequest).Assembly.Location,
        typeof(Amazon.SageMaker.IAmazonSageMaker).Assembly.Location,
        typeof(Amazon.Neptunedata.IAmazonNeptunedata).Assembly.Location,
        typeof(Amazon.DynamoDBv2.IAmazonDynamoDB).Assembly.Location,
        typeof(ArazzoGen.Runtime.WorkflowRun).Assembly.Location,
    };

    [Fact]
    public void Check_reports_for_every_repository_workflow_exactly_what_the_build_reports()
    {
        var files = RepoPaths.WorkflowFiles.Select(RepoPaths.Workflow).Append(Path.Combine(RepoPaths.Root, "openapi", "amazon-neptune-ml-openapi.yml")).ToList();

        var fromTool = CheckCommand.Diagnose(files, SdkAssemblies).Select(d => d.ToString()).Order(StringComparer.Ordinal);
        var (run, _) = SdkCompilation.Generate(files.Select(f => (f, File.ReadAllText(f))));

        Assert.Equal(run.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal), fromTool);
    }

    [Fact]
    public void Check_prints_a_broken_files_error_at_its_line_and_exits_1()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("arazzogen-check-").FullName, "broken.arazzo.yaml");
        File.WriteAllText(broken, File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml")).Replace("$inputs.roleArn", "$inputs.roleArm", StringComparison.Ordinal));
        var output = new StringWriter();

        var exit = CheckCommand.Run([Path.GetDirectoryName(broken)!], [], output);

        Assert.Equal(1, exit);
        var line = File.ReadAllLines(broken).ToList().FindIndex(l => l.Contains("roleArm", StringComparison.Ordinal)) + 1;
        Assert.Contains($"broken.arazzo.yaml({line},", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("error ARZ0209: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'roleArn'", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_writes_the_same_diagnostics_as_SARIF_for_code_scanning()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("arazzogen-sarif-").FullName, "broken.arazzo.yaml");
        File.WriteAllText(broken, File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml")).Replace("$inputs.roleArn", "$inputs.roleArm", StringComparison.Ordinal));
        var text = new StringWriter();
        var sarif = new StringWriter();

        Assert.Equal(1, CheckCommand.Run([broken], [], text));
        Assert.Equal(1, CheckCommand.Run([broken], [], sarif, "sarif"));

        var run = System.Text.Json.Nodes.JsonNode.Parse(sarif.ToString())!["runs"]![0]!;
        var results = run["results"]!.AsArray();
        var printed = text.ToString().Split('\n').Where(l => l.Contains(": error ARZ", StringComparison.Ordinal) || l.Contains(": warning ARZ", StringComparison.Ordinal)).ToList();
        Assert.Equal(printed.Count, results.Count);
        var first = results.First(r => (string?)r!["ruleId"] == "ARZ0209")!;
        var line = File.ReadAllLines(broken).ToList().FindIndex(l => l.Contains("roleArm", StringComparison.Ordinal)) + 1;
        Assert.Equal(("error", line), ((string?)first["level"], (int)first["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!));
        Assert.EndsWith("/broken.arazzo.yaml", (string?)first["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"], StringComparison.Ordinal);
        Assert.Contains(run["tool"]!["driver"]!["rules"]!.AsArray(), r => (string?)r!["id"] == "ARZ0209" && ((string?)r["helpUri"])!.EndsWith("#arz0209", StringComparison.Ordinal));
    }

    [Fact]
    public void Asl_writes_the_definition_the_build_generates_and_iam_the_policies()
    {
        var file = RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml");
        var (run, _) = SdkCompilation.GenerateWithStateMachines([(file, File.ReadAllText(file))]);
        var built = StateMachines.StateMachineDefinitionTests.Definitions(run)["train-then-deploy"];
        var folder = Directory.CreateTempSubdirectory("arazzogen-asl-").FullName;
        var output = new StringWriter();

        Assert.Equal(0, StateMachineCommands.RunAsl(file, null, Path.Combine(folder, "train.asl.json"), SdkAssemblies, output));
        Assert.Equal(0, StateMachineCommands.RunIam(file, "train-then-deploy", stateMachine: true, Path.Combine(folder, "role.json"), SdkAssemblies, output));
        Assert.Equal(0, StateMachineCommands.RunIam(file, null, stateMachine: false, null, SdkAssemblies, output));

        Assert.Equal(built + "\n", File.ReadAllText(Path.Combine(folder, "train.asl.json")));
        Assert.Contains("StepFunctionsGetEventsForSageMakerTrainingJobsRule", File.ReadAllText(Path.Combine(folder, "role.json")), StringComparison.Ordinal);
        Assert.Contains("\"sagemaker:CreateTrainingJob\", \"sagemaker:DescribeTrainingJob\"]", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Asl_prints_why_a_workflow_has_no_state_machine_and_exits_1()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("arazzogen-asl-").FullName, "regex.arazzo.yaml");
        var yaml = File.ReadAllText(RepoPaths.Workflow("amazon-dynamodb-wait-for-table-workflow.yml"));
        File.WriteAllText(broken, yaml.Replace("condition: $statusCode == 200", "condition: $statusCode == 200\n    - context: $response.body#/Table/TableName\n      condition: '^[a-z]'\n      type: regex", StringComparison.Ordinal));
        var output = new StringWriter();

        var exit = StateMachineCommands.RunAsl(broken, null, null, SdkAssemblies, output);

        Assert.Equal(1, exit);
        Assert.Contains("warning ARZ1035: Workflow 'wait-for-table' gets no state machine definition", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("no workflow of", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_draws_each_step_its_polls_as_loops_its_conditional_branches_ends_and_failures()
    {
        var output = new StringWriter();

        var exit = GraphCommand.Run(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml"), null, output);

        Assert.Equal(0, exit);
        var graph = output.ToString();
        Assert.StartsWith("%% train-then-deploy\nflowchart TD\n    start((start)) --> s0\n", graph, StringComparison.Ordinal);
        Assert.Contains("    s1[\"pollTrainingJob<br/><small>DescribeTrainingJob</small>\"]\n", graph, StringComparison.Ordinal);
        Assert.Contains("    s1 -->|\"stillTraining (goto): $.TrainingJobStatus == #quot;InProgress#quot;\"| s1\n", graph, StringComparison.Ordinal); // the poll
        Assert.Contains("    s1 -->|\"trainingCompleted (goto): ", graph, StringComparison.Ordinal);
        Assert.Contains("| done\n", graph, StringComparison.Ordinal);
        Assert.Contains("    s0 -.->|fails| failed\n", graph, StringComparison.Ordinal);
        Assert.Equal(6, graph.Split('\n').Count(l => l.Contains("[\"", StringComparison.Ordinal) && l.TrimStart().StartsWith('s')));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the stand-in is a shell script
    public void Graph_svg_hands_each_workflows_Mermaid_text_to_mermaid_cli_one_file_each_with_the_browser_configuration()
    {
        // A stand-in for mmdc that copies its input to its output and records its arguments: what is
        // checked here is what ArazzoGen hands mermaid-cli (the real one draws in PackageTests).
        var folder = Directory.CreateTempSubdirectory("arazzogen-svg-").FullName;
        var mmdc = Path.Combine(folder, "mmdc");
        File.WriteAllText(mmdc, "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/calls\"\nwhile [ $# -gt 0 ]; do case \"$1\" in --input) in=\"$2\";; --output) out=\"$2\";; esac; shift; done\ncp \"$in\" \"$out\"\n");
        File.SetUnixFileMode(mmdc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = RepoPaths.Workflow("amazon-sagemaker-train-and-deploy-composed-workflow.yml");
        var pictures = Path.Combine(folder, "pictures");
        var output = new StringWriter();

        var exit = GraphCommand.Run(file, null, output, pictures, mmdc, "launch.json");

        Assert.Equal(0, exit);
        var listed = new StringWriter();
        GraphCommand.Run(file, null, listed);
        var expected = listed.ToString().Split("%% ", StringSplitOptions.RemoveEmptyEntries).Select(text => "%% " + text.TrimEnd('\n') + "\n").ToList();
        Assert.Equal(3, expected.Count);
        foreach (var mermaid in expected)
        {
            var id = mermaid[3..mermaid.IndexOf('\n', StringComparison.Ordinal)];
            Assert.Equal(mermaid, File.ReadAllText(Path.Combine(pictures, id + ".svg")));
            Assert.Contains($"wrote {Path.Combine(pictures, id + ".svg")}", output.ToString(), StringComparison.Ordinal);
        }

        var calls = File.ReadAllLines(Path.Combine(folder, "calls"));
        Assert.Equal(3, calls.Length);
        Assert.All(calls, call => Assert.EndsWith($"--quiet --puppeteerConfigFile {Path.GetFullPath("launch.json")}", call, StringComparison.Ordinal));
    }

    [Fact]
    public void Graph_svg_without_mermaid_cli_says_how_to_install_it_and_exits_2()
    {
        var output = new StringWriter();
        var svg = Path.Combine(Directory.CreateTempSubdirectory("arazzogen-svg-").FullName, "t.svg");

        var exit = GraphCommand.Run(RepoPaths.Workflow("amazon-sagemaker-train-then-deploy-workflow.yml"), null, output, svg, "/nonexistent/mmdc");

        Assert.Equal(2, exit);
        Assert.Contains("mermaid-cli ('/nonexistent/mmdc') was not found: install it with 'npm install -g @mermaid-js/mermaid-cli' or give its path with --mmdc.", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(svg));
    }
}
