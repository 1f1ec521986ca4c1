using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Validate;

/// <summary>
/// retryAfter and retryLimit beyond what a run can honour are build errors that give the range
/// (they compiled before, then threw ArgumentOutOfRangeException or OverflowException at run time).
/// </summary>
public class RetryRangeTests
{
    [Theory]
    [InlineData("retryAfter: §5000000", "'retryAfter' must be a number from 0 to 4294967")]
    [InlineData("retryAfter: §1e308", "'retryAfter' must be a number from 0 to 4294967")]
    [InlineData("retryLimit: §2147483648", "'retryLimit' must be an integer from 0 to 2147483647")]
    public void A_failure_retry_beyond_the_range_is_an_error_naming_it(string field, string message)
    {
        var document = MarkedDocument.Parse(DiagnosticCatalogueTests.ValidDocument.Replace(
            "      status: $response.body#/Status",
            "      status: $response.body#/Status\n    onFailure:\n    - name: again\n      type: retry\n      " + field));

        var error = Assert.Single(GeneratorRunner.Diagnose(document.Text));

        Assert.Equal($"{document.Position} ARZ0109", GeneratorRunner.Describe(error));
        Assert.Equal(message, error.GetMessage());
    }

    [Fact]
    public void A_polling_success_retry_beyond_the_range_is_an_error_too()
    {
        var document = MarkedDocument.Parse(DiagnosticCatalogueTests.ValidDocument.Replace(
            "      status: $response.body#/Status",
            "      status: $response.body#/Status\n    onSuccess:\n    - name: poll\n      type: retry\n      retryAfter: §1e15\n      criteria:\n      - condition: $statusCode == 202"));

        Assert.Contains($"{document.Position} ARZ0109", GeneratorRunner.Diagnose(document.Text).Select(GeneratorRunner.Describe));
    }
}
