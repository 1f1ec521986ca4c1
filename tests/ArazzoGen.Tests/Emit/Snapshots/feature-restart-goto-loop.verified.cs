public async global::System.Threading.Tasks.Task<Outputs> ExecuteAsync()
{
    try
    {
        await _run.StartAsync(this, StepIds).ConfigureAwait(false);
        if (_run.FinishedBefore)
        {
            // The run had finished before: its outputs come from its checkpoint, with no AWS call.
            return BuildOutputs();
        }

        // The run moves from step to step until one ends it; a durable run checkpoints before each.
        Step? next = (Step)_run.FirstStepIndex;
        while (next is { } step)
        {
            next = step switch
            {
                Step.ListFirst => await ListFirstAsync().ConfigureAwait(false),
                Step.DescribeAgain => await DescribeAgainAsync().ConfigureAwait(false),
                _ => throw new global::System.InvalidOperationException("Unknown step " + step),
            };
            if (next is { } following)
            {
                await _run.AdvanceAsync(StepIds[(int)following]).ConfigureAwait(false);
            }
        }

        await _run.CompletedAsync(_endStepId, _endActionName).ConfigureAwait(false);
        return BuildOutputs();
    }
    catch (global::System.OperationCanceledException ex)when (_run.CancellationToken.IsCancellationRequested)
    {
        await _run.ReleaseLeaseAsync().ConfigureAwait(false);
        throw _run.Canceled(BuildOutputs(), ex);
    }
    catch (global::ArazzoGen.Runtime.WorkflowException ex)
    {
        await _run.FailedAsync(ex, BuildOutputs()).ConfigureAwait(false);
        throw;
    }
    catch (global::System.Exception ex)when (_run.Started)
    {
        // Whatever else escaped a step reaches the caller as a WorkflowException naming it.
        var failure = _run.Unexpected(ex);
        await _run.FailedAsync(failure, BuildOutputs()).ConfigureAwait(false);
        throw failure;
    }
    finally
    {
        _run.Dispose();
    }
}
