using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>What a definition's states are to each other: which ones a transition reaches, and the same states renamed to run as a Parallel branch.</summary>
internal static class StateGraph
{
    /// <summary>
    /// A definition as a Parallel branch: its states renamed "[workflowId] name", since state names
    /// must differ across a whole state machine, its branches included.
    /// </summary>
    public static AslObject AsBranch(AslObject definition, string workflowId)
    {
        string Renamed(string name) => $"[{workflowId}] {name}";
        AslNode Rename(AslNode node) => node switch
        {
            AslObject obj => AslObject.Of(obj.Members.Select(m => m.Name switch
            {
                "StartAt" or "Next" or "Default" when m.Value is AslString target => new AslMember(m.Name, AslNode.String(Renamed(target.Value))),
                "States" when m.Value is AslObject states => new AslMember(m.Name, AslObject.Of(states.Members.Select(state => new AslMember(Renamed(state.Name), Rename(state.Value))))),
                "Parameters" or "ResultSelector" => m, // payload templates: their keys are no state names
                _ => new AslMember(m.Name, Rename(m.Value)),
            })),
            AslArray array => AslArray.Of(array.Items.Select(Rename)),
            _ => node,
        };
        return (AslObject)Rename(definition);
    }

    /// <summary>The states no transition reaches from the first: Step Functions refuses a definition that has one.</summary>
    public static IEnumerable<string> Unreachable(IReadOnlyList<AslMember> states)
    {
        var byName = states.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(new[] { states[0].Name });
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (byName.ContainsKey(name) && reached.Add(name))
            {
                foreach (var next in Transitions(byName[name]))
                {
                    pending.Push(next);
                }
            }
        }

        return states.Select(s => s.Name).Where(n => !reached.Contains(n));
    }

    public static IEnumerable<string> Transitions(AslNode node) => node switch
    {
        // A Parallel state's branches name their own states.
        AslObject obj => obj.Members.Where(m => m.Name != "Branches").SelectMany(m => m.Name is "Next" or "Default" && m.Value is AslString target ? new[] { target.Value } : Transitions(m.Value)),
        AslArray array => array.Items.SelectMany(Transitions),
        _ => Enumerable.Empty<string>(),
    };
}
