using ArazzoGen.Runtime;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// How many Describe calls a poll makes and how late it notices completion, for jobs of 1 min,
/// 10 min, 1 h and 6 h. For each length L, 1,001 completion times are spread evenly over
/// [L/2, 3L/2] (a job's length is never known exactly); the first call is made at 0, the next after
/// each policy's waits (<see cref="PollDelay.Against"/>, the runtime's own code). Computed exactly,
/// no clock involved.
/// </summary>
internal static class PollingSimulation
{
    private const int Samples = 1001;

    public static void Run()
    {
        var waiter = TimeSpan.FromSeconds(120); // DescribeTrainingJob's waiter (TrainingJobCompletedOrStopped)
        var policies = new (string Name, PollDelay Delay)[]
        {
            ("fixed 5 s (SageMaker Python SDK)", PollDelay.Every(TimeSpan.FromSeconds(5))),
            ("fixed 120 s (the AWS waiter)", PollDelay.Every(waiter)),
            ("backoff 5 s x2 capped at 120 s", new PollDelay(TimeSpan.FromSeconds(5), 2, waiter)),
            ("ArazzoGen default: PollDelay.UpTo(120 s)", PollDelay.UpTo(waiter)),
        };
        var lengths = new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6) };

        Console.WriteLine("| job length | policy | calls (mean) | lag mean (s) | lag worst (s) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var length in lengths.Append(TimeSpan.FromHours(24)))
        {
            foreach (var (name, delay) in policies)
            {
                var (calls, meanLag, worstLag) = Simulate(delay, length);
                Console.WriteLine($"| {Format(length)} | {name} | {calls:0.0} | {meanLag:0.0} | {worstLag:0.0} |");
            }

            var events = new[]
            {
                ("events (WorkflowOptions.StateChanges), 120 s fallback", waiter, false),
                ("events, the completion event lost", waiter, true),
                ("events, 15 min fallback (Polls[step].Delay)", TimeSpan.FromMinutes(15), false),
                ("events, 15 min fallback, completion event lost", TimeSpan.FromMinutes(15), true),
            };
            foreach (var (name, fallback, lost) in events)
            {
                var (calls, meanLag, worstLag) = SimulateEvents(fallback, length, EventDelivery, lost);
                Console.WriteLine($"| {Format(length)} | {name} | {calls:0.0} | {meanLag:0.0} | {worstLag:0.0} |");
            }

            Console.WriteLine($"| {Format(length)} | oracle: one call exactly at completion | 1.0 | 0.0 | 0.0 |");
        }
    }

    /// <summary>
    /// How long an event takes from SageMaker to the poll (EventBridge to SQS, whose long poll returns
    /// as a message arrives). An assumption: AWS documents EventBridge delivery as "near real time".
    /// </summary>
    private static readonly TimeSpan EventDelivery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A poll with <see cref="WorkflowOptions.StateChanges"/>: calls at 0, then every
    /// <paramref name="fallback"/> or when an event arrives (<paramref name="delivery"/> after the
    /// change), whichever comes first. A training job sends an event per secondary status: Downloading
    /// at 60 s, Training at 180 s, Uploading 60 s before the end, then Completed (the simulator's phases);
    /// each wakes one call that finds it still InProgress.
    /// </summary>
    public static (double Calls, double MeanLag, double WorstLag) SimulateEvents(TimeSpan fallback, TimeSpan length, TimeSpan delivery, bool completionLost)
    {
        double calls = 0, lagSum = 0, worst = 0;
        for (var i = 0; i < Samples; i++)
        {
            var completion = (length * (0.5 + (double)i / (Samples - 1))).TotalSeconds;
            var wakes = new[] { 60.0, 180.0, completion - 60 }
                .Where(t => t > 0 && t < completion)
                .Select(t => t + delivery.TotalSeconds)
                .Concat(completionLost ? [] : [completion + delivery.TotalSeconds])
                .Order()
                .ToList();
            var (time, made) = (0.0, 1);
            while (time < completion)
            {
                var next = time + fallback.TotalSeconds;
                if (wakes.FirstOrDefault(w => w > time && w < next) is var woken and > 0)
                {
                    next = woken;
                }

                time = next;
                made++;
            }

            var lag = time - completion;
            calls += made;
            lagSum += lag;
            worst = Math.Max(worst, lag);
        }

        return (calls / Samples, lagSum / Samples, worst);
    }

    public static (double Calls, double MeanLag, double WorstLag) Simulate(PollDelay delay, TimeSpan length)
    {
        double calls = 0, lagSum = 0, worst = 0;
        for (var i = 0; i < Samples; i++)
        {
            var completion = length * (0.5 + (double)i / (Samples - 1));
            var (made, noticedAt) = delay.Against(completion);
            var lag = (noticedAt - completion).TotalSeconds;
            calls += made;
            lagSum += lag;
            worst = Math.Max(worst, lag);
        }

        return (calls / Samples, lagSum / Samples, worst);
    }

    private static string Format(TimeSpan length) => length.TotalHours >= 1 ? $"{length.TotalHours:0} h" : $"{length.TotalMinutes:0} min";
}
