using ArazzoGen.Runtime;

namespace ArazzoGen.Tests;

/// <summary>
/// The default poll schedule keeps the targets docs/performance.md measures: fewer calls than a 5 s
/// poll and less mean lag than the waiter's fixed delay, for jobs of 1 min to 6 h (computed, not timed).
/// </summary>
public class PollDelayTests
{
    [Fact]
    public void Against_counts_the_calls_until_completion_is_noticed()
    {
        // Calls at 0, 5, 15, 35, 75 s: a job done at 30 s is noticed at 35 s, on the 4th call.
        Assert.Equal((4, TimeSpan.FromSeconds(35)), PollDelay.UpTo(TimeSpan.FromSeconds(120)).Against(TimeSpan.FromSeconds(30)));
        Assert.Equal((1, TimeSpan.Zero), PollDelay.Every(TimeSpan.FromSeconds(5)).Against(TimeSpan.Zero));
        Assert.Equal((3, TimeSpan.FromSeconds(10)), PollDelay.Every(TimeSpan.FromSeconds(5)).Against(TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public void UpTo_starts_at_5_seconds_doubles_and_caps_at_half_the_waiter_delay()
    {
        var delay = PollDelay.UpTo(TimeSpan.FromSeconds(120));

        Assert.Equal(new[] { 5, 10, 20, 40, 60, 60 }, Enumerable.Range(1, 6).Select(p => (int)delay.Before(p).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(5), PollDelay.UpTo(TimeSpan.FromSeconds(4)).Before(9));
        Assert.All(Enumerable.Range(1, 5), p => Assert.Equal(TimeSpan.FromSeconds(7), PollDelay.Every(TimeSpan.FromSeconds(7)).Before(p)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(60)]
    [InlineData(360)]
    public void The_default_beats_a_5_second_poll_on_calls_and_the_waiter_on_mean_lag(int minutes)
    {
        var waiter = TimeSpan.FromSeconds(120);
        var length = TimeSpan.FromMinutes(minutes);

        var (defaultCalls, defaultLag) = Simulate(PollDelay.UpTo(waiter), length);
        var (fiveSecondCalls, _) = Simulate(PollDelay.Every(TimeSpan.FromSeconds(5)), length);
        var (_, waiterLag) = Simulate(PollDelay.Every(waiter), length);

        Assert.True(defaultCalls < fiveSecondCalls, $"{defaultCalls} calls vs {fiveSecondCalls}");
        Assert.True(defaultLag < waiterLag * 0.6, $"{defaultLag:0.0} s mean lag vs {waiterLag:0.0} s");
    }

    private static (double Calls, double MeanLag) Simulate(PollDelay delay, TimeSpan length)
    {
        const int samples = 1001;
        double calls = 0, lag = 0;
        for (var i = 0; i < samples; i++)
        {
            var completion = length * (0.5 + (double)i / (samples - 1));
            var (made, noticedAt) = delay.Against(completion);
            calls += made;
            lag += (noticedAt - completion).TotalSeconds;
        }

        return (calls / samples, lag / samples);
    }
}
