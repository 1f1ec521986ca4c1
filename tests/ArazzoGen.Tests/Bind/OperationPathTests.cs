using ArazzoGen.Parse.Expressions;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// operationPath in the form AWS JSON-protocol OpenAPI documents give every operation
/// (<c>POST /#X-Amz-Target=Service.Operation</c>) binds like the operationId it names.
/// </summary>
public class OperationPathTests
{
    [Theory]
    [InlineData("{$sourceDescriptions.sagemakerApi.url}#/paths/~1#X-Amz-Target=SageMaker.DescribeTrainingJob/post", "sagemakerApi", "DescribeTrainingJob")]
    [InlineData("{$sourceDescriptions.sagemakerApi.url}#/paths/~1%23X-Amz-Target=SageMaker.DescribeTrainingJob/post", "sagemakerApi", "DescribeTrainingJob")]
    [InlineData("{$sourceDescriptions.neptune.url}#/paths/~1?X-Amz-Target=Neptunedata.GetMLModelTrainingJob&x=1/post", "neptune", "GetMLModelTrainingJob")]
    [InlineData("{$sourceDescriptions.api.url}#/paths/~1pets~1{petId}/get", "api", null)]
    [InlineData("{$sourceDescriptions.api.url}#/paths/~1%ZZ/get", "api", null)]
    [InlineData("#/paths/~1#X-Amz-Target=SageMaker.DescribeTrainingJob/post", null, null)]
    [InlineData("{$sourceDescriptions.api.url}#/paths/~1#X-Amz-Target=/post", "api", null)]
    public void The_source_and_the_operation_named_by_X_Amz_Target_are_read(string text, string? source, string? operation)
    {
        var path = OperationPath.Parse(text);

        Assert.Equal((source, operation), (path.Source, path.Operation));
    }

    [Fact]
    public void A_step_named_by_operationPath_calls_that_operation()
    {
        var document = BindDiagnosticTests.ValidDocument.Replace(
            "operationId: DescribeTrainingJob",
            "operationPath: '{$sourceDescriptions.sagemakerApi.url}#/paths/~1#X-Amz-Target=SageMaker.DescribeTrainingJob/post'");

        var (run, output) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document) });

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Contains("client.DescribeTrainingJobAsync(r, ct)", Assert.Single(run.GeneratedTrees).ToString());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void An_operationPath_naming_an_unknown_source_is_reported_at_it()
    {
        var document = MarkedDocument.Parse(BindDiagnosticTests.ValidDocument.Replace(
            "operationId: DescribeTrainingJob",
            "operationPath: §'{$sourceDescriptions.sagemakerAPI.url}#/paths/~1#X-Amz-Target=SageMaker.DescribeTrainingJob/post'"));

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) });

        Assert.Contains($"{document.Position} ARZ0212", run.Diagnostics.Select(GeneratorRunner.Describe));
        Assert.Contains(run.Diagnostics, d => d.GetMessage().Contains("did you mean 'sagemakerApi'", StringComparison.Ordinal));
    }
}
