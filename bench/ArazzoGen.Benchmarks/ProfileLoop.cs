using System.Diagnostics;
using System.Globalization;
using ArazzoGen.Benchmarks.Workflows;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Runs one variant of the runtime benchmark in a loop for a while, for a sampling profiler to attach
/// to (dotnet-trace collect -- dotnet ArazzoGen.Benchmarks.dll loop generated 20): where the
/// generated run's time goes, call by call, which BenchmarkDotNet's totals do not say.
/// </summary>
internal static class ProfileLoop
{
    public static async Task RunAsync(string[] args)
    {
        var variant = args.FirstOrDefault() ?? "generated";
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        // "-later": every call answered after a yield; "-network": 1 ms after the call, from a timer, as a
        // network answers, with many runs at once (each alone would mostly wait).
        var answers = new[] { "-later", "-network" }.FirstOrDefault(a => variant.EndsWith(a, StringComparison.Ordinal)) ?? string.Empty;
        var sageMaker = answers switch
        {
            "-later" => InstantSageMaker.CreateAnsweringLater(),
            "-network" => InstantSageMaker.CreateAnsweringLater(TimeSpan.FromMilliseconds(1)),
            _ => InstantSageMaker.Create(),
        };
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker));
        var inputs = RuntimeOverheadBenchmarks.SampleInputs();
        Func<Task> run = variant[..^answers.Length] switch
        {
            "hand-written" => () => HandWrittenTrainThenDeploy.RunAsync(sageMaker, inputs),
            "step-shape" => () => HandWrittenInStepShape.RunAsync(sageMaker, inputs),
            "generated" => () => workflow.RunAsync(inputs),
            _ => throw new ArgumentException($"'{variant}' is not a variant: hand-written, step-shape or generated, each alone or with -later or -network.", nameof(args)),
        };
        if (answers == "-network")
        {
            await RunConcurrentlyAsync(variant, run, seconds);
            return;
        }

        var items = ThreadPool.CompletedWorkItemCount;
        var clock = Stopwatch.StartNew();
        long runs = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 10_000; i++)
            {
                await run();
            }

            runs += 10_000;
        }

        Console.WriteLine(FormattableString.Invariant($"{variant}: {runs:N0} runs, {clock.Elapsed.TotalMilliseconds * 1e6 / runs:0} ns per run, {(double)(ThreadPool.CompletedWorkItemCount - items) / runs:0.00} thread-pool work items per run"));
    }

    private const int Concurrent = 200;

    private const int WarmUpSeconds = 5;

    /// <summary>
    /// <see cref="Concurrent"/> runs at once, each awaited and followed by another, for <paramref name="seconds"/>:
    /// the process's CPU time per run (the thread pool's idle spinning included, alike for every variant)
    /// and its work items per run.
    /// </summary>
    private static async Task RunConcurrentlyAsync(string variant, Func<Task> run, int seconds)
    {
        // Warmed up first, uncounted: the JIT's work (tiering up the generated run's and the runtime's
        // methods takes seconds) would otherwise be billed to the runs.
        await RunForAsync(run, TimeSpan.FromSeconds(WarmUpSeconds));
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var items = ThreadPool.CompletedWorkItemCount;
        var clock = Stopwatch.StartNew();
        var runs = await RunForAsync(run, TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        Console.WriteLine(FormattableString.Invariant($"{variant}: {runs:N0} runs, {Concurrent} at once, {runs / clock.Elapsed.TotalSeconds:0} runs/s, {used.TotalMilliseconds * 1e3 / runs:0.0} us CPU per run, {(double)(ThreadPool.CompletedWorkItemCount - items) / runs:0.00} thread-pool work items per run"));
    }

    private static async Task<long> RunForAsync(Func<Task> run, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        long runs = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await run();
                Interlocked.Increment(ref runs);
            }
        }));
        return runs;
    }
}
