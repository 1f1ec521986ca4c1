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
        // "-later": every call answered after a yield, as a real client answers; each run awaited, as a service awaits its runs.
        var sageMaker = variant.EndsWith("-later", StringComparison.Ordinal) ? InstantSageMaker.CreateAnsweringLater() : InstantSageMaker.Create();
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker));
        var inputs = RuntimeOverheadBenchmarks.SampleInputs();
        Func<Task> run = variant switch
        {
            "hand-written" or "hand-written-later" => () => HandWrittenTrainThenDeploy.RunAsync(sageMaker, inputs),
            "step-shape" or "step-shape-later" => () => HandWrittenInStepShape.RunAsync(sageMaker, inputs),
            "generated" or "generated-later" => () => workflow.RunAsync(inputs),
            _ => throw new ArgumentException($"'{variant}' is not a variant: hand-written, step-shape or generated, each with -later or not.", nameof(args)),
        };
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
}
