using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// requestBody.replacements: JSON Pointer targets into the payload, applied before it is bound, so
/// replaced values are typed and checked like the rest of the request.
/// </summary>
public class PayloadReplacementTests
{
    private const string Find = "        StoppingCondition:\n          MaxRuntimeInSeconds: 3600\n";

    private static string Generated(string replacements)
    {
        return SdkCompilation.GenerateClean(BindDiagnosticTests.ValidDocument.Replace(Find, Find + "      replacements:\n" + replacements.TrimEnd('\n') + "\n"));
    }

    [Fact]
    public void A_replacement_sets_a_member_deep_in_the_request_with_its_type_checked()
    {
        var code = Generated("""
                  - target: /ResourceConfig/InstanceCount
                    value: 4
                  - target: /TrainingJobName
                    value: '{$inputs.jobName}-retrained'
            """);

        Assert.Contains("InstanceCount = 4,", code);
        Assert.DoesNotContain("InstanceCount = 1,", code);
        Assert.Contains("TrainingJobName = string.Concat(global::ArazzoGen.Runtime.Criteria.Text(_inputs.JobName), \"-retrained\"),", code);
    }

    [Fact]
    public void A_replacement_adds_members_and_list_items_the_payload_does_not_have()
    {
        var code = Generated("""
                  - target: /StoppingCondition/MaxWaitTimeInSeconds
                    value: 7200
                  - target: /Tags/-
                    value: {Key: team, Value: ml}
            """);

        Assert.Contains("MaxRuntimeInSeconds = 3600,", code);
        Assert.Contains("MaxWaitTimeInSeconds = 7200,", code);
        Assert.Contains("Key = \"team\",", code);
    }

    public static TheoryData<string, string> Broken => new()
    {
        // A value of the wrong type is reported at the replacement's value.
        { "ARZ1009", "  - target: /ResourceConfig/InstanceCount\n    value: §many\n" },
        // A pointer through a single value.
        { "ARZ1019", "  - target: §/RoleArn/Name\n    value: x\n" },
        // An index beyond the end of a list (its length would append).
        { "ARZ1019", "  - target: §/Tags/1/Key\n    value: x\n" },
        // Not a JSON Pointer (XPath targets are for XML bodies).
        { "ARZ1019", "  - target: §TrainingJobName\n    value: x\n" },
        // A member the request does not have, found through the replacement.
        { "ARZ1005", "  - target: §/RoleArm\n    value: x\n" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_replacement_that_cannot_apply_is_reported_at_its_yaml_position(string id, string replacement)
    {
        var marked = BindDiagnosticTests.ValidDocument.Replace(Find, Find + "      replacements:\n" + string.Join("\n", replacement.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)));
        if (id == "ARZ1019" && replacement.Contains("/Tags/1", StringComparison.Ordinal))
        {
            marked = marked.Replace("      replacements:", "        Tags: []\n      replacements:");
        }

        var document = MarkedDocument.Parse(marked);

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/train.yaml", document.Text) });

        Assert.True(run.Diagnostics.Select(GeneratorRunner.Describe).Contains($"{document.Position} {id}"), $"expected {id} at {document.Position}; got:\n" + string.Join("\n", run.Diagnostics));
        Assert.Empty(run.GeneratedTrees);
    }
}
