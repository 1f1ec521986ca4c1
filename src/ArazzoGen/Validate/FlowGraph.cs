using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Model;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// Which step may run after which: fall-through to the next step when no success action is
/// unconditional, goto targets, retries (back to the step itself, after any referenced step).
/// Used to tell whether a step can have run before an expression that reads its outputs, which
/// steps are unreachable, and which can never end the workflow (goto cycles with no way out).
/// </summary>
internal sealed class FlowGraph
{
    // Reachability from one step is computed when an expression asks about it. A workflow of tens of
    // thousands of steps (hostile, or generated) would make a full matrix quadratic in time and memory;
    // past this many visited steps, CanRunBefore answers true (it then reports nothing, rather than hang).
    private const int ReachabilityBudget = 20_000_000;

    private readonly List<int>[] _successors;
    private readonly bool[] _ends;
    private readonly Dictionary<int, bool[]> _reaches = new();
    private readonly Dictionary<string, int> _index;
    private int _budget = ReachabilityBudget;

    private FlowGraph(Workflow workflow, Dictionary<string, int> index, List<int>[] successors, bool[] ends)
    {
        Workflow = workflow;
        _index = index;
        _successors = successors;
        _ends = ends;
        Reachable = new bool[successors.Length];
        if (successors.Length > 0)
        {
            Reachable = Closure(0);
            Reachable[0] = true;
        }
    }

    public Workflow Workflow { get; }

    /// <summary>Steps that some path from the first step reaches.</summary>
    public bool[] Reachable { get; }

    /// <summary>The position of the (first) step with this id, or -1.</summary>
    public int IndexOf(string stepId) => _index.TryGetValue(stepId, out var i) ? i : -1;

    /// <summary>True when some path runs <paramref name="earlier"/> and later reaches <paramref name="later"/>.</summary>
    public bool CanRunBefore(int earlier, int later)
    {
        if (!Reachable[earlier])
        {
            return false;
        }

        if (!_reaches.TryGetValue(earlier, out var reaches))
        {
            if (_budget < _successors.Length)
            {
                return true;
            }

            _budget -= _successors.Length;
            reaches = _reaches[earlier] = Closure(earlier);
        }

        return reaches[later];
    }

    /// <summary>True when every path from the first step to <paramref name="later"/> runs <paramref name="earlier"/> first.</summary>
    public bool AlwaysRunsBefore(int earlier, int later)
    {
        if (earlier == 0 || !Reachable[later])
        {
            return true; // the first step runs before every other; a step never reached waits for nothing
        }

        if (later == 0)
        {
            return false; // the first step runs first, before anything it depends on
        }

        if (_budget < _successors.Length)
        {
            return true;
        }

        // Does a path from the start reach the later step without entering the earlier one?
        _budget -= _successors.Length;
        return !Closure(0, avoiding: earlier)[later];
    }

    /// <summary>
    /// Reachable steps from which no path ends the workflow normally (an end action, a goto to
    /// another workflow, or running past the last step): a goto cycle with no way out.
    /// </summary>
    public IReadOnlyList<int> StepsThatNeverEnd()
    {
        // Backwards from the steps that can end: every step with a path to one of them can end too.
        var predecessors = new List<int>[_successors.Length];
        for (var i = 0; i < _successors.Length; i++)
        {
            predecessors[i] = new List<int>();
        }

        for (var i = 0; i < _successors.Length; i++)
        {
            foreach (var next in _successors[i])
            {
                predecessors[next].Add(i);
            }
        }

        var canEnd = (bool[])_ends.Clone();
        var pending = new List<int>();
        for (var i = 0; i < canEnd.Length; i++)
        {
            if (canEnd[i])
            {
                pending.Add(i);
            }
        }

        while (pending.Count > 0)
        {
            var current = pending[pending.Count - 1];
            pending.RemoveAt(pending.Count - 1);
            foreach (var previous in predecessors[current])
            {
                if (!canEnd[previous])
                {
                    canEnd[previous] = true;
                    pending.Add(previous);
                }
            }
        }

        var neverEnd = new List<int>();
        for (var i = 0; i < canEnd.Length; i++)
        {
            if (Reachable[i] && !canEnd[i])
            {
                neverEnd.Add(i);
            }
        }

        return neverEnd;
    }

    public static FlowGraph Build(ResolvedWorkflow workflow)
    {
        var steps = workflow.Steps;
        var ends = new bool[steps.Count];
        var successors = new List<int>[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            successors[i] = new List<int>();
        }

        // The first step of each id (a duplicate is reported elsewhere).
        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            if (!index.ContainsKey(steps[i].StepId))
            {
                index[steps[i].StepId] = i;
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            void Add(int from, int to)
            {
                if (!successors[from].Contains(to))
                {
                    successors[from].Add(to);
                }
            }

            var actions = steps[i].OnSuccess.Concat(steps[i].OnFailure).ToList();
            foreach (var resolved in actions)
            {
                var action = resolved.Action;
                var target = action.StepId is not null && index.TryGetValue(action.StepId.Value, out var t) ? t : -1;
                switch (action.Type.Value)
                {
                    case ActionKind.Goto when resolved.RestartsWorkflow:
                        Add(i, 0);
                        break;
                    case ActionKind.Goto when target >= 0:
                        Add(i, target);
                        break;
                    case ActionKind.Retry:
                        Add(i, i);
                        if (target >= 0)
                        {
                            Add(i, target);
                            Add(target, i);
                        }

                        break;
                }
            }

            var alwaysActs = steps[i].OnSuccess.Any(a => a.Action.Criteria.Count == 0);
            if (!alwaysActs && i + 1 < steps.Count)
            {
                Add(i, i + 1);
            }

            ends[i] = (!alwaysActs && i == steps.Count - 1)
                || actions.Any(r => r.Action.Type.Value == ActionKind.End
                    || (r.Action.Type.Value == ActionKind.Goto && r.Action.WorkflowId is not null && !r.RestartsWorkflow)
                    // A goto to no step, or to one that does not exist, was reported; counting it as a way out keeps it from looking like a cycle too.
                    || (r.Action.Type.Value == ActionKind.Goto && r.Action.WorkflowId is null && (r.Action.StepId is null || !index.ContainsKey(r.Action.StepId.Value))));
        }

        return new FlowGraph(workflow.Workflow, index, successors, ends);
    }

    /// <summary>The steps some path from <paramref name="from"/> reaches (itself only through a cycle), never entering <paramref name="avoiding"/>.</summary>
    private bool[] Closure(int from, int avoiding = -1)
    {
        var seen = new bool[_successors.Length];
        // A list as the stack: List<int>'s code is compiled ahead of time with the runtime, Stack<int>'s is not.
        var pending = new List<int>(_successors[from]);
        while (pending.Count > 0)
        {
            var current = pending[pending.Count - 1];
            pending.RemoveAt(pending.Count - 1);
            if (seen[current] || current == avoiding)
            {
                continue;
            }

            seen[current] = true;
            pending.AddRange(_successors[current]);
        }

        return seen;
    }
}
