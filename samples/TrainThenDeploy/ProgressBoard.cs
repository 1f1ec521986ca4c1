using ArazzoGen.Samples.Simulation;

namespace TrainThenDeploy;

/// <summary>What each step is doing, fed by the workflow's structured logs and the simulator's answers.</summary>
internal sealed class ProgressBoard(AcceleratedTimeProvider clock)
{
    private readonly object _lock = new();
    private readonly List<StepProgress> _steps = new();
    private StepProgress? _current;

    /// <summary>Raised with a one-line description of every change (for plain, non-terminal output).</summary>
    public event Action<string>? Changed;

    public IReadOnlyList<StepProgress> Snapshot()
    {
        lock (_lock)
        {
            return _steps.Select(s => s with { }).ToList();
        }
    }

    public void Calling(string stepId, int attempt) => Update(stepId, s => s with { Attempt = attempt, Activity = "calling" }, null);

    public void Observed(string operation, string outcome)
    {
        string? step;
        int attempt;
        lock (_lock)
        {
            step = _current?.StepId;
            attempt = _current?.Attempt ?? 0;
        }

        if (step is not null)
        {
            Update(step, s => s with { Operation = operation, Status = outcome, Activity = "answered" }, $"{step} (attempt {attempt}): {operation} -> {outcome}");
        }
    }

    public void Waiting(string stepId, double seconds) => Update(stepId, s => s with { Activity = $"polling again in {seconds:0} s" }, null);

    public void Retrying(string stepId, string action, double seconds) => Update(stepId, s => s with { Activity = $"retrying ({action}) in {seconds:0} s" }, $"{stepId}: {action}, retrying in {seconds:0} s");

    public void Failed(string stepId, string errorCode) => Update(stepId, s => s with { Status = errorCode, Activity = "call failed" }, $"{stepId}: call failed with {errorCode}");

    public void Ended(string stepId, string action) => Update(stepId, s => s with { Activity = "ended: " + action }, $"{stepId}: workflow ended ({action})");

    private void Update(string stepId, Func<StepProgress, StepProgress> change, string? line)
    {
        lock (_lock)
        {
            var index = _steps.FindIndex(s => s.StepId == stepId);
            if (index < 0)
            {
                _steps.Add(new StepProgress(stepId, "-", "-", 0, "starting", clock.Elapsed));
                index = _steps.Count - 1;
            }

            var updated = change(_steps[index]);
            _steps[index] = updated with { Elapsed = clock.Elapsed - updated.StartedAt };
            _current = _steps[index];
        }

        if (line is not null)
        {
            Changed?.Invoke($"[{clock.Elapsed:hh\\:mm\\:ss}] {line}");
        }
    }
}

internal sealed record StepProgress(string StepId, string Operation, string Status, int Attempt, string Activity, TimeSpan StartedAt)
{
    public TimeSpan Elapsed { get; init; }
}
