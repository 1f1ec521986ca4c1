using System.Collections.Concurrent;

namespace ArazzoGen.Runtime;

/// <summary>
/// Tells waiting polls that the resource they wait on has changed state, so they call again at once
/// instead of at their next interval. Fed by whatever delivers AWS state-change events: an SQS queue
/// that an EventBridge rule targets (<c>ArazzoGen.Sqs</c>), a simulator, or your own code through
/// <see cref="Publish(string, string)"/>. One per process, shared by every run
/// (<see cref="WorkflowOptions.StateChanges"/>).
/// </summary>
/// <remarks>
/// An event only wakes a poll: the Describe call it then makes decides, so late, duplicated or
/// lost events change when a poll calls, never what it concludes. A poll whose resource sends no
/// event keeps calling at its fallback interval, the AWS waiter's delay.
/// </remarks>
public sealed class StateChanges
{
    /// <summary>How many resources that had an event and no waiting poll are remembered (the oldest are forgotten first).</summary>
    public const int RememberedResources = 10_000;

    private readonly ConcurrentDictionary<Key, Resource> _resources = new();
    private readonly ConcurrentQueue<(Key Key, long Sequence)> _remembered = new();
    private long _sequence;

    /// <summary>How many events have been published.</summary>
    public long Published => Interlocked.Read(ref _sequence);

    /// <summary>
    /// Records that <paramref name="resourceName"/> changed state, and wakes the polls waiting on it.
    /// </summary>
    /// <param name="detailType">The EventBridge detail-type, e.g. <c>SageMaker Training Job State Change</c>.</param>
    /// <param name="resourceName">The resource's name, e.g. the training job's name.</param>
    public void Publish(string detailType, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(detailType);
        ArgumentNullException.ThrowIfNull(resourceName);
        var key = new Key(detailType, resourceName);
        var sequence = Interlocked.Increment(ref _sequence);
        TaskCompletionSource? woken;
        while (true)
        {
            var resource = _resources.GetOrAdd(key, static _ => new Resource());
            lock (resource)
            {
                if (resource.Forgotten)
                {
                    continue;
                }

                resource.LastEvent = sequence;
                woken = resource.Signal;
                resource.Signal = null;
                break;
            }
        }

        _remembered.Enqueue((key, sequence));
        Forget();
        woken?.TrySetResult();
    }

    /// <summary>
    /// Records an EventBridge event given as its JSON (an SQS message body, or an SNS notification
    /// wrapping one). False when it is not a state change of a resource a poll can wait on.
    /// </summary>
    public bool Publish(string eventJson)
    {
        if (StateChangeEvent.TryParse(eventJson, out var detailType, out var resourceName))
        {
            Publish(detailType, resourceName);
            return true;
        }

        return false;
    }

    /// <summary>Where a poll stands: the events published before its last call.</summary>
    internal long Mark() => Published;

    /// <summary>
    /// Waits until an event for the resource arrives or <paramref name="timeout"/> passes; returns at
    /// once when one arrived after <paramref name="mark"/> (while the poll was calling).
    /// </summary>
    internal async Task WaitAsync(string detailType, string resourceName, long mark, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = new Key(detailType, resourceName);
        Resource resource;
        Task signal;
        while (true)
        {
            resource = _resources.GetOrAdd(key, static _ => new Resource());
            lock (resource)
            {
                if (resource.Forgotten)
                {
                    continue;
                }

                if (resource.LastEvent > mark)
                {
                    return;
                }

                resource.Waiters++;
                signal = (resource.Signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                break;
            }
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, clock, stop.Token);
            if (await Task.WhenAny(signal, delay).ConfigureAwait(false) == signal)
            {
                stop.Cancel();
                return;
            }

            await delay.ConfigureAwait(false); // throws when the run was cancelled
        }
        finally
        {
            lock (resource)
            {
                resource.Waiters--;
                if (resource.Waiters == 0 && resource.LastEvent == 0)
                {
                    // Never had an event: nothing to remember once nobody waits.
                    resource.Forgotten = true;
                    _resources.TryRemove(new KeyValuePair<Key, Resource>(key, resource));
                }
            }
        }
    }

    /// <summary>Forgets the oldest resources with an event and no waiting poll, beyond <see cref="RememberedResources"/>.</summary>
    private void Forget()
    {
        while (_remembered.Count > RememberedResources && _remembered.TryDequeue(out var oldest))
        {
            if (!_resources.TryGetValue(oldest.Key, out var resource))
            {
                continue;
            }

            lock (resource)
            {
                // A later event re-queued it, or a poll waits on it: keep it.
                if (resource.LastEvent == oldest.Sequence && resource.Waiters == 0)
                {
                    resource.Forgotten = true;
                    _resources.TryRemove(new KeyValuePair<Key, Resource>(oldest.Key, resource));
                }
            }
        }
    }

    /// <summary>How many resources are held now (waited on, or remembered for their last event).</summary>
    internal int Held => _resources.Count;

    // SageMaker names are unique regardless of case; a wake-up too many costs one call, one too few an interval.
    private readonly record struct Key(string DetailType, string ResourceName)
    {
        public bool Equals(Key other) =>
            string.Equals(DetailType, other.DetailType, StringComparison.Ordinal) && string.Equals(ResourceName, other.ResourceName, StringComparison.OrdinalIgnoreCase);

        public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(DetailType), StringComparer.OrdinalIgnoreCase.GetHashCode(ResourceName));
    }

    private sealed class Resource
    {
        public long LastEvent;
        public int Waiters;
        public TaskCompletionSource? Signal;
        public bool Forgotten;
    }
}
