using System.Text;
using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Validate;

/// <summary>
/// Documents as large as the parser's limits allow, shaped to defeat per-workflow or per-step
/// searches: each rule must work in linear passes (these took minutes, or an n-squared matrix, before
/// the cycle checks, id lookups and flow graph were made linear) and without recursion per workflow.
/// </summary>
public class LargeDocumentTests
{
    private const string Head = "arazzo: 1.0.1\ninfo: {title: large, version: 1.0.0}\nsourceDescriptions:\n- {name: sagemakerApi, url: ./sagemaker.json}\nworkflows:\n";

    private const string DescribeStep = "  - stepId: s\n    operationId: DescribeTrainingJob\n    requestBody:\n      payload:\n        TrainingJobName: job\n";

    private static string Chain(int count, Func<int, string> link)
    {
        var yaml = new StringBuilder(Head);
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"- workflowId: w{i}\n").Append(i + 1 < count ? link(i + 1) : "  steps:\n" + DescribeStep);
        }

        return yaml.ToString();
    }

    [Fact]
    public void A_dependsOn_chain_of_twelve_thousand_workflows_and_one_cycle_closing_it()
    {
        var chain = Chain(12_000, next => $"  dependsOn: [w{next}]\n  steps:\n  - stepId: s\n    operationId: X\n");
        var cyclic = chain.Replace("- workflowId: w11999\n", "- workflowId: w11999\n  dependsOn: [w0]\n");

        Assert.Empty(GeneratorRunner.Diagnose(chain).Where(d => d.Id == "ARZ0214"));
        var cycles = GeneratorRunner.Diagnose(cyclic).Where(d => d.Id == "ARZ0214").ToList();

        Assert.Equal(12_000, cycles.Count); // every workflow on the cycle, each once
        Assert.Contains(cycles, d => d.GetMessage().Contains("w0 -> w1 -> ... -> w0, 12000 in all", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chain_of_three_thousand_workflows_each_running_the_next_binds_and_generates()
    {
        var chain = Chain(3_000, next => $"  steps:\n  - stepId: s\n    workflowId: w{next}\n");

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/chain.yaml", chain) });

        Assert.Null(run.Results[0].Exception);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(3_000, run.GeneratedTrees.Length);
    }

    [Fact]
    public void A_workflow_of_twelve_thousand_steps_reading_each_others_outputs()
    {
        var yaml = new StringBuilder(Head + "- workflowId: w\n  steps:\n");
        for (var i = 0; i < 12_000; i++)
        {
            // Every step reads the output of the one before it, and the last one an output of the first.
            var reads = i == 0 ? string.Empty : $"\n    successCriteria:\n    - condition: $steps.s{(i == 11_999 ? 0 : i - 1)}.outputs.o == 1";
            yaml.Append($"  - stepId: s{i}\n    operationId: DescribeTrainingJob{reads}\n    outputs:\n      o: $statusCode\n");
        }

        var diagnostics = GeneratorRunner.Diagnose(yaml.ToString());

        Assert.DoesNotContain(diagnostics, d => d.Id is "ARZ0004" or "ARZ0208");
    }
}
