using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// A step or action that runs a workflow of another document: <c>$sourceDescriptions.name.id</c>
/// where <c>name</c> is a <c>type: arazzo</c> source whose url is another AdditionalFile.
/// </summary>
public class CrossDocumentTests
{
    private const string TrainingPath = "/w/shared/training.arazzo.yaml";
    private const string PipelinePath = "/w/pipeline.arazzo.yaml";

    // BindDiagnosticTests' 'train' workflow (required input jobName; output status), in its own file.
    private static readonly string Training = BindDiagnosticTests.ValidDocument;

    private const string Pipeline = """
        arazzo: 1.0.1
        info:
          title: Pipeline
          version: 1.0.0
        sourceDescriptions:
        - name: training
          url: ./shared/training.arazzo.yaml
          type: arazzo
        - name: sagemakerApi
          url: ./sagemaker.json
        workflows:
        - workflowId: pipeline
          inputs:
            type: object
            required: [job]
            properties:
              job:
                type: string
          steps:
          - stepId: train
            workflowId: $sourceDescriptions.training.train
            parameters:
            - name: jobName
              value: $inputs.job
            successCriteria:
            - condition: $outputs.status == 'Completed'
            outputs:
              status: $outputs.status
          - stepId: describe
            operationId: DescribeTrainingJob
            requestBody:
              payload:
                TrainingJobName: $inputs.job
            outputs:
              arn: $response.body#/TrainingJobArn
          outputs:
            status: $steps.train.outputs.status
        """;

    [Fact]
    public void A_step_runs_the_class_generated_from_the_other_document_and_shares_its_client()
    {
        var (run, output) = SdkCompilation.Generate(new[] { (TrainingPath, Training), (PipelinePath, Pipeline) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        var pipeline = run.GeneratedTrees.Single(t => t.FilePath.Contains("PipelineWorkflow", StringComparison.Ordinal)).ToString();
        Assert.Contains("var workflow = new global::ArazzoWorkflows.TrainWorkflow(new global::ArazzoWorkflows.TrainWorkflow.Clients(sagemakerApi: _workflow._clients.SagemakerApi), Options);", pipeline);
        Assert.Contains("public Clients(global::Amazon.SageMaker.IAmazonSageMaker sagemakerApi)", pipeline); // one client serves both
        Assert.Contains("global::ArazzoGen.Runtime.Criteria.Equal(outputs.Status?.Value, \"Completed\")", pipeline);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        // The other document is not an AdditionalFile.
        { "ARZ1020", "  url: ./shared/training.arazzo.yaml", "  url: ./elsewhere/training.arazzo.yaml" },
        // An openapi source has no workflows (Validate says so, before Bind looks for the document).
        { "ARZ0233", "  url: ./shared/training.arazzo.yaml\n  type: arazzo", "  url: ./shared/training.arazzo.yaml\n  type: openapi" },
        // No such workflow there.
        { "ARZ0206", "    workflowId: $sourceDescriptions.training.train", "    workflowId: $sourceDescriptions.training.trian" },
        // Its inputs and outputs, checked against the other document.
        { "ARZ0210", "    - name: jobName\n      value: $inputs.job", "    - name: jobName\n      value: $inputs.job\n    - name: §jobNmae\n      value: x" },
        { "ARZ0228", "    parameters:\n    - name: jobName\n      value: $inputs.job\n", "" },
        { "ARZ0222", "      status: $outputs.status\n  - stepId", "      status: §$outputs.state\n  - stepId" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_problem_with_a_workflow_of_another_document_is_reported_in_the_calling_file(string id, string find, string replace)
    {
        Assert.Contains(find, Pipeline);
        var marked = Pipeline.Replace(find, replace);
        if (!marked.Contains('§'))
        {
            marked = marked.Replace("    workflowId: $sourceDescriptions", "    workflowId: §$sourceDescriptions");
        }

        var document = MarkedDocument.Parse(marked);

        var (run, _) = SdkCompilation.Generate(new[] { (TrainingPath, Training), (PipelinePath, document.Text) });

        var described = run.Diagnostics.Where(d => d.Location.GetLineSpan().Path == PipelinePath).Select(GeneratorRunner.Describe).ToList();
        // This diagnostic, and no other error than ARZ1023 at a workflow it keeps from being generated (warnings the edit causes may stand).
        Assert.True(described.Contains($"{document.Position} {id}"), $"expected {id} at {document.Position}; got:\n" + string.Join("\n", run.Diagnostics));
        var otherErrors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != id && d.Id != "ARZ1023").Select(d => d.ToString()).ToList();
        Assert.True(otherErrors.Count == 0, $"{id} came with other errors:\n" + string.Join("\n", otherErrors));
        Assert.DoesNotContain(run.GeneratedTrees, t => t.FilePath.Contains("PipelineWorkflow", StringComparison.Ordinal));
        Assert.Contains(run.GeneratedTrees, t => t.FilePath.Contains("TrainWorkflow", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_in_the_other_document_is_reported_there_and_named_at_the_reference()
    {
        var document = MarkedDocument.Parse(Pipeline.Replace("    workflowId: $sourceDescriptions", "    workflowId: §$sourceDescriptions"));

        var (run, _) = SdkCompilation.Generate(new[] { (TrainingPath, Training.Replace("RoleArn: arn", "RoleArm: arn")), (PipelinePath, document.Text) });

        Assert.Contains(run.Diagnostics, d => d.Id == "ARZ1005" && d.Location.GetLineSpan().Path == TrainingPath);
        Assert.Single(run.Diagnostics, d => d.Id == "ARZ1005"); // reported once, by its own file
        Assert.Contains($"{document.Position} ARZ1029", run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void ARZ1028_a_document_with_validation_errors_is_named_at_the_reference()
    {
        var document = MarkedDocument.Parse(Pipeline.Replace("    workflowId: $sourceDescriptions", "    workflowId: §$sourceDescriptions"));

        var (run, _) = SdkCompilation.Generate(new[] { (TrainingPath, Training.Replace("  - stepId: poll", "  - stepId: create")), (PipelinePath, document.Text) });

        Assert.Contains(run.Diagnostics, d => d.Id == "ARZ0202" && d.Location.GetLineSpan().Path == TrainingPath);
        var error = Assert.Single(run.Diagnostics, d => d.Id == "ARZ1028");
        Assert.Equal($"{document.Position} ARZ1028", GeneratorRunner.Describe(error));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void Documents_that_run_each_others_workflows_are_reported_not_followed_forever()
    {
        var training = Training
            .Replace("- name: sagemakerApi\n  url: ./sagemaker.json", "- name: sagemakerApi\n  url: ./sagemaker.json\n- name: pipelines\n  url: ../pipeline.arazzo.yaml\n  type: arazzo")
            .Replace("  outputs:\n    status: $steps.poll.outputs.status", "  - stepId: back\n    workflowId: $sourceDescriptions.pipelines.pipeline\n    parameters:\n    - name: job\n      value: x\n  outputs:\n    status: $steps.poll.outputs.status");

        var (run, _) = SdkCompilation.Generate(new[] { (TrainingPath, training), (PipelinePath, Pipeline) });

        Assert.Contains(run.Diagnostics, d => d.Id == "ARZ1030");
        Assert.Null(run.Results[0].Exception);
    }
}
