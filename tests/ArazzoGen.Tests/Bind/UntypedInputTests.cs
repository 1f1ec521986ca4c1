using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// An input without a schema type takes its type from the SDK member it fills; where nothing
/// decides one, the problem has its own id and a whole message (not ARZ1009's "cannot hold").
/// </summary>
public class UntypedInputTests
{
    private const string Channels = "      channels:\n        type: array\n";

    [Fact]
    public void ARZ1034_an_untyped_input_read_only_by_a_criterion()
    {
        var document = MarkedDocument.Parse(BindDiagnosticTests.ValidDocument
            .Replace(Channels, Channels + "      limit: {}\n")
            .Replace("    - condition: $statusCode == 200", "    - condition: $statusCode == 200\n    - condition: §$inputs.limit > 3"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) });

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal($"{document.Position} ARZ1034", GeneratorRunner.Describe(diagnostic));
        Assert.Equal(
            "Input 'limit' has no schema type, and nothing decides one here (no SDK member takes it); give the input a schema type, or use it where an SDK member decides its type",
            diagnostic.GetMessage());
    }

    [Fact]
    public void ARZ1033_a_value_passed_to_an_untyped_input_of_the_called_workflow()
    {
        var document = MarkedDocument.Parse(WorkflowStepTests.Document
            .Replace(Channels, Channels + "      note: {}\n")
            .Replace("    - name: jobName\n      value: $inputs.job", "    - name: jobName\n      value: $inputs.job\n    - name: note\n      value: §x"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/composed.yaml", document.Text) });

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal($"{document.Position} ARZ1033", GeneratorRunner.Describe(diagnostic));
        Assert.Equal(
            "Workflow 'train' gives input 'note' no schema type and uses it nowhere that decides one, so the value passed to it cannot be checked; give that input a schema type",
            diagnostic.GetMessage());
    }
}
