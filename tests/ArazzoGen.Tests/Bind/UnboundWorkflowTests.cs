using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// A workflow is generated, or an error at its YAML says why: never a warning and a missing class
/// (the user would meet CS0246 in their own code instead).
/// </summary>
public class UnboundWorkflowTests
{
    private const string TwoSources = """
        arazzo: 1.0.1
        info:
          title: Two sources
          version: 1.0.0
        sourceDescriptions:
        - name: tables
          url: ./dynamodb.json
          type: openapi
        - name: training
          url: ./sagemaker.json
          type: openapi
        workflows:
        - workflowId: describe
          steps:
          - stepId: first
            operationId: §DescribeTabel
            requestBody:
              payload:
                TableName: t
        """;

    private static IReadOnlyList<Diagnostic> Errors(GeneratorDriverRunResult run) => run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    [Fact]
    public void An_unqualified_operation_no_source_has_is_an_error_with_the_near_name_and_the_form_to_write()
    {
        var document = MarkedDocument.Parse(TwoSources);

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/two.yaml", document.Text) });

        var error = Assert.Single(Errors(run));
        Assert.Equal($"{document.Position} ARZ1021", GeneratorRunner.Describe(error));
        Assert.Equal("operationId 'DescribeTabel' is not an operation of any source description's client (did you mean 'DescribeTable'?); with several source descriptions (tables, training) an operationId must say which: write '$sourceDescriptions.<name>.DescribeTabel'", error.GetMessage());
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ARZ1002"); // no source is blamed for fitting several clients
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void An_unqualified_operation_that_one_source_has_binds_to_it_with_the_validation_warning_only()
    {
        var document = MarkedDocument.Parse(TwoSources.Replace("§DescribeTabel", "§DescribeTable"));

        var (run, output) = SdkCompilation.Generate(
            new[] { ("/w/two.yaml", document.Text) },
            true,
            "[assembly: ArazzoGen.ArazzoSource(\"tables\", typeof(Amazon.DynamoDBv2.IAmazonDynamoDB))]\n[assembly: ArazzoGen.ArazzoSource(\"training\", typeof(Amazon.SageMaker.IAmazonSageMaker))]");

        Assert.Equal(new[] { $"{document.Position} ARZ0220" }, run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Single(run.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void An_operation_in_a_document_with_only_arazzo_sources_is_an_error()
    {
        var document = MarkedDocument.Parse(TwoSources
            .Replace("  url: ./dynamodb.json\n  type: openapi", "  url: ./other.arazzo.yaml\n  type: arazzo")
            .Replace("  url: ./sagemaker.json\n  type: openapi", "  url: ./third.arazzo.yaml\n  type: arazzo"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/two.yaml", document.Text) });

        Assert.Equal($"{document.Position} ARZ1022", GeneratorRunner.Describe(Assert.Single(Errors(run))));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void A_workflow_whose_cause_is_reported_elsewhere_gets_an_error_at_its_own_id_too()
    {
        // The source's client cannot be found: that is reported where the source is declared.
        var document = MarkedDocument.Parse(BindDiagnosticTests.ValidDocument
            .Replace("operationId: DescribeTrainingJob", "operationId: DescribeTrainingJb")
            .Replace("- workflowId: train", "- workflowId: §train"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) });

        var described = run.Diagnostics.Select(GeneratorRunner.Describe).ToList();
        Assert.Contains("ARZ1001", string.Join(" ", described));
        Assert.Contains($"{document.Position} ARZ1023", described);
        var arz1001 = run.Diagnostics.Single(d => d.Id == "ARZ1001").GetMessage();
        Assert.Contains("did you mean 'DescribeTrainingJob' for 'DescribeTrainingJb'?", arz1001);
        Assert.Contains("IAmazonSageMaker has the others", arz1001);
    }

    [Fact]
    public void The_invariant_holds_over_every_workflow_of_a_fuzzed_corpus()
    {
        var documents = RepoPaths.WorkflowFiles.Select(RepoPaths.Workflow).Concat(RepoPaths.TestWorkflowPaths).Select(p => (p, File.ReadAllText(p))).ToList();
        var mutator = new Fuzz.WorkflowMutator(4242);
        var compilation = SdkCompilation.Create(true, SdkCompilation.NeptuneBindings);
        for (var i = 0; i < 300; i++)
        {
            var (path, original) = documents[i % documents.Count];
            var (text, mutation) = mutator.Mutate(original);
            var files = documents.Where(d => d.p != path).Select(d => new InMemoryAdditionalText(d.p, d.Item2)).Prepend(new InMemoryAdditionalText(path, text)).ToArray();
            var run = GeneratorRunner.CreateDriver(files, parseOptions: SdkCompilation.ParseOptions).RunGenerators(compilation).GetRunResult();

            if (!System.Text.RegularExpressions.Regex.IsMatch(text, "^arazzo:", System.Text.RegularExpressions.RegexOptions.Multiline))
            {
                continue; // No longer an Arazzo document: the generator ignores it, as it does any other YAML file.
            }

            var ids = System.Text.RegularExpressions.Regex.Matches(text, @"^- workflowId:\s*(\S+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            var generatedFromThisFile = run.Results[0].GeneratedSources.Count(s => s.SourceText.ToString().Contains("from " + Path.GetFileName(path) + ",", StringComparison.Ordinal));
            var errorsInThisFile = run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == path);
            Assert.True(
                generatedFromThisFile >= ids.Count || errorsInThisFile > 0,
                $"case {i}: {Path.GetFileName(path)}: {mutation}: {ids.Count} workflows, {generatedFromThisFile} generated, no error\n{string.Join("\n", run.Diagnostics)}");
        }
    }
}
