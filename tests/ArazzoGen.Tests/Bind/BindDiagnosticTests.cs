using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// One broken document per binding diagnostic, against the SageMaker SDK shapes: each must report
/// its id where the '§' marks, and no workflow class is generated for a workflow with errors.
/// </summary>
public class BindDiagnosticTests
{
    internal const string ValidDocument = """
        arazzo: 1.0.1
        info:
          title: Bind
          version: 1.0.0
        sourceDescriptions:
        - name: sagemakerApi
          url: ./sagemaker.json
        workflows:
        - workflowId: train
          inputs:
            type: object
            required: [jobName]
            properties:
              jobName:
                type: string
              channels:
                type: array
          steps:
          - stepId: create
            operationId: CreateTrainingJob
            parameters:
            - name: X-Amz-Target
              in: header
              value: SageMaker.CreateTrainingJob
            requestBody:
              payload:
                TrainingJobName: $inputs.jobName
                RoleArn: arn:aws:iam::1:role/r
                InputDataConfig: $inputs.channels
                AlgorithmSpecification:
                  TrainingImage: image
                  TrainingInputMode: File
                OutputDataConfig:
                  S3OutputPath: s3://out
                ResourceConfig:
                  InstanceType: ml.m5.large
                  InstanceCount: 1
                  VolumeSizeInGB: 10
                StoppingCondition:
                  MaxRuntimeInSeconds: 3600
            outputs:
              arn: $response.body#/TrainingJobArn
          - stepId: poll
            operationId: DescribeTrainingJob
            requestBody:
              payload:
                TrainingJobName: $inputs.jobName
            successCriteria:
            - condition: $statusCode == 200
            outputs:
              status: $response.body#/TrainingJobStatus
            onSuccess:
            - name: again
              type: goto
              stepId: poll
              criteria:
              - context: $response.body
                condition: $.TrainingJobStatus == 'InProgress'
                type: jsonpath
          outputs:
            status: $steps.poll.outputs.status
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "ARZ1001", "operationId: DescribeTrainingJob", "operationId: DescribeTrainingJb" },
        { "ARZ1004", "value: SageMaker.CreateTrainingJob", "value: §SageMaker.CreateModel" },
        { "ARZ1005", "        RoleArn: arn", "        §RoleArm: arn" },
        { "ARZ1006", "TrainingInputMode: File", "TrainingInputMode: §Fil" },
        { "ARZ1007", "        RoleArn: arn:aws:iam::1:role/r\n", "" },
        { "ARZ1008", "TrainingJobName: $inputs.jobName\n        RoleArn", "TrainingJobName: §" + new string('x', 64) + "\n        RoleArn" },
        { "ARZ1009", "InstanceCount: 1", "InstanceCount: §many" },
        { "ARZ1010", "      arn: $response.body#/TrainingJobArn", "      arn: §$response.header.ETag" },
        // A member of an input with no type: the member's slot cannot say what the whole input is.
        { "ARZ1010", "        RoleArn: arn:aws:iam::1:role/r", "        RoleArn: §$inputs.channels.role" },
        { "ARZ1011", "condition: $.TrainingJobStatus == 'InProgress'", "condition: §$.TrainingJobStatus > 5" },
        { "ARZ1012", "    operationId: DescribeTrainingJob", "    operationPath: §'{$sourceDescriptions.sagemakerApi.url}#/paths/~1/post'" },
        { "ARZ1013", "      status: $response.body#/TrainingJobStatus", "      status: §$response.body#/TrainingJobStatuss" },
        { "ARZ1016", "        InputDataConfig: $inputs.channels", "        InputDataConfig: $inputs.channels\n        Environment: §$inputs.channels" },
    };

    [Fact]
    public void The_valid_document_binds_and_generates_without_diagnostics()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/train.yaml", ValidDocument) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Single(run.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_binding_problem_is_reported_at_the_yaml_position(string id, string find, string replace)
    {
        Assert.Contains(find, ValidDocument);
        var marked = ValidDocument.Replace(find, replace);
        var expected = id switch
        {
            // Reported where the unbindable source description is declared / where the step starts.
            "ARZ1001" => MarkedDocument.Parse(marked.Replace("- name: sagemakerApi", "- name: §sagemakerApi")),
            "ARZ1007" => MarkedDocument.Parse(marked.Replace("  - stepId: create", "  - stepId: §create")),
            _ => MarkedDocument.Parse(marked),
        };

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", expected.Text) });

        // Exactly this diagnostic, and ARZ1023 at the workflow when the cause is reported outside it.
        var described = run.Diagnostics.Select(GeneratorRunner.Describe).Where(d => !d.EndsWith("ARZ1023", StringComparison.Ordinal)).ToList();
        Assert.True(described.SequenceEqual(new[] { $"{expected.Position} {id}" }), $"expected exactly {id} at {expected.Position}; got:\n" + string.Join("\n", run.Diagnostics));
        if (run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Assert.Empty(run.GeneratedTrees);
        }
    }

    [Fact]
    public void ARZ1000_without_the_aws_sdk_every_workflow_says_so_at_its_id()
    {
        var document = MarkedDocument.Parse(ValidDocument.Replace("- workflowId: train", "- workflowId: §train"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) }, withSdk: false);

        Assert.Equal(new[] { $"{document.Position} ARZ1000" }, run.Diagnostics.Select(GeneratorRunner.Describe));
    }

    [Fact]
    public void ARZ1002_a_source_that_fits_two_clients_must_be_chosen_with_ArazzoSource()
    {
        const string other = """
            namespace Contoso
            {
                public interface IOtherTrainer : Amazon.Runtime.IAmazonService
                {
                    System.Threading.Tasks.Task<Amazon.SageMaker.Model.CreateTrainingJobResponse> CreateTrainingJobAsync(Amazon.SageMaker.Model.CreateTrainingJobRequest request, System.Threading.CancellationToken cancellationToken = default);
                    System.Threading.Tasks.Task<Amazon.SageMaker.Model.DescribeTrainingJobResponse> DescribeTrainingJobAsync(Amazon.SageMaker.Model.DescribeTrainingJobRequest request, System.Threading.CancellationToken cancellationToken = default);
                }
            }
            """;
        var document = MarkedDocument.Parse(ValidDocument.Replace("- name: sagemakerApi", "- name: §sagemakerApi"));

        var (ambiguous, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) }, true, other);
        var (chosen, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) }, true, other, "[assembly: ArazzoGen.ArazzoSource(\"sagemakerApi\", typeof(Amazon.SageMaker.IAmazonSageMaker))]");

        // Reported where the source is declared, and at the workflow it keeps from being generated.
        Assert.Equal(new[] { $"{document.Position} ARZ1002", "9:15 ARZ1023" }, ambiguous.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Contains("Contoso.IOtherTrainer", ambiguous.Diagnostics[0].GetMessage());
        Assert.Equal("Workflow 'train' is not generated: of the error ARZ1002 at line 6", ambiguous.Diagnostics[1].GetMessage());
        Assert.Empty(chosen.Diagnostics);
        Assert.Single(chosen.GeneratedTrees);
    }

    [Fact]
    public void ARZ1003_an_operation_the_bound_client_lacks_suggests_the_nearest()
    {
        var document = MarkedDocument.Parse(ValidDocument.Replace("operationId: DescribeTrainingJob", "operationId: §DescribeTrainingJobs"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) }, true, "[assembly: ArazzoGen.ArazzoSource(\"sagemakerApi\", typeof(Amazon.SageMaker.IAmazonSageMaker))]");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal($"{document.Position} ARZ1003", GeneratorRunner.Describe(diagnostic));
        Assert.Contains("did you mean 'DescribeTrainingJob'?", diagnostic.GetMessage());
    }

    [Fact]
    public void ARZ1014_a_dropped_payload_member_is_reported_as_info_where_it_is_written()
    {
        var document = MarkedDocument.Parse(ValidDocument.Replace("        RoleArn: arn", "        §Retired: true\n        RoleArn: arn"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) }, true, "[assembly: ArazzoGen.ArazzoPayloadMember(\"sagemakerApi\", \"CreateTrainingJob\", \"Retired\", null)]");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Info, $"{document.Position} ARZ1014"), (diagnostic.Severity, GeneratorRunner.Describe(diagnostic)));
        Assert.Single(run.GeneratedTrees);
    }

    [Fact]
    public void ARZ1015_an_unqualified_operation_in_two_sources_must_be_qualified()
    {
        var twoSources = ValidDocument.Replace("  url: ./sagemaker.json", "  url: ./sagemaker.json\n- name: backup\n  url: ./backup.json");
        var document = MarkedDocument.Parse(twoSources.Replace("operationId: DescribeTrainingJob", "operationId: §DescribeTrainingJob"));

        var (run, _) = SdkCompilation.Generate(
            new[] { ("/w/train.yaml", document.Text) },
            true,
            "[assembly: ArazzoGen.ArazzoSource(\"sagemakerApi\", typeof(Amazon.SageMaker.IAmazonSageMaker))]\n[assembly: ArazzoGen.ArazzoSource(\"backup\", typeof(Amazon.SageMaker.IAmazonSageMaker))]");

        Assert.Contains($"{document.Position} ARZ1015", run.Diagnostics.Select(GeneratorRunner.Describe));
    }

    [Fact]
    public void ARZ1017_workflows_whose_ids_collide_after_PascalCase_get_distinct_classes_and_a_warning()
    {
        var second = ValidDocument.Substring(ValidDocument.IndexOf("- workflowId: train", StringComparison.Ordinal))
            .Replace("- workflowId: train", "- workflowId: §Train")
            .Replace("  outputs:\n    status: $steps.poll.outputs.status", string.Empty);
        var document = MarkedDocument.Parse(ValidDocument + "\n" + second);

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) });

        Assert.Equal(new[] { $"{document.Position} ARZ1017" }, run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Contains("generated as TrainWorkflow2", run.Diagnostics[0].GetMessage());
        Assert.Equal(2, run.GeneratedTrees.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void ARZ1017_across_files_the_second_claim_of_a_class_name_is_reported()
    {
        var other = MarkedDocument.Parse(ValidDocument.Replace("- workflowId: train", "- workflowId: §train"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/a/train.yaml", ValidDocument), ("/b/train.yaml", other.Text) });

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ARZ1017");
        Assert.Equal("/b/train.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal($"{other.Position} ARZ1017", GeneratorRunner.Describe(diagnostic));
        Assert.Null(run.Results[0].Exception); // distinct hint names: no CS8785
    }

    [Fact]
    public void Every_binding_descriptor_has_a_test()
    {
        var tested = Cases.Select(c => (string)c[0])
            .Concat(WorkflowStepTests.Cases.Select(c => (string)c[0]))
            .Concat(PayloadReplacementTests.Broken.Select(c => (string)c[0]))
            .Concat(CrossDocumentTests.Cases.Select(c => (string)c[0]))
            .Concat(AwsApiNameTests.Broken.Select(c => (string)c[2]))
            .Concat(new[] { "ARZ1000", "ARZ1002", "ARZ1003", "ARZ1014", "ARZ1015", "ARZ1017", "ARZ1021", "ARZ1022", "ARZ1023", "ARZ1024", "ARZ1025", "ARZ1028", "ARZ1029", "ARZ1030", "ARZ1032", "ARZ1033", "ARZ1034" })
            .Concat(new[] { "ARZ1035" }) // StateMachineDefinitionTests
            .ToHashSet();
        var catalogued = typeof(ArazzoGenerator).Assembly.GetType("ArazzoGen.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().Select(d => d.Id).Where(id => id.StartsWith("ARZ1", StringComparison.Ordinal));

        Assert.Empty(catalogued.Except(tested));
    }
}
