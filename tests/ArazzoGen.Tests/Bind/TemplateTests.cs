using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// A string with embedded expressions (<c>'{$inputs.jobName}-train'</c>) is the text of its parts
/// joined; a string that is one embedded expression and nothing else is that value's text.
/// </summary>
public class TemplateTests
{
    private static string Generated(string trainingJobName)
    {
        var document = BindDiagnosticTests.ValidDocument.Replace("TrainingJobName: $inputs.jobName", "TrainingJobName: " + trainingJobName);
        Assert.Contains(trainingJobName, document);
        return SdkCompilation.GenerateClean(document);
    }

    [Fact]
    public void A_string_that_is_one_embedded_expression_is_its_text_with_nothing_joined()
    {
        var code = Generated("'{$inputs.jobName}'");

        Assert.Contains("TrainingJobName = global::ArazzoGen.Runtime.Criteria.Text(_inputs.JobName),", code);
        Assert.DoesNotContain("string.Concat(", code);
    }

    [Fact]
    public void Text_around_or_between_expressions_is_joined_in_order()
    {
        Assert.Contains(
            "TrainingJobName = string.Concat(global::ArazzoGen.Runtime.Criteria.Text(_inputs.JobName), \"-train\"),",
            Generated("'{$inputs.jobName}-train'"));
        Assert.Contains(
            "TrainingJobName = string.Concat(global::ArazzoGen.Runtime.Criteria.Text(_inputs.JobName), global::ArazzoGen.Runtime.Criteria.Text(_inputs.JobName)),",
            Generated("'{$inputs.jobName}{$inputs.jobName}'"));
    }
}
