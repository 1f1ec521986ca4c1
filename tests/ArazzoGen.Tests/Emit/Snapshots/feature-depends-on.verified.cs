public async global::System.Threading.Tasks.Task<Outputs> ExecuteAsync()
{
    try
    {
        await StartAsync(this, StepIds).ConfigureAwait(false);
        if (FinishedBefore)
        {
            // The run had finished before: its outputs come from its checkpoint, with no AWS call.
            return BuildOutputs();
        }

        // dependsOn: these workflows complete before the first step, all at once, each once per run.
        await RunDependenciesAsync(_dependencies, ("wait-for-features", async (runs, ct) => _waitForFeaturesWorkflowOutputs = await runs.RunOnceAsync(typeof(global::ArazzoWorkflows.WaitForFeaturesWorkflow), () => new global::ArazzoWorkflows.WaitForFeaturesWorkflow(new global::ArazzoWorkflows.WaitForFeaturesWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), Options).RunAsChildAsync(WaitForFeaturesWorkflowInputs(), ChildRunId("dependsOn-wait-for-features"), runs, ct)).ConfigureAwait(false)), ("wait-for-anomalies", async (runs, ct) => _waitForAnomaliesWorkflowOutputs = await runs.RunOnceAsync(typeof(global::ArazzoWorkflows.WaitForAnomaliesWorkflow), () => new global::ArazzoWorkflows.WaitForAnomaliesWorkflow(new global::ArazzoWorkflows.WaitForAnomaliesWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), Options).RunAsChildAsync(WaitForAnomaliesWorkflowInputs(), ChildRunId("dependsOn-wait-for-anomalies"), runs, ct)).ConfigureAwait(false)), ("list-tables", async (runs, ct) => _listTablesWorkflowOutputs = await runs.RunOnceAsync(typeof(global::ArazzoWorkflows.ListTablesWorkflow), () => new global::ArazzoWorkflows.ListTablesWorkflow(new global::ArazzoWorkflows.ListTablesWorkflow.Clients(dynamoDb: _workflow._clients.DynamoDb), Options).RunAsChildAsync(ListTablesWorkflowInputs(), ChildRunId("dependsOn-list-tables"), ct)).ConfigureAwait(false))).ConfigureAwait(false);
        // The run moves from step to step until one ends it; a durable run checkpoints before each.
        Step? next = (Step)FirstStepIndex;
        while (next is { } step)
        {
            next = step switch
            {
                Step.Record => await RecordAsync().ConfigureAwait(false),
                _ => throw new global::System.InvalidOperationException("Unknown step " + step),
            };
            if (next is { } following)
            {
                await AdvanceAsync(StepIds[(int)following]).ConfigureAwait(false);
            }
        }

        await CompletedAsync(_endStepId, _endActionName).ConfigureAwait(false);
        return BuildOutputs();
    }
    catch (global::System.OperationCanceledException ex)when (CancellationToken.IsCancellationRequested)
    {
        await ReleaseLeaseAsync().ConfigureAwait(false);
        throw Canceled(BuildOutputs(), ex);
    }
    catch (global::ArazzoGen.Runtime.WorkflowException ex)
    {
        await FailedAsync(ex, BuildOutputs()).ConfigureAwait(false);
        throw;
    }
    catch (global::System.Exception ex)when (Started)
    {
        // Whatever else escaped a step reaches the caller as a WorkflowException naming it.
        var failure = Unexpected(ex);
        await FailedAsync(failure, BuildOutputs()).ConfigureAwait(false);
        throw failure;
    }
    finally
    {
        Dispose();
    }
}
