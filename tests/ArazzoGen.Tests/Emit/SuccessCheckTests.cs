using ArazzoGen.Tests.Bind;
using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Emit;

/// <summary>
/// A step's success check: criteria that only an answered call can meet (<c>$statusCode == 200</c>;
/// a missing status code compares false) need no separate test that an answer came, as hand-written
/// code would not have one; criteria that a call with no answer could meet keep it.
/// </summary>
public class SuccessCheckTests
{
    private static string Generated(string criteria)
    {
        const string find = "    - condition: $statusCode == 200\n";
        Assert.Contains(find, BindDiagnosticTests.ValidDocument);
        return SdkCompilation.GenerateClean(BindDiagnosticTests.ValidDocument.Replace(find, criteria));
    }

    [Fact]
    public void A_status_code_compared_with_a_number_is_the_whole_check()
    {
        var code = Generated("    - condition: $statusCode == 200\n");

        Assert.Contains("if (call.StatusCode == 200)", code);
        Assert.DoesNotContain("call.StatusCode is not null &&", code);
    }

    [Fact]
    public void Several_criteria_are_joined_with_no_test_for_an_answer_when_one_needs_it()
    {
        var code = Generated("    - condition: $statusCode >= 200\n    - condition: $statusCode != 204\n");

        Assert.Contains("if (call.StatusCode >= 200 && call.StatusCode != 204)", code);
    }

    [Fact]
    public void Criteria_that_a_call_with_no_answer_would_meet_keep_the_test_for_an_answer()
    {
        // null != 500 is true in C#: without the test, a call that got no answer would succeed.
        var code = Generated("    - condition: $statusCode != 500\n");

        Assert.Contains("if (call.StatusCode is not null && call.StatusCode != 500)", code);
    }
}
