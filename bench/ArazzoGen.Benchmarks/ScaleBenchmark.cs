using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.SageMaker;
using Amazon.SageMaker.Model;
using ArazzoGen.Benchmarks.Workflows;
using ArazzoGen.Runtime;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// 10,000 and 100,000 concurrent train-then-deploy runs in one process, each polling (11 calls, 5
/// waits: training InProgress 3 times, the endpoint Creating twice), generated against hand-written,
/// and against the hand-written calls in the generated code's shape (<see cref="HandWrittenInStepShape"/>),
/// which prices the shape apart from what the runtime adds to it.
/// Each variant and size runs in a fresh process (peak working set is per process), alternating.
/// Reported per run: CPU time, bytes allocated, and bytes held while every run waits in its first poll
/// (the clock holds every timer until all runs wait, then lets them run on the system's timers, which
/// stay cheap with 100,000 pending).
/// </summary>
internal static class ScaleBenchmark
{
    private const int TrainingPolls = 3;
    private const int EndpointPolls = 2;
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(100);

    public static void Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
        const int repetitions = 3;
        Console.WriteLine("| runs | variant | CPU per run (us) | of which GC pauses (us) | allocated per run (B) | held per waiting run (B) | peak working set (MiB) | runs/s |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            var results = new Dictionary<string, List<Measure>> { ["hand-written"] = [], ["step-shape"] = [], ["generated"] = [] };
            for (var i = 0; i < repetitions; i++)
            {
                foreach (var variant in results.Keys)
                {
                    results[variant].Add(Child(variant, size));
                }
            }

            foreach (var (variant, measures) in results)
            {
                Console.WriteLine($"| {size:N0} | {variant} | {Range(measures, m => m.CpuMicroseconds)} | {Range(measures, m => m.GcPauseMicroseconds)} | {Range(measures, m => m.Allocated)} | {Range(measures, m => m.Held)} | {Range(measures, m => m.PeakMiB)} | {Range(measures, m => m.RunsPerSecond)} |");
            }

            Ratio(size, "generated / hand-written", results["generated"], results["hand-written"]);
            Ratio(size, "step-shape / hand-written (the shape)", results["step-shape"], results["hand-written"]);
            Ratio(size, "generated / step-shape (the runtime)", results["generated"], results["step-shape"]);
        }
    }

    private static void Ratio(int size, string name, List<Measure> over, List<Measure> under)
    {
        static double Median(List<Measure> ms, Func<Measure, double> f) => ms.Select(f).Order().ElementAt(ms.Count / 2);
        string Of(Func<Measure, double> f) => $"{Median(over, f) / Median(under, f):0.00}x";
        Console.WriteLine($"| {size:N0} | {name}, medians | {Of(m => m.CpuMicroseconds)} | {Of(m => m.GcPauseMicroseconds)} | {Of(m => m.Allocated)} | {Of(m => m.Held)} | {Of(m => m.PeakMiB)} | |");
    }

    private static string Range(List<Measure> measures, Func<Measure, double> value)
    {
        var sorted = measures.Select(value).Order().ToList();
        return $"{sorted[sorted.Count / 2]:0} ({sorted[0]:0} - {sorted[^1]:0})";
    }

    private sealed record Measure(double CpuMicroseconds, double GcPauseMicroseconds, double Allocated, double Held, double PeakMiB, double RunsPerSecond);

    private static Measure Child(string variant, int size)
    {
        var output = ThisProgram.Run(["scale-run", variant, size.ToString(CultureInfo.InvariantCulture)]);
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("measure ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{variant} {size} printed no measure: {output}");
        var v = line.Split(' ').Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new Measure(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    /// <summary>One variant at one size, in this process; prints "measure cpu-us gc-pause-us alloc held peak-MiB runs/s".</summary>
    public static async Task RunOneAsync(string variant, int size)
    {
        var clock = new HeldClock();
        var fake = new ScaleSageMaker();
        var sageMaker = fake.Client;
        var options = new WorkflowOptions
        {
            TimeProvider = clock,
            Polls = new Dictionary<string, PollOptions>(StringComparer.Ordinal)
            {
                ["pollTrainingJob"] = new() { Delay = PollDelay },
                ["pollEndpoint"] = new() { Delay = PollDelay },
            },
        };
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(sageMaker), options);
        var inputs = Enumerable.Range(0, size).Select(Inputs).ToArray(); // the callers' data, outside both measures
        Func<TrainThenDeployWorkflow.Inputs, Task> run = variant switch
        {
            "generated" => i => workflow.RunAsync(i),
            "step-shape" => i => HandWrittenInStepShape.RunAsync(sageMaker, i, PollDelay, clock),
            "hand-written" => i => HandWrittenTrainThenDeploy.RunAsync(sageMaker, i, PollDelay, clock),
            _ => throw new ArgumentException($"no variant '{variant}': generated, step-shape or hand-written", nameof(variant)),
        };

        // Warm the path (JIT, statics) outside the measure.
        clock.Open();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => run(Inputs(size + i))));
        clock.Hold();

        var process = Process.GetCurrentProcess();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();

        var runs = new Task[size];
        for (var i = 0; i < size; i++)
        {
            runs[i] = run(inputs[i]);
        }

        while (clock.Held < size)
        {
            await Task.Delay(10);
        }

        var held = (GC.GetTotalMemory(forceFullCollection: true) - baseline) / (double)size;
        if (Environment.GetEnvironmentVariable("ARAZZO_SCALE_PAUSE") is { } pauseFile)
        {
            File.WriteAllText(pauseFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            while (File.Exists(pauseFile)) { await Task.Delay(100); }
        }
        clock.Open();
        await Task.WhenAll(runs);
        var statuses = runs.Select(r => r is Task<TrainThenDeployWorkflow.Outputs> g ? g.Result.EndpointStatus?.Value : ((Task<string?>)r).Result);
        wall.Stop();
        process.Refresh();
        var cpuPerRun = (process.TotalProcessorTime - cpu).TotalMicroseconds / size;
        var allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)size;
        if (statuses.Any(s => s != "InService") || fake.Describes != (long)(size + 4) * (TrainingPolls + 1 + EndpointPolls + 1))
        {
            throw new InvalidOperationException("a run did not make the expected calls or end InService");
        }

        Console.WriteLine(FormattableString.Invariant($"measure {cpuPerRun:0.0} {(GC.GetTotalPauseDuration() - paused).TotalMicroseconds / size:0.0} {allocatedPerRun:0} {held:0} {process.PeakWorkingSet64 / 1048576.0:0} {size / wall.Elapsed.TotalSeconds:0}"));
    }

    private static TrainThenDeployWorkflow.Inputs Inputs(int i) => new()
    {
        TrainingJobName = "job-" + i.ToString(CultureInfo.InvariantCulture), TrainingImage = "image", RoleArn = "arn:role", S3OutputPath = "s3://out",
        InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 30, MaxRuntimeInSeconds = 3600,
        ModelName = "model", InferenceImage = "image", EndpointConfigName = "config", VariantName = "AllTraffic",
        InitialInstanceCount = 1, HostingInstanceType = "ml.m5.large", EndpointName = "endpoint-" + i.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The system clock, except that while held it keeps new timers to itself (so every run can be
    /// caught waiting at once); opening it starts them on the system's timer queue.
    /// </summary>
    private sealed class HeldClock : TimeProvider
    {
        private readonly ConcurrentQueue<HeldTimer> _held = new();
        private volatile bool _holding;

        public int Held => _held.Count;

        public void Hold() => _holding = true;

        public void Open()
        {
            _holding = false;
            while (_held.TryDequeue(out var timer))
            {
                timer.Start();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (!_holding)
            {
                return System.CreateTimer(callback, state, dueTime, period);
            }

            var timer = new HeldTimer(callback, state, dueTime, period);
            _held.Enqueue(timer);
            return timer;
        }

        private sealed class HeldTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) : ITimer
        {
            private ITimer? _started;
            private bool _disposed;

            public void Start()
            {
                lock (this)
                {
                    if (!_disposed)
                    {
                        _started = System.CreateTimer(callback, state, dueTime, period);
                    }
                }
            }

            public bool Change(TimeSpan newDue, TimeSpan newPeriod)
            {
                lock (this)
                {
                    return _started?.Change(newDue, newPeriod) ?? !_disposed;
                }
            }

            public void Dispose()
            {
                lock (this)
                {
                    _disposed = true;
                    _started?.Dispose();
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

/// <summary>
/// A SageMaker whose jobs finish after a few Describes: training is InProgress for the first 3,
/// an endpoint Creating for the first 2 (cached answers; one counter per job while it runs).
/// </summary>
public sealed class ScaleSageMaker
{
    // The answers of jobs still running; those of finished ones are the instant fake's.
    private static readonly Task<DescribeTrainingJobResponse> Training = InstantSageMaker.Answer(new DescribeTrainingJobResponse { TrainingJobStatus = TrainingJobStatus.InProgress });
    private static readonly Task<DescribeEndpointResponse> Creating = InstantSageMaker.Answer(new DescribeEndpointResponse { EndpointStatus = EndpointStatus.Creating });

    private readonly ConcurrentDictionary<string, int> _describes = new(StringComparer.Ordinal);
    private long _total;

    public ScaleSageMaker()
    {
        Client = AnsweringClient.Create<IAmazonSageMaker>(new Dictionary<string, object>
        {
            ["CreateTrainingJobAsync"] = InstantSageMaker.Created,
            ["DescribeTrainingJobAsync"] = new Func<DescribeTrainingJobRequest, CancellationToken, Task<DescribeTrainingJobResponse>>((request, _) => Next(request.TrainingJobName, 3, Training, InstantSageMaker.Trained)),
            ["CreateModelAsync"] = InstantSageMaker.Model,
            ["CreateEndpointConfigAsync"] = InstantSageMaker.Config,
            ["CreateEndpointAsync"] = InstantSageMaker.Endpoint,
            ["DescribeEndpointAsync"] = new Func<DescribeEndpointRequest, CancellationToken, Task<DescribeEndpointResponse>>((request, _) => Next(request.EndpointName, 2, Creating, InstantSageMaker.InService)),
        });
    }

    /// <summary>The client the runs call.</summary>
    public IAmazonSageMaker Client { get; }

    /// <summary>The Describe calls answered so far.</summary>
    public long Describes => Interlocked.Read(ref _total);

    private Task<T> Next<T>(string name, int waiting, Task<T> pending, Task<T> done)
    {
        Interlocked.Increment(ref _total);
        var seen = _describes.AddOrUpdate(name, 1, static (_, n) => n + 1);
        if (seen <= waiting)
        {
            return pending;
        }

        _describes.TryRemove(name, out _);
        return done;
    }
}
