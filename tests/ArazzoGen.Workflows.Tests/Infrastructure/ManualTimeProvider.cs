namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// A clock for tests (Microsoft.Extensions.TimeProvider.Testing is not on this feed). With
/// <see cref="AutoAdvance"/>, every timer fires at once and time jumps forward by its delay, so a
/// 24-hour poll takes microseconds; every requested delay is recorded. Without it, time moves only
/// through <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = new();
    private readonly List<TimeSpan> _delays = new();
    private DateTimeOffset _now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public bool AutoAdvance { get; init; } = true;

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_lock)
            {
                return _delays.ToList();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing the timers that fall due.</summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _delays.Add(dueTime);
            if (AutoAdvance)
            {
                _now += dueTime;
            }
            else
            {
                timer.DueAt = _now + dueTime;
                _timers.Add(timer);
                return;
            }
        }

        // Fire outside the caller's stack: the awaiting code has not finished setting up yet.
        ThreadPool.QueueUserWorkItem(_ => timer.Fire());
    }

    private void Cancel(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer : ITimer
    {
        private readonly ManualTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private bool _disposed;

        public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (!_disposed)
            {
                _owner.Schedule(this, dueTime);
            }

            return !_disposed;
        }

        public void Fire()
        {
            if (!_disposed)
            {
                _callback(_state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _owner.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
