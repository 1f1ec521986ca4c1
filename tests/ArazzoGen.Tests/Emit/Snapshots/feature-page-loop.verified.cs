/// <summary>Step 'scan' (Scan).</summary>
[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
private async global::System.Threading.Tasks.ValueTask<Step?> ScanAsync()
{
    EnterStep("scan");
    // Pages: the request reads this step's own outputs, so each call asks for the next page, without waiting, bounded by WorkflowOptions.PageLimit.
    var pages = StartPages("scan", global::System.TimeSpan.Zero, retryLimit: null);
    var attempt = 1;
    while (true)
    {
        var request = new global::Amazon.DynamoDBv2.Model.ScanRequest
        {
            TableName = _inputs.TableName,
            Limit = _inputs.PageSize,
            ExclusiveStartKey = _scan.LastEvaluatedKey,
        };
        var call = await CallAsync("scan", attempt, _workflow._clients.DynamoDb, request, static (client, r, ct) => client.ScanAsync(r, ct)).ConfigureAwait(false);
        var response = call.Response;
        if (response is not null)
        {
            _scan = new ScanResult(response.LastEvaluatedKey, response.Count);
        }

        if (call.StatusCode == 200)
        {
            if (response?.LastEvaluatedKey is not null) // more
            {
                await pages.NextAsync().ConfigureAwait(false);
                attempt++;
                continue;
            }

            // done
            return End("scan", "done");
        }

        throw StepFailed("scan", attempt, call, Observed(_scan));
    }
}
