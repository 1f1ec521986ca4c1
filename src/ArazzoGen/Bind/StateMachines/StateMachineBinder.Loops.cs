using System;
using System.Collections.Generic;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>The loops a step makes on its own: a poll (count, bound, the class's delays) and a page loop.</summary>
internal sealed partial class StateMachineBinder
{
    /// <summary>
    /// The poll: count and bound, then wait as the C# class does (the same delays: fixed, or from 5 s
    /// doubling up to half the AWS waiter's delay), then call again.
    /// </summary>
    private void AddPollLoop(BoundStep step, PollSpec poll)
    {
        var path = StatePaths.Poll(step.StepId);
        var cap = poll.IsFixed ? poll.DelaySeconds : Math.Max(WaiterDefaults.BackoffStartSeconds, poll.DelaySeconds / 2);
        var first = poll.IsFixed ? cap : Math.Min(WaiterDefaults.BackoffStartSeconds, cap);
        var limit = Math.Min(poll.RetryLimit ?? WaiterDefaults.WaitsWithin(WaiterDefaults.DefaultPollDeadlineSeconds, first, cap), MaxPollsPerExecution);
        _polls.Add(new AslMember(step.StepId, poll.IsFixed
            ? AslObject.Of(("attempts", AslNode.Number(0)))
            : AslObject.Of(("attempts", AslNode.Number(0)), ("wait", AslNode.Number(WholeSeconds(first))))));

        var gaveUp = step.StepId + ": gave up";
        var wait = step.StepId + ": wait";
        var waitCap = step.StepId + $": wait {WholeSeconds(cap)} s";
        var count = step.StepId + ": count";
        var choices = new List<AslNode>
        {
            WithNext(AslObject.Of(("Variable", AslNode.String(path + ".attempts")), ("NumericGreaterThanEquals", AslNode.Number(limit))), gaveUp),
        };
        if (!poll.IsFixed)
        {
            choices.Add(WithNext(AslObject.Of(("Variable", AslNode.String(path + ".wait")), ("NumericGreaterThanEquals", AslNode.Number(WholeSeconds(cap)))), waitCap));
        }

        Add(NextPollName(step), AslObject.Of(
            ("Type", AslNode.String("Choice")),
            ("Comment", AslNode.String($"Polls at most {limit} times ({(limit == MaxPollsPerExecution ? "an execution's history holds 25,000 events" : poll.RetryLimit is null ? "the C# class's default 24-hour deadline" : "retryLimit")}), waiting {(poll.IsFixed ? $"{WholeSeconds(cap)} s" : $"from {WholeSeconds(first)} s, doubling, up to {WholeSeconds(cap)} s")} ({poll.DelaySource}).")),
            ("Choices", AslArray.Of(choices)),
            ("Default", AslNode.String(poll.IsFixed ? waitCap : wait))));
        if (!poll.IsFixed)
        {
            Add(wait, AslObject.Of(("Type", AslNode.String("Wait")), ("SecondsPath", AslNode.String(path + ".wait")), ("Next", AslNode.String(count))));
        }

        Add(waitCap, AslObject.Of(("Type", AslNode.String("Wait")), ("Seconds", AslNode.Number(WholeSeconds(cap))), ("Next", AslNode.String(count))));
        var counted = poll.IsFixed
            ? AslObject.Of(("attempts.$", AslNode.String($"States.MathAdd({path}.attempts, 1)")))
            : AslObject.Of(("attempts.$", AslNode.String($"States.MathAdd({path}.attempts, 1)")), ("wait.$", AslNode.String($"States.MathAdd({path}.wait, {path}.wait)")));
        Add(count, AslObject.Of(("Type", AslNode.String("Pass")), ("Parameters", counted), ("ResultPath", AslNode.String(path)), ("Next", AslNode.String(step.StepId))));
        Add(gaveUp, AslObject.Of(("Type", AslNode.String("Fail")), ("Error", AslNode.String("ArazzoGen.PollLimitExceeded")), ("Cause", AslNode.String($"Step '{step.StepId}' polled {limit} times without an answer that ends the poll."))));
    }

    /// <summary>
    /// A page loop: its request reads its own last answer (a NextToken, a LastEvaluatedKey), so each
    /// round asks for the next page; it waits only when the workflow says so (retryAfter), and is
    /// bounded as the class bounds it (retryLimit, else WorkflowOptions.PageLimit's 10,000).
    /// </summary>
    private void AddPageLoop(BoundStep step, PageSpec pages)
    {
        var path = StatePaths.Poll(step.StepId);
        var limit = Math.Min(pages.RetryLimit ?? DefaultPageLimit, MaxPollsPerExecution);
        _polls.Add(new AslMember(step.StepId, AslObject.Of(("attempts", AslNode.Number(0)))));
        var tooMany = step.StepId + ": too many pages";
        var count = step.StepId + ": count";
        var wait = pages.DelaySeconds is { } delay ? step.StepId + $": wait {WholeSeconds(delay)} s" : null;
        Add(NextPageName(step), AslObject.Of(
            ("Type", AslNode.String("Choice")),
            ("Comment", AslNode.String($"Asks for at most {limit} more pages ({(limit == MaxPollsPerExecution ? "an execution's history holds 25,000 events" : pages.RetryLimit is null ? "the C# class's PageLimit" : "retryLimit")}).")),
            ("Choices", AslArray.Of(new[] { WithNext(AslObject.Of(("Variable", AslNode.String(path + ".attempts")), ("NumericGreaterThanEquals", AslNode.Number(limit))), tooMany) })),
            ("Default", AslNode.String(wait ?? count))));
        if (wait is not null)
        {
            Add(wait, AslObject.Of(("Type", AslNode.String("Wait")), ("Seconds", AslNode.Number(WholeSeconds(pages.DelaySeconds!.Value))), ("Next", AslNode.String(count))));
        }

        Add(count, AslObject.Of(("Type", AslNode.String("Pass")), ("Parameters", AslObject.Of(("attempts.$", AslNode.String($"States.MathAdd({path}.attempts, 1)")))), ("ResultPath", AslNode.String(path)), ("Next", AslNode.String(step.StepId))));
        Add(tooMany, AslObject.Of(("Type", AslNode.String("Fail")), ("Error", AslNode.String("ArazzoGen.PageLimitExceeded")), ("Cause", AslNode.String($"Step '{step.StepId}' asked for {limit} more pages and there were still more."))));
    }

    private static string NextPollName(BoundStep step) => step.StepId + ": next poll";

    private static string NextPageName(BoundStep step) => step.StepId + ": next page";
}
