/// <summary>Step 'describeMissing' (DescribeTable).</summary>
[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
private async global::System.Threading.Tasks.ValueTask<Step?> DescribeMissingAsync()
{
    EnterStep("describeMissing");
    var request = new global::Amazon.DynamoDBv2.Model.DescribeTableRequest
    {
        TableName = _inputs.TableName,
    };
    var call = await CallAsync("describeMissing", 1, _workflow._clients.DynamoDb, request, static (client, r, ct) => client.DescribeTableAsync(r, ct)).ConfigureAwait(false);
    if (call.StatusCode is not null)
    {
        _describeMissing = new DescribeMissingResult(call.StatusCode, call.ErrorCode);
    }

    if (call.StatusCode == 400 && global::ArazzoGen.Runtime.Criteria.Equal(call.ErrorCode, "ResourceNotFoundException"))
    {
        return End("describeMissing", null);
    }

    throw StepFailed("describeMissing", 1, call, Observed(_describeMissing));
}
