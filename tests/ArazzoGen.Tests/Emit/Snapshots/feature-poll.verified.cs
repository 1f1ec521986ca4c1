/// <summary>Step 'waitForTable' (DescribeTable). Poll the table until it is ACTIVE.</summary>
[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
private async global::System.Threading.Tasks.ValueTask<Step?> WaitForTableAsync()
{
    EnterStep("waitForTable");
    // Polls from 5 s, doubling, up to half of 20 s (the AWS waiter DynamoDB TableExists), bounded by WorkflowOptions.DefaultPollDeadline; WorkflowOptions.Polls["waitForTable"] overrides both.
    var poll = StartPoll("waitForTable", WaitForTableDelay, retryLimit: null);
    var attempt = poll.Attempt;
    while (true)
    {
        var request = new global::Amazon.DynamoDBv2.Model.DescribeTableRequest
        {
            TableName = _inputs.TableName,
        };
        var call = await CallAsync("waitForTable", attempt, _workflow._clients.DynamoDb, request, static (client, r, ct) => client.DescribeTableAsync(r, ct)).ConfigureAwait(false);
        var response = call.Response;
        if (response is not null)
        {
            _waitForTable = new WaitForTableResult(response.Table?.TableStatus);
        }

        if (call.StatusCode == 200)
        {
            if (global::ArazzoGen.Runtime.Criteria.Equal(response?.Table?.TableStatus?.Value, "CREATING") || global::ArazzoGen.Runtime.Criteria.Equal(response?.Table?.TableStatus?.Value, "UPDATING")) // stillCreating
            {
                await poll.WaitAsync(_waitForTable).ConfigureAwait(false);
                attempt++;
                continue;
            }

            return Step.PutItem;
        }

        throw StepFailed("waitForTable", attempt, call, Observed(_waitForTable));
    }
}
