public async global::System.Threading.Tasks.Task<Outputs> ExecuteAsync()
{
    try
    {
        // Steps jump to each other (goto), so the run moves from step to step until one ends it.
        Step? next = Step.ListFirst;
        while (next is { } step)
        {
            next = step switch
            {
                Step.ListFirst => await ListFirstAsync().ConfigureAwait(false),
                Step.DescribeAgain => await DescribeAgainAsync().ConfigureAwait(false),
                _ => throw new global::System.InvalidOperationException("Unknown step " + step),
            };
        }

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
