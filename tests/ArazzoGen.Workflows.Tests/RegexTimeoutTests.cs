using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// A regex criterion whose match runs past its time limit on hostile text is not met: the step's
/// onFailure actions decide, instead of a RegexMatchTimeoutException ending the run.
/// </summary>
public class RegexTimeoutTests
{
    [Fact]
    public async Task A_regex_that_times_out_is_a_criterion_not_met_and_onFailure_handles_it()
    {
        var dynamo = Substitute.For<IAmazonDynamoDB>();
        var hostile = new string('a', 40) + "!";
        dynamo.DescribeTableAsync(Arg.Any<DescribeTableRequest>(), Arg.Any<CancellationToken>())
            .Returns(new DescribeTableResponse { Table = new TableDescription { TableName = hostile }, HttpStatusCode = System.Net.HttpStatusCode.OK });
        var workflow = new CheckTableNameWorkflow(new CheckTableNameWorkflow.Clients(dynamo));

        var outputs = await workflow.RunAsync(new CheckTableNameWorkflow.Inputs { Table = hostile });

        Assert.Equal(("describe", "nameNotAccepted"), (outputs.EndStepId, outputs.EndActionName));
    }

    [Fact]
    public void The_criteria_helper_says_no_match_on_a_timeout_and_matches_otherwise()
    {
        var catastrophic = new System.Text.RegularExpressions.Regex("^(a+)+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50));

        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() => catastrophic.IsMatch(new string('a', 40) + "!")); // this text does time out
        Assert.False(Runtime.Criteria.Matches(catastrophic, new string('a', 40) + "!"));
        Assert.True(Runtime.Criteria.Matches(catastrophic, "aaaa"));
        Assert.False(Runtime.Criteria.Matches(catastrophic, null));
    }
}
