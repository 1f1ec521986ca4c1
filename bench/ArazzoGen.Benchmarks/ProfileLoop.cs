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
        var sageMaker = InstantSageMaker.Create();
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker));
        var inputs = RuntimeOverheadBenchmarks.SampleInputs();
        Func<Task> run = variant switch
        {
            "hand-written" => () => HandWrittenTrainThenDeploy.RunAsync(sageMaker, inputs),
            "step-shape" => () => HandWrittenInStepShape.RunAsync(sageMaker, inputs),
            "generated" => () => workflow.RunAsync(inputs),
            _ => throw new ArgumentException($"'{variant}' is not a variant: hand-written, step-shape or generated.", nameof(args)),
        };
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

        Console.WriteLine(FormattableString.Invariant($"{variant}: {runs:N0} runs, {clock.Elapsed.TotalMilliseconds * 1e6 / runs:0} ns per run"));
    }
}
