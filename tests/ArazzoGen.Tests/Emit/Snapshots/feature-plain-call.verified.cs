/// <summary>Step 'putItem' (PutItem). Write the item.</summary>
[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
private async global::System.Threading.Tasks.ValueTask<Step?> PutItemAsync()
{
    EnterStep("putItem");
    var request = new global::Amazon.DynamoDBv2.Model.PutItemRequest
    {
        TableName = _inputs.TableName,
        Item = new global::System.Collections.Generic.Dictionary<string, global::Amazon.DynamoDBv2.Model.AttributeValue>
        {
            ["pk"] = new global::Amazon.DynamoDBv2.Model.AttributeValue
            {
                S = _inputs.ItemId,
            },
            ["payload"] = new global::Amazon.DynamoDBv2.Model.AttributeValue
            {
                S = _inputs.Payload,
            },
            ["writtenBy"] = new global::Amazon.DynamoDBv2.Model.AttributeValue
            {
                S = "arazzogen",
            },
        },
    };
    var call = await CallAsync("putItem", 1, _workflow._clients.DynamoDb, request, static (client, r, ct) => client.PutItemAsync(r, ct)).ConfigureAwait(false);
    if (call.StatusCode == 200)
    {
        return Step.GetItem;
    }

    throw StepFailed("putItem", 1, call, null);
}
