using System.Diagnostics;
using System.Text.Json;
using ArazzoGen.Runtime.Durable;

namespace TrainThenDeploy;

/// <summary>
/// A run store that kills its process the way a crash, an OOM kill or a scale-in would (SIGKILL: no
/// finally, no flush) once the run has called SageMaker in a chosen step and before the store records
/// that the run is past it: at the step's first poll checkpoint, or instead of the checkpoint that
/// leaves the step. What the store and the simulated account hold at that moment is what a resume finds.
/// </summary>
internal sealed class CrashingStore(IWorkflowRunStore inner, string stepId) : IWorkflowRunStore
{
    private string? _lastStep;

    public static IWorkflowRunStore Around(IWorkflowRunStore store, string? crashAfter) =>
        crashAfter is null ? store : new CrashingStore(store, crashAfter);

    public ValueTask<StoredRun?> ReadAsync(string workflowId, string runId, CancellationToken cancellationToken) =>
        inner.ReadAsync(workflowId, runId, cancellationToken);

    public async ValueTask<bool> TryWriteAsync(StoredRun run, long expectedVersion, CancellationToken cancellationToken)
    {
        using var checkpoint = JsonDocument.Parse(run.Checkpoint);
        var step = checkpoint.RootElement.TryGetProperty("step", out var s) ? s.GetString() : null;
        var polling = checkpoint.RootElement.TryGetProperty("poll", out _);
        if (_lastStep == stepId && step != stepId)
        {
            Kill($"step '{stepId}' has called SageMaker; the run's record still says it is in that step");
        }

        var written = await inner.TryWriteAsync(run, expectedVersion, cancellationToken);
        _lastStep = step;
        if (written && step == stepId && polling)
        {
            Kill($"step '{stepId}' is polling");
        }

        return written;
    }

    private static void Kill(string why)
    {
        Console.WriteLine($"Crashing now ({why}): killing this process.");
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
