using System.CommandLine;
using ArazzoGen.Tool;

var paths = new Argument<string[]>("paths") { Description = "Workflow files, or folders to search for .yml, .yaml and .json files.", Arity = ArgumentArity.OneOrMore };
var references = new Option<string[]>("--reference", "-r") { Description = "AWS SDK assemblies (and AWSSDK.Core) to bind against, as the build does; without them only Parse and Validate run.", AllowMultipleArgumentsPerToken = true };
var format = new Option<string>("--format", "-f") { Description = "text (as the compiler prints diagnostics) or sarif (SARIF 2.1.0, for code scanning).", DefaultValueFactory = _ => "text" };
format.AcceptOnlyFromAmong("text", "sarif");
var check = new Command("check", "Report ArazzoGen's diagnostics for workflow files without building; exit code 1 when there are errors.") { paths, references, format };
check.SetAction(parse => CheckCommand.Run(parse.GetValue(paths)!, parse.GetValue(references) ?? [], Console.Out, parse.GetValue(format)!));

var file = new Argument<string>("file") { Description = "An Arazzo workflow document." };
var workflowId = new Option<string?>("--workflow", "-w") { Description = "Only this workflow (default: every workflow of the file)." };
var svg = new Option<string?>("--svg") { Description = "Render through mermaid-cli (mmdc) to this SVG file, or, for several workflows, to <workflowId>.svg files in this folder." };
var mmdc = new Option<string?>("--mmdc") { Description = "The mermaid-cli program (default: node_modules/.bin/mmdc here, else mmdc on the PATH)." };
var puppeteerConfig = new Option<string?>("--puppeteer-config") { Description = "A puppeteer launch configuration for mermaid-cli's browser (JSON: executablePath, args such as --no-sandbox)." };
var graph = new Command("graph", "Print a Mermaid flowchart of each workflow: steps, success and failure branches with their criteria, polls and retries as loops, ends, workflows run; --svg draws it.") { file, workflowId, svg, mmdc, puppeteerConfig };
graph.SetAction(parse => GraphCommand.Run(parse.GetValue(file)!, parse.GetValue(workflowId), Console.Out, parse.GetValue(svg), parse.GetValue(mmdc), parse.GetValue(puppeteerConfig)));

var aslFile = new Argument<string>("file") { Description = "An Arazzo workflow document." };
var aslWorkflow = new Option<string?>("--workflow", "-w") { Description = "Only this workflow (default: every workflow of the file)." };
var aslOutput = new Option<string?>("--output", "-o") { Description = "Write the definition to this file (or, for several workflows, <workflowId>.asl.json files in this folder); default: print it." };
var aslReferences = new Option<string[]>("--reference", "-r") { Description = "AWS SDK assemblies (and AWSSDK.Core) the workflow binds against, as the build does.", AllowMultipleArgumentsPerToken = true };
var asl = new Command("asl", "Write each workflow as an AWS Step Functions state machine (Amazon States Language), as the build does with ArazzoStateMachines set.") { aslFile, aslWorkflow, aslOutput, aslReferences };
asl.SetAction(parse => StateMachineCommands.RunAsl(parse.GetValue(aslFile)!, parse.GetValue(aslWorkflow), parse.GetValue(aslOutput), parse.GetValue(aslReferences) ?? [], Console.Out));

var iamFile = new Argument<string>("file") { Description = "An Arazzo workflow document." };
var iamWorkflow = new Option<string?>("--workflow", "-w") { Description = "Only this workflow (default: every workflow of the file)." };
var iamStateMachine = new Option<bool>("--state-machine") { Description = "The policy of the role the Step Functions state machine runs under (default: the role that runs the C# class)." };
var iamOutput = new Option<string?>("--output", "-o") { Description = "Write the policy to this file (or, for several workflows, one file each in this folder); default: print it." };
var iamReferences = new Option<string[]>("--reference", "-r") { Description = "AWS SDK assemblies (and AWSSDK.Core) the workflow binds against, as the build does.", AllowMultipleArgumentsPerToken = true };
var iam = new Command("iam", "Write the least-privilege IAM policy a workflow needs: for the role running its C# class, or (--state-machine) its state machine's role.") { iamFile, iamWorkflow, iamStateMachine, iamOutput, iamReferences };
iam.SetAction(parse => StateMachineCommands.RunIam(parse.GetValue(iamFile)!, parse.GetValue(iamWorkflow), parse.GetValue(iamStateMachine), parse.GetValue(iamOutput), parse.GetValue(iamReferences) ?? [], Console.Out));

var root = new RootCommand("ArazzoGen: compile Arazzo workflows into typed C# that calls the AWS SDK.") { check, graph, asl, iam };
return await root.Parse(args).InvokeAsync();
