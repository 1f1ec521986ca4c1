using Amazon.SageMaker;
using ArazzoGen.Benchmarks.Workflows;
using ArazzoGen.Runtime;
using ArazzoGen.Runtime.Durable;
using BenchmarkDotNet.Attributes;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// What durability costs one train-then-deploy run (six SDK calls answered at once, seven
/// checkpoints: the start, five steps, the end): in memory only, with checkpoints kept in memory,
/// and with each checkpoint written to a file, flushed to disk and renamed.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DurableRunBenchmarks
{
    private readonly IAmazonSageMaker _sageMaker = InstantSageMaker.Create();
    private TrainThenDeployWorkflow _plain = null!;
    private TrainThenDeployWorkflow _memory = null!;
    private TrainThenDeployWorkflow _file = null!;
    private TrainThenDeployWorkflow.Inputs _inputs = null!;
    private string _directory = null!;
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("arazzo-bench-runs-").FullName;
        var clients = new TrainThenDeployWorkflow.Clients(_sageMaker);
        _plain = new TrainThenDeployWorkflow(clients);
        _memory = new TrainThenDeployWorkflow(clients, new WorkflowOptions { Store = new InMemoryRunStore() });
        _file = new TrainThenDeployWorkflow(clients, new WorkflowOptions { Store = new FileRunStore(_directory) });
        _inputs = RuntimeOverheadBenchmarks.SampleInputs();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public async Task<string?> InMemoryOnly() => (await _plain.RunAsync(_inputs)).EndpointStatus?.Value;

    [Benchmark]
    public async Task<string?> CheckpointsInMemory() => (await _memory.RunAsync(_inputs, "run-" + Interlocked.Increment(ref _run))).EndpointStatus?.Value;

    [Benchmark]
    public async Task<string?> CheckpointsInFiles() => (await _file.RunAsync(_inputs, "run-" + Interlocked.Increment(ref _run))).EndpointStatus?.Value;

    /// <summary>The checkpoints one run writes, and their sizes: printed before the timings.</summary>
    public static async Task PrintSizesAsync()
    {
        var store = new InMemoryRunStore();
        var sizes = new List<int>();
        var workflow = new TrainThenDeployWorkflow(new TrainThenDeployWorkflow.Clients(InstantSageMaker.Create()), new WorkflowOptions { Store = new Measuring(store, sizes) });
        var benchmarks = new DurableRunBenchmarks();
        benchmarks.Setup();
        await workflow.RunAsync(benchmarks._inputs, "sizes");
        benchmarks.Cleanup();
        Console.WriteLine($"train-then-deploy: {sizes.Count} checkpoints, {sizes.Min()}-{sizes.Max()} bytes each, {sizes.Sum()} bytes in all");
    }

    private sealed class Measuring(IWorkflowRunStore inner, List<int> sizes) : IWorkflowRunStore
    {
        public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) => inner.ReadAsync(workflowId, runId, cancellationToken);

        public ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
        {
            sizes.Add(run.Checkpoint.Length);
            return inner.TryWriteAsync(run, expectedVersion, cancellationToken);
        }
    }
}
