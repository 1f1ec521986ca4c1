namespace ArazzoGen.Runtime;

/// <summary>
/// The running step's <c>timeout</c> (Arazzo 1.1) over one of its calls, or over the workflow it runs:
/// the token it hands out is cancelled when the step's time runs out, and what was cancelled so fails
/// with <see cref="WorkflowStepTimeoutException"/>. Its timer starts only for an answer that is not
/// already there, so a call answered at once costs no timer.
/// </summary>
internal sealed class StepTimeout : IDisposable
{
    private readonly WorkflowRun _run;
    private readonly string _stepId;
    private readonly CancellationTokenSource _cancel;
    private ITimer? _timer;
    private volatile bool _expired;

    public StepTimeout(WorkflowRun run, string stepId)
    {
        _run = run;
        _stepId = stepId;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(run.CancellationToken);
    }

    /// <summary>Runs one attempt: none when the step's time is already up; cancelled when it runs out before the answer.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> start)
    {
        var left = _run.StepTimeLeft() ?? TimeSpan.Zero;
        if (left <= TimeSpan.Zero)
        {
            throw TimedOut();
        }

        var pending = start(_cancel.Token);
        if (!pending.IsCompleted)
        {
            // One timer for every attempt: it fires when the step's time runs out, however many attempts it has had.
            _timer ??= _run.Options.TimeProvider.CreateTimer(static state => ((StepTimeout)state!).Expire(), this, left, Timeout.InfiniteTimeSpan);
        }

        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_expired && !_run.CancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _cancel.Dispose();
    }

    private WorkflowStepTimeoutException TimedOut() => new(_stepId, _run.StepTimeoutLength);

    private void Expire()
    {
        _expired = true;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended as the time ran out.
        }
    }
}
