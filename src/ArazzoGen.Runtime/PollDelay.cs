namespace ArazzoGen.Runtime;

/// <summary>
/// How long a poll waits before each call after the first: a fixed delay (a workflow's
/// <c>retryAfter</c>, or <see cref="PollOptions.Delay"/>), or a backoff that starts short and grows
/// to a cap, so short jobs are noticed quickly and long ones are not polled needlessly often.
/// </summary>
/// <param name="Initial">The first wait.</param>
/// <param name="Factor">How much each wait grows (1 for a fixed delay).</param>
/// <param name="Max">The longest wait.</param>
public sealed record PollDelay(TimeSpan Initial, double Factor, TimeSpan Max)
{
    /// <summary>The first wait of <see cref="UpTo"/>'s backoff.</summary>
    public static readonly TimeSpan BackoffStart = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The default when a workflow gives no <c>retryAfter</c>: waits of 5 s, doubling, up to half the
    /// official AWS waiter's delay (<paramref name="waiterDelay"/>). docs/performance.md shows why:
    /// fewer calls than a 5 s poll, and less lag than the waiter's fixed delay, at every job length.
    /// </summary>
    public static PollDelay UpTo(TimeSpan waiterDelay)
    {
        var cap = TimeSpan.FromTicks(Math.Max(BackoffStart.Ticks, waiterDelay.Ticks / 2));
        return new PollDelay(BackoffStart < cap ? BackoffStart : cap, 2, cap);
    }

    /// <summary>The same wait every time.</summary>
    public static PollDelay Every(TimeSpan delay) => new(delay, 1, delay);

    /// <summary>The wait before poll number <paramref name="poll"/> (1 for the wait after the first call).</summary>
    public TimeSpan Before(int poll)
    {
        var seconds = Initial.TotalSeconds * Math.Pow(Factor, Math.Max(0, poll - 1));
        return seconds >= Max.TotalSeconds || double.IsInfinity(seconds) ? Max : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// How this schedule fares on a job that completes at <paramref name="completion"/> after the first
    /// call (made at 0): how many calls the poll makes, and when it notices. Useful to estimate API
    /// calls and lag before choosing a delay.
    /// </summary>
    public (int Calls, TimeSpan NoticedAt) Against(TimeSpan completion)
    {
        var (time, calls) = (TimeSpan.Zero, 1);
        while (time < completion)
        {
            time += Before(calls);
            calls++;
        }

        return (calls, time);
    }

    /// <inheritdoc />
    public override string ToString() => Factor == 1 ? $"every {Max.TotalSeconds:0.###} s" : $"{Initial.TotalSeconds:0.###} s doubling up to {Max.TotalSeconds:0.###} s";
}
