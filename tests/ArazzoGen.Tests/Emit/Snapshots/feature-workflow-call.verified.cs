/// <summary>Step 'mustBeAbsent' (runs workflow 'table-must-not-exist').</summary>
private async global::System.Threading.Tasks.ValueTask<bool> MustBeAbsentAsync()
{
    _run.EnterStep("mustBeAbsent");
    var workflow = new global::ArazzoWorkflows.TableMustNotExistWorkflow(new global::ArazzoWorkflows.TableMustNotExistWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), _workflow._options);
    var call = await _run.RunWorkflowAsync("mustBeAbsent", 1, MustBeAbsentInputs, workflow.RunAsync).ConfigureAwait(false);
    var outputs = call.Outputs;
    if (outputs is not null)
    {
        _mustBeAbsent = new MustBeAbsentResult((outputs?.LastStatusCode ?? call.StatusCode));
    }

    if (outputs is not null && (outputs?.LastStatusCode ?? call.StatusCode) == 400)
    {
        return Ended("mustBeAbsent", null);
    }

    throw _run.StepFailed("mustBeAbsent", 1, call, _mustBeAbsent?.ToString());
}
