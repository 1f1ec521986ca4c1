/// <summary>Step 'mustBeAbsent' (runs workflow 'table-must-not-exist').</summary>
[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
private async global::System.Threading.Tasks.ValueTask<Step?> MustBeAbsentAsync()
{
    EnterStep("mustBeAbsent");
    var workflow = new global::ArazzoWorkflows.TableMustNotExistWorkflow(new global::ArazzoWorkflows.TableMustNotExistWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), Options);
    var call = await RunWorkflowAsync("mustBeAbsent", 1, MustBeAbsentInputs, (inputs, ct) => workflow.RunAsChildAsync(inputs, ChildRunId("mustBeAbsent-1"), ct)).ConfigureAwait(false);
    var outputs = call.Outputs;
    if (outputs is not null)
    {
        _mustBeAbsent = new MustBeAbsentResult((outputs?.LastStatusCode ?? call.StatusCode));
    }

    if (outputs is not null && (outputs?.LastStatusCode ?? call.StatusCode) == 400)
    {
        return End("mustBeAbsent", null);
    }

    throw StepFailed("mustBeAbsent", 1, call, Observed(_mustBeAbsent));
}
