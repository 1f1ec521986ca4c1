using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>Where a step goes when it fails: Retry and Catch for errors, Choice rules for an answer that missed the success criteria.</summary>
internal sealed partial class StateMachineBinder
{
    /// <summary>
    /// A failure action's criteria read the error facts (<c>$statusCode</c>, the error code): it is a
    /// Retry or Catch. Otherwise they read the answer, and it is a Choice after an answer that missed
    /// the success criteria. Criteria that read both cannot be either.
    /// </summary>
    private static bool ReadsCallFacts(BoundAction action)
    {
        var values = action.Criteria.SelectMany(c => c.Values()).ToList();
        var facts = values.Count(v => v.Contains(x => x is CallBound or LastStatusBound));
        var answer = values.Count(v => v is not LiteralBound && !v.Contains(x => x is CallBound or LastStatusBound));
        return facts > 0 && answer > 0
            ? throw new NotExpressibleException($"failure action '{action.Name}', whose criteria read both the error facts and the answer")
            : facts > 0;
    }

    /// <summary>Where a step goes when its answer does not meet its success criteria (and no failure action selected it): its first unconditional failure goto or end, else a Fail state.</summary>
    private string CriteriaFailedTarget(BoundStep step)
    {
        foreach (var action in step.OnFailure)
        {
            if (action.Criteria.Count > 0)
            {
                continue; // chosen above, or they select errors by name: an answer that misses the criteria is no error
            }

            if (action.Kind == ActionKind.Retry)
            {
                throw new NotExpressibleException($"failure action '{action.Name}', which retries a step whose answer missed its success criteria");
            }

            return Target(action);
        }

        var name = step.StepId + ": criteria not met";
        _failStates.Add(new AslMember(name, AslObject.Of(("Type", AslNode.String("Fail")), ("Error", AslNode.String("ArazzoGen.StepFailed")), ("Cause", AslNode.String($"Step '{step.StepId}' had an answer that does not meet its success criteria.")))));
        return name;
    }

    /// <summary>Retry and Catch from the step's failure actions that select errors, in order; nothing after one that takes any error.</summary>
    private (List<AslNode> Retry, List<AslNode> Catch) FailureHandling(BoundStep step, ApiOperation? api)
    {
        var retry = new List<AslNode>();
        var catches = new List<AslNode>();
        bool retriesAll = false, catchesAll = false;
        foreach (var action in step.OnFailure.Where(a => a.Criteria.Count == 0 || ReadsCallFacts(a)))
        {
            var match = ErrorMatch.Of(action.Criteria);
            if (api is null && (match.Codes.Count > 0 || match.Except.Count > 0))
            {
                throw new NotExpressibleException($"failure action '{action.Name}', which names an error code of a workflow the step runs (its execution fails as a whole)");
            }

            var names = match.Any ? Names("States.ALL") : Names(match.Codes.Select(c => TaskResources.ErrorName(api!, c)).ToArray());
            var except = match.Except.Select(c => TaskResources.ErrorName(api!, c)).ToArray();
            if (action.Kind == ActionKind.Retry)
            {
                if (retriesAll)
                {
                    continue; // an earlier retry takes every error
                }

                if (action.WorkflowId is not null || action.Retry is not { } spec)
                {
                    throw new NotExpressibleException($"failure action '{action.Name}', which runs workflow '{action.WorkflowId}' before retrying (a nested states:startExecution.sync:2 is not generated yet)");
                }

                if (except.Length > 0)
                {
                    retry.Add(AslObject.Of(("ErrorEquals", Names(except)), ("MaxAttempts", AslNode.Number(0))));
                }

                retry.Add(AslObject.Of(
                    ("ErrorEquals", names),
                    ("IntervalSeconds", AslNode.Number((long)Math.Max(1, Math.Ceiling(spec.DelaySeconds)))),
                    ("MaxAttempts", AslNode.Number(Math.Min(spec.Limit, 99999999))),
                    ("BackoffRate", AslNode.Number(1.0))));
                retriesAll |= match.Any && except.Length == 0;
                continue;
            }

            if (catchesAll)
            {
                continue; // an earlier action takes every error
            }

            if (except.Length > 0)
            {
                catches.Add(AslObject.Of(("ErrorEquals", Names(except)), ("ResultPath", AslNode.String(StatePaths.Error(step.StepId))), ("Next", AslNode.String(UnhandledName(step)))));
            }

            catches.Add(AslObject.Of(("ErrorEquals", names), ("ResultPath", AslNode.String(StatePaths.Error(step.StepId))), ("Next", AslNode.String(Target(action)))));
            catchesAll |= match.Any;
        }

        return (retry, catches);
    }

    /// <summary>Each retrier or catcher once, none after one for States.ALL (which must be the last).</summary>
    private static List<AslNode> UpToFirstCatchAll(IEnumerable<AslNode> entries)
    {
        var kept = new List<AslNode>();
        foreach (var entry in entries.Distinct())
        {
            kept.Add(entry);
            if (entry is AslObject obj && obj.Members.First(m => m.Name == "ErrorEquals").Value is AslArray names && names.Items.Count == 1 && names.Items[0] is AslString { Value: "States.ALL" })
            {
                break;
            }
        }

        return kept;
    }

    private string UnhandledName(BoundStep step)
    {
        var name = step.StepId + ": failed";
        if (!_failStates.Any(s => s.Name == name))
        {
            _failStates.Add(new AslMember(name, AslObject.Of(("Type", AslNode.String("Fail")), ("Error", AslNode.String("ArazzoGen.StepFailed")), ("Cause", AslNode.String($"Step '{step.StepId}' failed with an error none of its failure actions handles; the error is in the execution history.")))));
        }

        return name;
    }
}
