using System;
using ArazzoGen.Bind.Model;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Bind;

/// <summary>Decides the delay and bound of a step that goes back to itself (Validate decided how it loops).</summary>
internal static class StepLoops
{
    /// <param name="waiter">The AWS waiter's delay for the step's operation, when it has one.</param>
    /// <param name="stateChange">The events the step's resource publishes, when it does and the request names it.</param>
    public static LoopSpec? Of(StepLoop? loop, WaiterDefaults.Waiter? waiter, StateChangeWait? stateChange)
    {
        if (loop is null)
        {
            return null;
        }

        var retryAfter = loop.Action.RetryAfter?.Value;
        var retryLimit = loop.Action.RetryLimit is { } limit ? Math.Min(limit.Value, int.MaxValue) : (long?)null;
        if (loop.IsPageLoop)
        {
            return new PageSpec(retryAfter, retryLimit);
        }

        var poll = retryAfter is { } fixedDelay
            ? new PollSpec(fixedDelay, IsFixed: true, retryLimit, "retryAfter")
            : waiter is { } w
                ? new PollSpec(w.Delay, IsFixed: false, retryLimit, "the AWS waiter " + w.Name)
                : new PollSpec(WaiterDefaults.FallbackPollDelaySeconds, IsFixed: true, retryLimit, "ArazzoGen's default");
        return poll with { StateChange = stateChange };
    }
}
