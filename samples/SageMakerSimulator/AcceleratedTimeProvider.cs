using System.Diagnostics;

namespace ArazzoGen.Samples.Simulation;

/// <summary>
/// A clock that runs <c>speed</c> times faster than real time, so an hour of simulated training and
/// polling takes seconds while every delay keeps its real length on the simulated clock.
/// </summary>
/// <param name="speed">Simulated seconds per real second.</param>
/// <param name="startAt">The simulated time to start from (where a previous process left it); now by default.</param>
public sealed class AcceleratedTimeProvider(double speed, DateTimeOffset? startAt = null) : TimeProvider
{
    private readonly DateTimeOffset _startedAt = startAt ?? DateTimeOffset.UtcNow;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _startedAt + Stopwatch.GetElapsedTime(_startTimestamp) * speed;

    /// <inheritdoc />
    public override long TimestampFrequency => Stopwatch.Frequency;

    /// <inheritdoc />
    public override long GetTimestamp() => _startTimestamp + (long)((Stopwatch.GetTimestamp() - _startTimestamp) * speed);

    /// <summary>Simulated time since the clock started.</summary>
    public TimeSpan Elapsed => GetUtcNow() - _startedAt;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / speed;
}
