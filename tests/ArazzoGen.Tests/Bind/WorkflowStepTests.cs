using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// Steps that run another workflow of the document (<c>workflowId</c>): parameters are its inputs,
/// <c>$outputs</c> are its outputs, and what cannot work is reported where it is written.
/// </summary>
public class WorkflowStepTests
{
    // BindDiagnosticTests' 'train' workflow (inputs jobName, channels; outputs status), and a caller.
    internal static readonly string Document = BindDiagnosticTests.ValidDocument + """

        - workflowId: caller
          inputs:
            type: object
            properties:
              job:
                type: string
          steps:
          - stepId: runTraining
            workflowId: train
            parameters:
            - name: jobName
              value: $inputs.job
            successCriteria:
            - condition: $outputs.status == 'Completed'
            outputs:
              status: $outputs.status
          outputs:
            status: $steps.runTraining.outputs.status
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        // A parameter the called workflow has no input for.
        { "ARZ0210", "    - name: jobName\n      value: $inputs.job", "    - name: jobName\n      value: $inputs.job\n    - name: §jobNmae\n      value: x" },
        // $outputs in a workflow step are the called workflow's: 'train' has no output 'nope'.
        { "ARZ0222", "      status: $outputs.status\n  outputs:", "      status: §$outputs.nope\n  outputs:" },
        // A workflow step makes no call, so it has no status code or response.
        // A null for a required input.
        { "ARZ1009", "      value: $inputs.job", "      value: §null" },
        // A workflow of another document must be in a 'type: arazzo' source; this one is openapi.
        { "ARZ0233", "    workflowId: train", "    workflowId: §$sourceDescriptions.sagemakerApi.train" },
        // A goto to 'train' passes caller's inputs of the same names: caller has 'job', not the required 'jobName'.
        { "ARZ1018", "      status: $outputs.status\n  outputs:", "      status: $outputs.status\n    onFailure:\n    - name: again\n      type: goto\n      workflowId: §train\n  outputs:" },
        // A retry that runs its own step first.
        { "ARZ1027", "      status: $outputs.status\n  outputs:", "      status: $outputs.status\n    onFailure:\n    - name: again\n      type: retry\n      stepId: §runTraining\n  outputs:" },
        // A success retry is compiled as a poll; it cannot run a workflow first.
        { "ARZ1026", "      status: $outputs.status\n  outputs:", "      status: $outputs.status\n    onSuccess:\n    - name: again\n      type: retry\n      workflowId: §train\n  outputs:" },
    };

    [Fact]
    public void A_workflow_step_binds_and_its_class_runs_the_called_workflows_class()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", Document) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(2, run.GeneratedTrees.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var caller = run.GeneratedTrees.Single(t => t.FilePath.Contains("CallerWorkflow", StringComparison.Ordinal)).ToString();
        Assert.Contains("var workflow = new global::ArazzoWorkflows.TrainWorkflow(new global::ArazzoWorkflows.TrainWorkflow.Clients(sagemakerApi: _workflow._clients.SagemakerApi), Options);", caller);
        Assert.Contains("JobName = global::ArazzoGen.Runtime.WorkflowInput.Required(_inputs.Job, \"jobName\"),", caller); // optional here, required there
        Assert.Contains("global::ArazzoGen.Runtime.Criteria.Equal(outputs.Status?.Value, \"Completed\")", caller);
    }

    [Fact]
    public void StatusCode_in_a_workflow_step_is_that_workflows_and_a_response_there_is_a_warning_and_null()
    {
        var statusCode = SdkCompilation.Generate(new[] { ("/w/composed.yaml", Document.Replace("    - condition: $outputs.status == 'Completed'", "    - condition: $statusCode == 200")) });
        var expected = MarkedDocument.Parse(Document.Replace("    - condition: $outputs.status == 'Completed'", "    - condition: §$response.body#/TrainingJobStatus == 'Completed'"));
        var response = SdkCompilation.Generate(new[] { ("/w/composed.yaml", expected.Text) });

        Assert.Empty(statusCode.Run.Diagnostics.Select(d => d.ToString()));
        Assert.Contains("(outputs?.LastStatusCode ?? call.StatusCode) == 200", statusCode.Run.GeneratedTrees.Single(t => t.FilePath.Contains("CallerWorkflow", StringComparison.Ordinal)).ToString());
        var warning = Assert.Single(response.Run.Diagnostics);
        Assert.Equal($"{expected.Position} ARZ0306", GeneratorRunner.Describe(warning));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("'$response.body#/TrainingJobStatus' has no value in a step that runs a workflow", warning.GetMessage());
        foreach (var (run, output) in new[] { statusCode, response })
        {
            Assert.Equal(2, run.GeneratedTrees.Length);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_with_a_workflow_step_is_reported_at_the_yaml_position(string id, string find, string replace)
    {
        Assert.Contains(find, Document);
        var expected = MarkedDocument.Parse(Document.Replace(find, replace));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", expected.Text) });

        var described = run.Diagnostics.Select(GeneratorRunner.Describe).ToList();
        // This diagnostic, and no other error than ARZ1023 at a workflow it keeps from being generated (warnings the edit causes may stand).
        Assert.True(described.Contains($"{expected.Position} {id}"), $"expected {id} at {expected.Position}; got:\n" + string.Join("\n", run.Diagnostics));
        var otherErrors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != id && d.Id != "ARZ1023").Select(d => d.ToString()).ToList();
        Assert.True(otherErrors.Count == 0, $"{id} came with other errors:\n" + string.Join("\n", otherErrors));
        Assert.DoesNotContain(run.GeneratedTrees, t => t.FilePath.Contains("CallerWorkflow", StringComparison.Ordinal));
    }

    [Fact]
    public void A_workflow_that_runs_a_workflow_with_errors_is_not_generated_either()
    {
        // Fuzz finding (seed 77, case 141): the caller was generated without the step, and Emit crashed on it.
        var document = MarkedDocument.Parse(Document.Replace("InstanceCount: 1", "InstanceCount: §[]"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", document.Text) });

        // The caller says why it is missing too, at its own id.
        Assert.Equal(new[] { $"{document.Position} ARZ1009", "62:15 ARZ1023" }, run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Equal("Workflow 'caller' is not generated: it runs or depends on workflow 'train', which is not generated", run.Diagnostics[1].GetMessage());
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void An_action_after_an_unconditional_one_never_runs_so_its_workflow_is_not_wired_in()
    {
        // Fuzz finding (seed 78, case 10688): the dead goto's workflow got an outputs field that was never assigned (CS0649).
        var document = Document.Replace(
            "      status: $outputs.status\n  outputs:",
            "      status: $outputs.status\n    onSuccess:\n    - name: done\n      type: end\n    - name: never\n      type: goto\n      workflowId: train\n  outputs:");

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", document) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        var caller = run.GeneratedTrees.Single(t => t.FilePath.Contains("CallerWorkflow", StringComparison.Ordinal)).ToString();
        Assert.DoesNotContain("_trainWorkflowOutputs", caller);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void A_goto_back_to_the_calling_workflow_is_a_cycle_too()
    {
        var document = MarkedDocument.Parse(Document.Replace(
            "        type: jsonpath\n  outputs:",
            "        type: jsonpath\n    onFailure:\n    - name: back\n      type: goto\n      workflowId: §caller\n  outputs:"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", document.Text) });

        Assert.Contains($"{document.Position} ARZ0229", run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void Two_workflows_that_run_each_other_are_each_reported_at_the_step_that_starts_the_cycle()
    {
        var document = MarkedDocument.Parse(Document.Replace(
            "  outputs:\n    status: $steps.poll.outputs.status",
            "  - stepId: back\n    workflowId: §caller\n  outputs:\n    status: $steps.poll.outputs.status"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", document.Text) });

        var cycles = run.Diagnostics.Where(d => d.Id == "ARZ0229").Select(d => d.GetMessage()).ToList();
        Assert.Equal(2, cycles.Count);
        Assert.Contains(cycles, m => m.StartsWith("Workflow 'train' runs itself again through its steps or actions (train -> caller -> train)", StringComparison.Ordinal));
        Assert.Contains($"{document.Position} ARZ0229", run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Empty(run.GeneratedTrees);
    }
}
