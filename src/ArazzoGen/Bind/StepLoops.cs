using System;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Bind;

/// <summary>Decides how a step that goes back to itself loops, and with what delay and bound.</summary>
internal static class StepLoops
{
    /// <summary>
    /// How a step that goes back to itself loops: a page loop when its request reads its own
    /// outputs (each iteration asks for the next page), else a poll of the same request.
    /// </summary>
    /// <param name="looping">The success action that goes back to the step (a goto to itself, or a success retry), if any.</param>
    public static LoopSpec? Of(WorkflowAction? looping, BoundCall call, string ownField, (double Delay, string Waiter)? waiter)
    {
        if (looping is null)
        {
            return null;
        }

        var retryAfter = looping.RetryAfter?.Value;
        var retryLimit = looping.RetryLimit is { } limit ? Math.Min(limit.Value, int.MaxValue) : (long?)null;
        var arguments = call switch
        {
            OperationCall operation => operation.Request,
            WorkflowCall workflow => workflow.Inputs,
            _ => null,
        };
        if (arguments is not null && ReadsField(arguments, ownField))
        {
            return new PageSpec(retryAfter, retryLimit);
        }

        return retryAfter is { } fixedDelay
            ? new PollSpec(fixedDelay, IsFixed: true, retryLimit, "retryAfter")
            : waiter is { } w
                ? new PollSpec(w.Delay, IsFixed: false, retryLimit, "the AWS waiter " + w.Waiter)
                : new PollSpec(WaiterDefaults.FallbackPollDelaySeconds, IsFixed: true, retryLimit, "ArazzoGen's default");
    }

    private static bool ReadsField(BoundValue value, string field) =>
        value.Contains(v => v is StepOutputBound output && output.StepField == field);
}
