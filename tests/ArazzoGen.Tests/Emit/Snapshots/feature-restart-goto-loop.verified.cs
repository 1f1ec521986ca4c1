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

        // The run moves from step to step until one ends it; a durable run checkpoints before each.
        Step? next = (Step)FirstStepIndex;
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
