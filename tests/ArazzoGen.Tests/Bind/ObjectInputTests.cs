using ArazzoGen.Tests.Infrastructure;
using ArazzoGen.Tests.StateMachines;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// An object input that declares its properties, read member by member (<c>$inputs.job.role</c>):
/// a class of its own in Inputs, checked, kept in checkpoints and passed to state machines like any input.
/// </summary>
public sealed class ObjectInputTests
{
    private const string Head = """
        arazzo: 1.0.1
        info:
          title: Object inputs
          version: 1.0.0
        sourceDescriptions:
        - name: sagemakerApi
          url: ./sagemaker.json

        """;

    internal const string Document = Head + """
        workflows:
        - workflowId: train
          inputs:
            type: object
            required: [job]
            properties:
              job:
                type: object
                description: What to train.
                required: [name, role]
                properties:
                  name:
                    type: string
                  role:
                    type: string
                    description: The IAM role SageMaker assumes.
                  image:
                    type: string
                    default: trainer:latest
                  resources:
                    type: object
                    required: [instanceType]
                    properties:
                      instanceType:
                        type: string
                      instanceCount:
                        type: integer
                        default: 1
              apiKey:
                type: object
                properties:
                  value:
                    type: string
                    format: password
              channels:
                type: array
          steps:
          - stepId: create
            operationId: CreateTrainingJob
            requestBody:
              payload:
                TrainingJobName: $inputs.job.name
                RoleArn: $inputs.job.role
                InputDataConfig: $inputs.channels
                AlgorithmSpecification:
                  TrainingImage: $inputs.job.image
                  TrainingInputMode: File
                OutputDataConfig:
                  S3OutputPath: s3://out
                ResourceConfig:
                  InstanceType: $inputs.job.resources.instanceType
                  InstanceCount: $inputs.job.resources.instanceCount
                  VolumeSizeInGB: 10
                StoppingCondition:
                  MaxRuntimeInSeconds: 3600
                HyperParameters:
                  key: $inputs.apiKey.value
            successCriteria:
            - condition: $statusCode == 200
            outputs:
              arn: $response.body#/TrainingJobArn
          outputs:
            arn: $steps.create.outputs.arn
            role: $inputs.job.role
        """;

    private static List<string> Reported(string document) =>
        SdkCompilation.Generate(new[] { ("/w/train.yaml", document) }).Run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}")
            .ToList();

    [Fact]
    public void Each_object_input_is_a_class_of_its_own_and_its_members_are_read_through_it()
    {
        var code = SdkCompilation.GenerateClean(Document);

        Assert.Contains("public required global::ArazzoWorkflows.TrainWorkflow.Inputs.JobInput Job { get; init; }", code);
        Assert.Contains("public sealed class JobInput", code);
        Assert.Contains("public global::ArazzoWorkflows.TrainWorkflow.Inputs.JobInput.ResourcesInput? Resources { get; init; }", code);
        Assert.Contains("public string Image { get; init; } = \"trainer:latest\";", code);
        Assert.Contains("RoleArn = _inputs.Job.Role,", code);
        Assert.Contains("InstanceCount = _inputs.Job.Resources?.InstanceCount,", code); // an optional object may be null, so what is read through it may be
        Assert.Contains("[\"key\"] = _inputs.ApiKey?.Value,", code);
        Assert.Contains("Role = _inputs.Job.Role,", code); // a workflow output
        Assert.Contains("(problems ??= new()).Add(\"'job.resources.instanceType' is required\");", code);
        Assert.Contains("Job?.Validate(ref problems);", code);
        Assert.Contains("requestCarriesSecret: true", code); // apiKey.value is a password
        Assert.Contains("StateJson.WriteSecret(json, protector, secret => global::ArazzoGen.Runtime.Durable.StateJson.Write(secret, value.Value));", code);
    }

    [Fact]
    public void An_object_input_that_is_read_whole_still_takes_the_type_of_the_SDK_member_it_fills()
    {
        var document = Document
            .Replace("        ResourceConfig:\n          InstanceType: $inputs.job.resources.instanceType\n          InstanceCount: $inputs.job.resources.instanceCount\n          VolumeSizeInGB: 10\n", "        ResourceConfig: $inputs.job.resources\n")
            .Replace("              instanceType:\n", "              InstanceType:\n")
            .Replace("required: [instanceType]", "required: [InstanceType]");

        var code = SdkCompilation.GenerateClean(document);

        Assert.Contains("public global::Amazon.SageMaker.Model.ResourceConfig? Resources { get; init; }", code);
        Assert.Contains("ResourceConfig = _inputs.Job.Resources,", code);
        Assert.DoesNotContain("ResourcesInput", code);
    }

    [Fact]
    public void A_member_the_schema_does_not_declare_is_reported_with_the_one_it_probably_means()
    {
        var dotted = Reported(Document.Replace("RoleArn: $inputs.job.role", "RoleArn: $inputs.job.rolee"));
        var pointer = Reported(Document.Replace("role: $inputs.job.role", "role: $inputs.job#/roles"));

        Assert.Equal(new[] { "ARZ0209 50: Workflow 'train' declares no input 'job.rolee'; did you mean 'job.role'?" }, dotted);
        Assert.Equal(new[] { "ARZ0209 71: Workflow 'train' declares no input 'job.roles'; did you mean 'role'?" }, pointer);
    }

    [Fact]
    public void An_object_read_member_by_member_fills_no_SDK_member_of_another_kind_and_an_untyped_member_says_how_to_type_it()
    {
        var whole = Reported(Document.Replace("TrainingJobName: $inputs.job.name", "TrainingJobName: $inputs.job"));
        var untyped = Reported(Document.Replace("          image:\n            type: string\n            default: trainer:latest\n", "          image: {}\n").Replace("TrainingImage: $inputs.job.image", "TrainingImage: $inputs.job.image.uri"));

        Assert.Equal(new[] { "ARZ1009 49: CreateTrainingJobRequest.TrainingJobName cannot hold an object input read member by member (JobInput) (expected a string)" }, whole);
        Assert.Equal(new[] { "ARZ1010 51: '$inputs.job.image.uri' cannot be compiled: input 'job.image' has no type of its own to read a member of: give it a schema with 'type: object' and 'properties' to read them one by one, or let the SDK member it fills whole type it (such as 'InputDataConfig: $inputs.job.image') and read from it there" }, untyped);
    }

    [Fact]
    public void A_nested_required_list_is_checked_against_the_properties_beside_it()
    {
        var reported = GeneratorRunner.Diagnose(Document.Replace("required: [instanceType]", "required: [instanceTyp]"))
            .Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage()}");

        Assert.Contains(reported, r => r.StartsWith("ARZ0110 29:", StringComparison.Ordinal) && r.Contains("'instanceTyp'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_component_an_object_property_refers_to_brings_its_properties()
    {
        var document = Document
            .Replace("      apiKey:\n        type: object\n        properties:\n          value:\n            type: string\n            format: password\n", "      apiKey:\n        $ref: '#/components/inputs/secret'\n")
            + "\ncomponents:\n  inputs:\n    secret:\n      type: object\n      properties:\n        value:\n          type: string\n          format: password\n";

        var code = SdkCompilation.GenerateClean(document);

        Assert.Contains("[\"key\"] = _inputs.ApiKey?.Value,", code);
        Assert.Contains("requestCarriesSecret: true", code);
    }

    [Fact]
    public void A_state_machine_reads_required_members_and_checks_they_are_there_and_leaves_out_a_workflow_that_reads_an_optional_one()
    {
        var required = Document
            .Replace("        InputDataConfig: $inputs.channels\n", string.Empty)
            .Replace("          TrainingImage: $inputs.job.image\n", "          TrainingImage: image\n")
            .Replace("          InstanceType: $inputs.job.resources.instanceType\n          InstanceCount: $inputs.job.resources.instanceCount\n", "          InstanceType: ml.m5.large\n          InstanceCount: 1\n")
            .Replace("        HyperParameters:\n          key: $inputs.apiKey.value\n", string.Empty);
        var (run, _) = SdkCompilation.GenerateWithStateMachines(new[] { ("/w/train.yaml", required) });
        var definition = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(StateMachineDefinitionTests.Definitions(run)).Value)!.ToJsonString();
        var (optional, _) = SdkCompilation.GenerateWithStateMachines(new[] { ("/w/train.yaml", Document) });

        Assert.Empty(run.Diagnostics);
        Assert.Contains("\"RoleArn.$\":\"$.inputs.job.role\"", definition);
        Assert.Contains("{\"Variable\":\"$.inputs.job.role\",\"IsPresent\":false}", definition);
        Assert.Contains(optional.Diagnostics, d => d.Id == "ARZ1035" && d.GetMessage().Contains("input 'job.image' may be left out of an object input", StringComparison.Ordinal));
    }

    private const string Calls = Head + """
        workflows:
        - workflowId: called
          inputs:
            type: object
            required: [job]
            properties:
              job:
                type: object
                required: [name]
                properties:
                  name:
                    type: string
                  key:
                    type: string
          steps:
          - stepId: describe
            operationId: DescribeTrainingJob
            requestBody:
              payload:
                TrainingJobName: $inputs.job.name
            outputs:
              key: $inputs.job.key
        - workflowId: caller
          inputs:
            type: object
            properties:
              job:
                type: object
                properties:
                  title:
                    type: string
                  key:
                    type: string
                    format: password
              text:
                type: string
          steps:
          - stepId: copied
            workflowId: called
            parameters:
            - name: job
              value: $inputs.job
          - stepId: written
            workflowId: called
            parameters:
            - name: job
              value:
                nmae: $inputs.job.title
          - stepId: text
            workflowId: called
            parameters:
            - name: job
              value: $inputs.text
          - stepId: secret
            workflowId: called
            parameters:
            - name: job
              value:
                name: $inputs.job.title
                key: $inputs.job.key
        """;

    [Fact]
    public void An_object_passed_to_another_workflow_must_give_each_member_it_requires_by_name_and_keep_a_secret_secret()
    {
        var secret = "receives a secret (a value from an input marked format: password or writeOnly), but 'called' does not mark 'key' secret, so it would log and report the value; declare 'key' there with format: password or writeOnly: true";
        Assert.Equal(
            new[]
            {
                "ARZ1032 49: Input 'key' of workflow 'called' " + secret,
                "ARZ1009 49: input 'job' of workflow 'called' cannot hold an object input read member by member (JobInput) (it lacks the required 'name')",
                "ARZ1009 55: input 'job' of workflow 'called' cannot hold a member 'nmae' (that input declares no such member; did you mean 'name'?)",
                "ARZ1009 55: input 'job' of workflow 'called' cannot hold this object (it lacks the required 'name')",
                "ARZ1009 60: input 'job' of workflow 'called' cannot hold a string (expected an object input of this workflow's, or a mapping of the input's members)",
                "ARZ1032 67: Input 'key' of workflow 'called' " + secret,
            },
            Reported(Calls));
    }

    [Fact]
    public void A_state_machine_passes_an_object_input_on_as_the_object_it_is_and_a_written_one_by_its_input_names()
    {
        // What a state machine cannot read (members that may be left out) taken out of the workflows the runtime tests run.
        var workflows = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ArazzoGen.Workflows.Tests", "workflows", "object-inputs.arazzo.yaml"))
            .Replace("ExecutionRoleArn: $inputs.model.roleArn", "ExecutionRoleArn: arn:aws:iam::123456789012:role/SageMaker")
            .Replace("          ModelDataUrl: $inputs.model.container.artifacts\n", string.Empty)
            .Replace("          Environment:\n            API_KEY: $inputs.credentials.apiKey\n", string.Empty)
            .Replace("    tags: $inputs.model.tags\n    apiKey: $inputs.credentials.apiKey\n", string.Empty)
            .Replace("    - name: credentials\n      value: $inputs.credentials\n", string.Empty);
        var (run, _) = SdkCompilation.GenerateWithStateMachines(new[] { ("/w/object-inputs.yaml", workflows) });
        Assert.Empty(run.Diagnostics);
        var definition = System.Text.Json.Nodes.JsonNode.Parse(StateMachineDefinitionTests.Definitions(run)["register-two-models"])!.ToJsonString();

        Assert.Contains("\"model.$\":\"$.inputs.model\"", definition);
        Assert.Contains("\"model\":{\"name.$\":\"$.inputs.copyName\",\"container\":{\"image.$\":\"$.inputs.model.container.image\"}}", definition);
    }

    [Fact]
    public void A_read_a_hundred_thousand_members_deep_is_one_error_found_in_linear_time()
    {
        var deep = "$inputs.job.name" + string.Concat(Enumerable.Repeat(".x", 100_000));

        var reported = Reported(Document.Replace("TrainingJobName: $inputs.job.name", "TrainingJobName: " + deep));

        Assert.Equal(new[] { "ARZ1013" }, reported.Select(r => r.Substring(0, 7)));
    }

    [Fact]
    public void An_object_input_read_whole_where_no_SDK_member_takes_it_is_an_output_of_its_class()
    {
        var code = SdkCompilation.GenerateClean(Document
            .Replace("      arn: $response.body#/TrainingJobArn\n", "      arn: $response.body#/TrainingJobArn\n      job: $inputs.job\n")
            .Replace("    role: $inputs.job.role", "    role: $inputs.job.role\n    job: $steps.create.outputs.job"));

        Assert.Contains("public global::ArazzoWorkflows.TrainWorkflow.Inputs.JobInput? Job { get; init; }", code);
        Assert.Contains("global::ArazzoWorkflows.TrainWorkflow.Inputs.JobInput.WriteState(json, _create.Job, protector);", code); // the step's result, in checkpoints
    }

    [Fact]
    public void A_criterion_compares_an_object_input_s_members_or_the_object_with_null_but_walks_no_JSONPath_through_its_class()
    {
        static string With(string criterion) => Document.Replace("    - condition: $statusCode == 200\n", "    - condition: $statusCode == 200\n" + criterion);

        var code = SdkCompilation.GenerateClean(With("    - condition: $inputs.job.resources != null && $inputs.job.role == 'x'\n"));
        var jsonPath = Reported(With("    - context: $inputs.job\n      condition: $.role == 'x'\n      type: jsonpath\n"));

        Assert.Contains("_inputs.Job.Resources", code);
        Assert.Equal(new[] { "ARZ1010 67: '$inputs.job' cannot be compiled: a criterion's context is read through the AWS SDK's types, and an object input read member by member is a class of its own: compare its members in a simple condition instead ($inputs.job.role == 'x')" }, jsonPath);
    }

    [Fact]
    public void A_workflow_this_one_depends_on_gets_its_object_input_of_the_same_name_copied_member_by_member()
    {
        var document = Head + """
            workflows:
            - workflowId: called
              inputs:
                type: object
                required: [job]
                properties:
                  job:
                    type: object
                    required: [name]
                    properties:
                      name:
                        type: string
                      label:
                        type: string
              steps:
              - stepId: describe
                operationId: DescribeTrainingJob
                requestBody:
                  payload:
                    TrainingJobName: $inputs.job.name
            - workflowId: after
              dependsOn: [called]
              inputs:
                type: object
                properties:
                  job:
                    type: object
                    properties:
                      name:
                        type: string
                      label:
                        description: No type of its own; the member it is copied into gives it one.
                      extra:
                        type: string
              steps:
              - stepId: describe
                operationId: DescribeTrainingJob
                requestBody:
                  payload:
                    TrainingJobName: $inputs.job.name
            """;

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document) });
        var code = string.Join("\n", run.GeneratedTrees.Select(t => t.ToString()));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // 'after' may be given no job; 'called' requires one, with a name: a null one fails the dependency's run, by name.
        Assert.Contains("Job = global::ArazzoGen.Runtime.WorkflowInput.Required((_inputs.Job is null ? null : new global::ArazzoWorkflows.CalledWorkflow.Inputs.JobInput { Name = global::ArazzoGen.Runtime.WorkflowInput.Required(_inputs.Job.Name, \"name\"), Label = _inputs.Job.Label }), \"job\")", code);
        Assert.Contains("/// <summary>No type of its own; the member it is copied into gives it one.</summary>\n                public string? Label { get; init; }", code.Replace("\r\n", "\n"));
    }

    [Fact]
    public void An_object_read_member_by_member_fills_an_SDK_structure_whole_as_the_mapping_of_its_members_it_stands_for()
    {
        var document = Document.Replace(
            "        ResourceConfig:\n          InstanceType: $inputs.job.resources.instanceType\n          InstanceCount: $inputs.job.resources.instanceCount\n          VolumeSizeInGB: 10\n",
            "        ResourceConfig: $inputs.job.resources\n")
            .Replace("              instanceCount:\n", "              volumeSizeInGB:\n                type: integer\n                default: 10\n              instanceCount:\n")
            .Replace("    role: $inputs.job.role", "    role: $inputs.job.role\n    instanceType: $inputs.job.resources.instanceType");
        var misspelt = Reported(document.Replace("              volumeSizeInGB:\n", "              volumeSize:\n"));

        var code = SdkCompilation.GenerateClean(document);

        Assert.Contains("public sealed class ResourcesInput", code); // read into for the output, so a class of its own
        Assert.Contains("ResourceConfig = _inputs.Job.Resources is null ? null : new global::Amazon.SageMaker.Model.ResourceConfig", code);
        Assert.Contains("InstanceType = global::Amazon.SageMaker.TrainingInstanceType.FindValue(_inputs.Job.Resources?.InstanceType),", code);
        Assert.Contains("VolumeSizeInGB = _inputs.Job.Resources?.VolumeSizeInGB,", code);
        Assert.Equal(new[] { "ARZ1005 60: ResourceConfig has no member 'volumeSize'; did you mean 'VolumeSizeInGB'?" }, misspelt); // at the line that fills it
        Assert.Equal(code, SdkCompilation.GenerateClean(document.Replace("ResourceConfig: $inputs.job.resources", "ResourceConfig: $inputs.job#/resources")));
    }
}
