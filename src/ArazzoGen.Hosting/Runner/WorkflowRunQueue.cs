using System.Threading.Channels;

namespace ArazzoGen.Hosting;

/// <summary>
/// The runs a host works through: enqueue one from anywhere (an HTTP handler, a message consumer, a
/// timer), and <see cref="WorkflowRunnerService"/> runs it with a workflow from the container.
/// Registered by <see cref="ArazzoRunnerServiceCollectionExtensions.AddArazzoRunner"/>.
/// </summary>
public sealed class WorkflowRunQueue
{
    private readonly Channel<QueuedRun> _runs = Channel.CreateUnbounded<QueuedRun>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a run of <typeparamref name="TWorkflow"/> (a generated workflow class registered in the container).</summary>
    /// <param name="name">Names the run in logs, the health check and what a stop reports still running.</param>
    /// <param name="run">What to do with the workflow: usually <c>(workflow, ct) => workflow.RunAsync(inputs, ct)</c>; its token is cancelled when the host stops.</param>
    /// <param name="cancellationToken">Cancels the enqueueing (the queue is unbounded: it does not wait).</param>
    public ValueTask EnqueueAsync<TWorkflow>(string name, Func<TWorkflow, CancellationToken, Task> run, CancellationToken cancellationToken = default)
        where TWorkflow : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(run);
        return _runs.Writer.WriteAsync(new QueuedRun(name, typeof(TWorkflow), (workflow, ct) => run((TWorkflow)workflow, ct)), cancellationToken);
    }

    internal ChannelReader<QueuedRun> Reader => _runs.Reader;

    internal sealed record QueuedRun(string Name, Type WorkflowType, Func<object, CancellationToken, Task> Run);
}
