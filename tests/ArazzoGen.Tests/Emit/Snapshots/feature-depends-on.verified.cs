public async global::System.Threading.Tasks.Task<Outputs> ExecuteAsync()
{
    try
    {
        // dependsOn: these workflows complete before the first step, all at once, each once per run.
        await _run.RunDependenciesAsync(_dependencies, ("wait-for-features", async (runs, ct) => _waitForFeaturesWorkflowOutputs = await runs.RunOnceAsync(typeof(global::ArazzoWorkflows.WaitForFeaturesWorkflow), () => new global::ArazzoWorkflows.WaitForFeaturesWorkflow(new global::ArazzoWorkflows.WaitForFeaturesWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), _workflow._options).RunAsync(WaitForFeaturesWorkflowInputs(), runs, ct)).ConfigureAwait(false)), ("wait-for-anomalies", async (runs, ct) => _waitForAnomaliesWorkflowOutputs = await runs.RunOnceAsync(typeof(global::ArazzoWorkflows.WaitForAnomaliesWorkflow), () => new global::ArazzoWorkflows.WaitForAnomaliesWorkflow(new global::ArazzoWorkflows.WaitForAnomaliesWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), _workflow._options).RunAsync(WaitForAnomaliesWorkflowInputs(), runs, ct)).ConfigureAwait(false)), ("list-tables", async (runs, ct) => _listTablesWorkflowOutputs = await runs.RunOnceAsync(typeof(global::ArazzoWorkflows.ListTablesWorkflow), () => new global::ArazzoWorkflows.ListTablesWorkflow(new global::ArazzoWorkflows.ListTablesWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), _workflow._options).RunAsync(ListTablesWorkflowInputs(), ct)).ConfigureAwait(false))).ConfigureAwait(false);
        await RecordAsync().ConfigureAwait(false);
        return Finish();
    }
    catch (global::System.OperationCanceledException ex)when (_run.CancellationToken.IsCancellationRequested)
    {
        throw new global::ArazzoGen.Runtime.WorkflowCanceledException(WorkflowId, _run.CurrentStepId, BuildOutputs(), _run.UnansweredSteps, _run.CancellationToken, ex);
    }
    catch (global::ArazzoGen.Runtime.WorkflowException ex)
    {
        _run.Failed(ex, BuildOutputs());
        throw;
    }
    catch (global::System.Exception ex)
    {
        // Whatever else escaped a step reaches the caller as a WorkflowException naming it.
        var failure = _run.Unexpected(ex);
        _run.Failed(failure, BuildOutputs());
        throw failure;
    }
    finally
    {
        _run.Dispose();
    }
}
