using System;
using System.Collections.Generic;

namespace ArazzoGen.Bind;

/// <summary>The bound outputs of a workflow's steps, by stepId and output name.</summary>
/// <remarks>
/// Keyed by step, then by output, not by a (stepId, output) tuple: a dictionary keyed by a struct is
/// code a fresh compiler JIT-compiles for the generator on every build without the compiler server.
/// </remarks>
internal sealed class StepOutputTable
{
    private readonly Dictionary<string, Dictionary<string, StepOutputInfo>> _bySteps = new(StringComparer.Ordinal);

    public void Set(string stepId, string output, StepOutputInfo info)
    {
        if (!_bySteps.TryGetValue(stepId, out var outputs))
        {
            _bySteps[stepId] = outputs = new Dictionary<string, StepOutputInfo>(StringComparer.Ordinal);
        }

        outputs[output] = info;
    }

    public bool TryGet(string stepId, string output, out StepOutputInfo info)
    {
        if (_bySteps.TryGetValue(stepId, out var outputs) && outputs.TryGetValue(output, out var found))
        {
            info = found;
            return true;
        }

        info = null!;
        return false;
    }

    public bool Contains(string stepId, string output) => TryGet(stepId, output, out _);

    public StepOutputInfo Get(string stepId, string output) =>
        TryGet(stepId, output, out var info) ? info : throw new KeyNotFoundException($"step '{stepId}' has no bound output '{output}'");

    /// <summary>True when some step's output satisfies <paramref name="matches"/> (its stepId, its info).</summary>
    public bool Any(Func<string, StepOutputInfo, bool> matches)
    {
        foreach (var step in _bySteps)
        {
            foreach (var output in step.Value.Values)
            {
                if (matches(step.Key, output))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
