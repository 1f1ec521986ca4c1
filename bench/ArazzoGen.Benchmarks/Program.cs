using ArazzoGen.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- build [cold] [incremental]    (generator cost vs compiling its output; incremental runs; "incremental": only those)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- build first   (the first generator run of a fresh process, per pipeline step; ARAZZO_JIT=1 adds what the JIT compiled, by namespace)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- build csc [rounds] [--one-core] [--corpus]   (the SDK's csc started fresh on samples/TrainThenDeploy, with --corpus also on the 200 synthetic workflows: the generator as IL and ReadyToRun, as the package hands it, against its output compiled as plain source; Linux)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- build csc profile [rounds]   (the same compiles under Linux perf: the generator's CPU samples by what runs, by stage, by our method)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- build csc jit [--corpus]   (the same compiles once each, counting the methods the JIT compiles beyond its output as plain source, by what they are; the lists in $TMPDIR/arazzogen-jit)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- build csc keep [--corpus]   (writes those compiles' response files to a folder it keeps and prints, to run csc by hand or under a profiler)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- runtime   (BenchmarkDotNet: generated workflow vs hand-written SDK calls)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- runtime real-client   (BenchmarkDotNet: the DynamoDB ensure-table-write-read workflow vs hand-written, on the real AmazonDynamoDBClient answered in memory)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- runtime profile [seconds]   (each runtime variant in a loop under Linux perf: CPU ns per run by what runs)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- loop <generated|step-shape|hand-written>[-later|-network] [seconds]   (one runtime variant in a loop, each run awaited: ns and thread-pool work items per run; -later answers every call after a yield; -network 1 ms after it from a timer, 200 runs at once, CPU per run; for a sampling profiler: dotnet-trace collect -- ...)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- allocations [polling|segments [polling]]   (bytes per run by type, generated vs hand-written; "polling": the scale benchmark's runs; "segments": exact bytes before, between and after the SDK calls, of the instant run or, with "polling", of the scale benchmark's 11 calls with zero-second waits)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- polling   (calls and lag of poll schedules, computed exactly)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- layering  (HTTP attempts per run when SDK, pipeline and workflow retries are stacked)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- scale [sizes]   (10,000 and 100,000 concurrent polling runs: CPU, bytes, memory held; generated, hand-written, and hand-written in the generated code's step shape)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- scale footprint   (what a run waiting in a poll holds, object by object and field by field, for the scale benchmark's three variants)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- faults    (docs/reliability.md's fault table: 200 runs per fault against dynalite, for TransientRetries 0, 2, 4)
// dotnet run -c Release --project bench/ArazzoGen.Benchmarks -- durable   (checkpoint sizes, and a run with checkpoints in memory and in files vs none)
switch (args.FirstOrDefault())
{
    case "build" when args.Skip(1).FirstOrDefault() == "first":
        BuildCost.First();
        break;
    case "build" when args.Skip(1).FirstOrDefault() == "csc" && args.Skip(2).FirstOrDefault() == "profile":
        CompilerProfile.Run(args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3);
        break;
    case "build" when args.Skip(1).FirstOrDefault() == "csc" && args.Skip(2).FirstOrDefault() == "jit":
        CompilerJitList.Run(corpus: args.Contains("--corpus"));
        break;
    case "build" when args.Skip(1).FirstOrDefault() == "csc" && args.Skip(2).FirstOrDefault() == "keep":
        CompilerFirstRun.Keep(corpus: args.Contains("--corpus"));
        break;
    case "build" when args.Skip(1).FirstOrDefault() == "csc":
        CompilerFirstRun.Run(args.Skip(2).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(5), oneCore: args.Contains("--one-core"), corpus: args.Contains("--corpus"));
        break;
    case "build":
        BuildCost.Run(args.Skip(1).ToArray());
        break;
    case "runtime" when args.Skip(1).FirstOrDefault() == "profile":
        RuntimeProfile.Run(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
        break;
    case "runtime" when args.Skip(1).FirstOrDefault() == "real-client":
        BenchmarkRunner.Run<RealClientOverheadBenchmarks>(args: args.Skip(2).ToArray());
        break;
    case "runtime":
        BenchmarkRunner.Run<RuntimeOverheadBenchmarks>(args: args.Skip(1).ToArray());
        break;
    case "loop":
        await ProfileLoop.RunAsync(args.Skip(1).ToArray());
        break;
    case "allocations":
        await AllocationProfile.RunAsync(args.Skip(1).ToArray());
        break;
    case "polling":
        PollingSimulation.Run();
        break;
    case "layering":
        RetryLayering.Run();
        break;
    case "scale" when args.Skip(1).FirstOrDefault() == "footprint":
        RunFootprint.Run();
        break;
    case "scale":
        ScaleBenchmark.Run(args.Skip(1).ToArray());
        break;
    case "scale-run":
        await ScaleBenchmark.RunOneAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "faults":
        await FaultTable.RunAsync(args.Skip(1).ToArray());
        break;
    case "durable":
        await DurableRunBenchmarks.PrintSizesAsync();
        BenchmarkRunner.Run<DurableRunBenchmarks>(args: args.Skip(1).ToArray());
        break;
    default:
        Console.WriteLine("usage: <build|runtime|loop|allocations|polling|layering|scale|faults|durable>");
        return 1;
}

return 0;
