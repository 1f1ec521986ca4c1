using Microsoft.Extensions.Time.Testing;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// FakeTimeProvider that records every delay asked of it and, with <see cref="AutoAdvance"/> (the
/// default), jumps time forward by each delay as soon as it is asked, so a 24-hour poll takes
/// microseconds. Without it, time moves only through <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly object _lock = new();
    private readonly List<TimeSpan> _delays = new();

    public TestClock()
        : base(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero))
    {
    }

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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_lock)
            {
                _delays.Add(dueTime);
            }

            if (AutoAdvance)
            {
                // Outside the caller's stack: the awaiting code has not finished setting up yet.
                ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
            }
        }

        return timer;
    }
}
