using ArazzoGen.Tests.Bind;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Fuzz;

/// <summary>
/// Each document the fuzzer once broke the generated code with, kept as a regression test: it must
/// generate code that compiles with no error and no warning in the generated file.
/// </summary>
public class FuzzFindingTests
{
    public static TheoryData<string, string, string> Findings => new()
    {
        // CS8618: a name with no lower-case form made the constructor parameter equal the property.
        { "source named 1e308", "- name: sagemakerApi", "- name: 1e308" },
        // CS0162 + CS0219: an unconditional failure goto followed by a retry action.
        { "unconditional failure goto before a retry", "      arn: $response.body#/TrainingJobArn", "      arn: $response.body#/TrainingJobArn\n    onFailure:\n    - name: giveUp\n      type: end\n    - name: again\n      type: retry" },
        // CS1591: an empty description left a public member undocumented.
        { "empty input description", "      jobName:\n        type: string", "      jobName:\n        type: string\n        description: ''" },
        // CS8604: an optional input as a list element, or as a map value.
        { "optional input in a list", "        RoleArn: arn:aws:iam::1:role/r", "        RoleArn: arn:aws:iam::1:role/r\n        VpcConfig:\n          SecurityGroupIds: [sg-1, $inputs.optionalText]\n          Subnets: [subnet-1]" },
        { "optional input in a map", "        RoleArn: arn:aws:iam::1:role/r", "        RoleArn: arn:aws:iam::1:role/r\n        Environment:\n          MAYBE: $inputs.optionalText" },
        // CS0108 (seed 77, case 2565, hostile-names): a source named ToString made a Clients property hiding object.ToString.
        { "source named ToString", "- name: sagemakerApi", "- name: ToString" },
        { "source named Clients", "- name: sagemakerApi", "- name: clients" },
        // CS1570: a source name with a line break inside an inline XML doc element.
        { "source name with a newline", "- name: sagemakerApi", "- name: \"sagemaker\\n#error Api\"" },
        // CS0652: an int status compared with a constant beyond int's range.
        { "status compared beyond int", "    - condition: $statusCode == 200", "    - condition: $statusCode == 2147483648" },
                // CS0162: a condition written as the literal true, then another action.
        { "literal true condition", "condition: $.TrainingJobStatus == 'InProgress'", "condition: 'true'" },
        { "literal false condition", "condition: $.TrainingJobStatus == 'InProgress'", "condition: 'false'" },
    };

    [Fact]
    public void An_input_whose_default_is_null_is_an_input_without_a_default()
    {
        // CS8601 (seed 88, case 3370, hostile-names): 'default: ~' made Bind treat the input as never
        // null while the Inputs class, rightly, declared it nullable.
        var document = BindDiagnosticTests.ValidDocument
            .Replace("      channels:\n        type: array", "      channels:\n        type: array\n      nothing:\n        type: string\n        default: ~")
            .Replace("        RoleArn: arn:aws:iam::1:role/r", "        RoleArn: arn:aws:iam::1:role/r\n        Environment:\n          MAYBE: $inputs.nothing");

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/finding.yaml", document) });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("public string? Nothing { get; init; }", Assert.Single(run.GeneratedTrees).ToString());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void Two_sources_whose_names_differ_only_in_separators_get_two_client_properties()
    {
        // Both would be 'SagemakerApi' (CS0102).
        var document = BindDiagnosticTests.ValidDocument
            .Replace("- name: sagemakerApi\n  url: ./sagemaker.json", "- name: sagemakerApi\n  url: ./sagemaker.json\n- name: sagemaker-api\n  url: ./sagemaker.json")
            .Replace("operationId: CreateTrainingJob", "operationId: $sourceDescriptions.sagemakerApi.CreateTrainingJob")
            .Replace("operationId: DescribeTrainingJob", "operationId: $sourceDescriptions.sagemaker-api.DescribeTrainingJob");

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/finding.yaml", document) });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("public Clients(global::Amazon.SageMaker.IAmazonSageMaker sagemakerApi, global::Amazon.SageMaker.IAmazonSageMaker sagemakerApi2)", source);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void The_generated_code_compiles_without_warnings(string finding, string find, string replace)
    {
        var document = BindDiagnosticTests.ValidDocument.Replace(find, replace)
            .Replace("      channels:\n        type: array", "      channels:\n        type: array\n      optionalText:\n        type: string");
        Assert.True(document.Contains(find.Split('\n')[0]) || BindDiagnosticTests.ValidDocument.Contains(find), finding);
        Assert.Contains(replace.Split('\n').Last().Trim(), document);

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/finding.yaml", document) });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var generated = run.GeneratedTrees.ToHashSet();
        Assert.NotEmpty(generated);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Severity == DiagnosticSeverity.Error || generated.Contains(d.Location.SourceTree!))).Select(d => d.ToString()));
    }
}

/// <summary>Fuzz findings in documents with several workflows: the generator must not crash, and reports an error.</summary>
public class ComposedFuzzFindingTests
{
    public static TheoryData<string, string, string> Findings => new()
    {
        // Seed 77, case 165: the source failed to bind while binding train-model (reported once, at the
        // source); deploy-model then lost every step without an error of its own, and Emit indexed an empty list.
        { "unknown operation in a called workflow", "operationId: CreateTrainingJob", "operationId: CreateTraining>Job" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void The_generator_reports_the_problem_instead_of_crashing(string finding, string find, string replace)
    {
        var text = File.ReadAllText(RepoPaths.Workflow("amazon-sagemaker-train-and-deploy-composed-workflow.yml"));
        Assert.True(text.Contains(find, StringComparison.Ordinal), finding);

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/finding.yaml", text.Replace(find, replace)) });

        Assert.True(run.Results[0].Exception is null, string.Join("\n", run.Diagnostics));
        Assert.Contains(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785");
    }
}

/// <summary>Fuzz findings in documents that run workflows of other documents.</summary>
public class CrossDocumentFuzzFindingTests
{
    [Fact]
    public void An_untyped_input_passed_to_a_dependencys_required_input_takes_that_inputs_type()
    {
        // Seed 20261121, case 179: 'image: []' left the input untyped, dependsOn then skipped the
        // dependency's required Image and the generated code did not compile (CS9035).
        var callerPath = Path.Combine(RepoPaths.Root, "tests", "ArazzoGen.Workflows.Tests", "workflows", "cross-document.arazzo.yaml");
        var calleePath = RepoPaths.Workflow("amazon-sagemaker-train-and-deploy-composed-workflow.yml");
        var caller = File.ReadAllText(callerPath);
        const string find = "      image: {type: string}\n      roleArn: {type: string}\n      s3OutputPath: {type: string}\n  steps:\n  - stepId: deploy";
        Assert.Contains(find, caller);

        var (run, output) = SdkCompilation.Generate(new[] { (callerPath, caller.Replace(find, find.Replace("image: {type: string}", "image: []"))), (calleePath, File.ReadAllText(calleePath)) });

        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("public required string Image { get; init; }", run.GeneratedTrees.Single(t => t.FilePath.Contains("DeployAfterTraining", StringComparison.Ordinal)).ToString());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }
}
