/// <summary>Step 'describe' (DescribeTable).</summary>
[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
private async global::System.Threading.Tasks.ValueTask<Step?> DescribeAsync()
{
    EnterStep("describe");
    var retriesRetryX = 0;
    var retriesRetryX2 = 0;
    var attempt = 1;
    while (true)
    {
        var request = new global::Amazon.DynamoDBv2.Model.DescribeTableRequest
        {
            TableName = _inputs.WorkflowId,
        };
        var call = await CallAsync("describe", attempt, _workflow._clients.DynamoDb, request, static (client, r, ct) => client.DescribeTableAsync(r, ct)).ConfigureAwait(false);
        var response = call.Response;
        if (response is not null)
        {
            _describe = new DescribeResult(response.Table?.TableName);
            return End("describe", null);
        }

        // retry-x
        if (retriesRetryX < 1)
        {
            retriesRetryX++;
            await RetryAsync("describe", "retry-x", retriesRetryX, global::System.TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            attempt++;
            continue;
        }

        // retryX
        if (retriesRetryX2 < 1)
        {
            retriesRetryX2++;
            await RetryAsync("describe", "retryX", retriesRetryX2, global::System.TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            attempt++;
            continue;
        }

        throw StepFailed("describe", attempt, call, Observed(_describe));
    }
}
