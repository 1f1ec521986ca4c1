using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Emit;

/// <summary>
/// Writes the private Run class: one run's state (the inputs and each step's result), the loop
/// that moves from step to step, and one method per step with its poll loop and actions.
/// </summary>
internal static class RunWriter
{
    private const string Runtime = "global::ArazzoGen.Runtime";
    private const string Task = "global::System.Threading.Tasks.Task";

    public static void Write(SourceWriter w, BoundWorkflow workflow)
    {
        w.Doc("One run of the workflow: its inputs and what each step has produced so far. The runtime's part of the run (calls, waits, checkpoints) is its base class.");
        using (w.Block($"private sealed class Run : {Runtime}.WorkflowRun, {Runtime}.Durable.IRunState"))
        {
            w.Doc("The stepIds, in the order of the Step enum: what checkpoints name steps by.");
            w.Line($"private static readonly string[] StepIds = {{ {string.Join(", ", workflow.Steps.Select(s => CSharpLiteral.String(s.StepId)))} }};");
            w.Line();
            foreach (var regex in workflow.Regexes)
            {
                w.Line($"private static readonly global::System.Text.RegularExpressions.Regex {regex.Name} = new({CSharpLiteral.String(regex.Pattern)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
            }

            if (workflow.Regexes.Count > 0)
            {
                w.Line();
            }

            var polls = workflow.Steps.Where(s => s.Loop is PollSpec).ToList();
            foreach (var step in polls)
            {
                var poll = (PollSpec)step.Loop!;
                var schedule = poll.IsFixed ? $"{Runtime}.PollDelay.Every({WorkflowEmitter.Seconds(poll.DelaySeconds)})" : $"{Runtime}.PollDelay.UpTo({WorkflowEmitter.Seconds(poll.DelaySeconds)})";
                w.Line($"private static readonly {Runtime}.PollDelay {PollDelayField(step)} = {schedule};");
                if (poll.StateChange is { } events)
                {
                    w.Line($"private static readonly {Runtime}.PollDelay {FallbackDelayField(step)} = {Runtime}.PollDelay.Every({WorkflowEmitter.Seconds(events.FallbackSeconds)});");
                }
            }

            if (polls.Count > 0)
            {
                w.Line();
            }

            w.Line($"private readonly {workflow.ClassName} _workflow;");
            w.Line("private readonly Inputs _inputs;");
            foreach (var step in workflow.Steps.Where(s => s.Outputs.Count > 0))
            {
                w.Line($"private {step.ResultType} {step.Field};");
            }

            foreach (var runs in workflow.ActionWorkflows)
            {
                w.Line($"private {runs.Call.ClassName}.Outputs? {runs.Field};");
            }

            if (workflow.Dependencies.Count > 0)
            {
                w.Line($"private readonly {Runtime}.DependencyRuns _dependencies;");
            }

            w.Line("private string _endStepId = string.Empty;");
            w.Line("private string? _endActionName;");
            w.Line();
            var dependencies = workflow.Dependencies.Count > 0 ? $"{Runtime}.DependencyRuns dependencies, " : string.Empty;
            w.Line($"public Run({workflow.ClassName} workflow, Inputs inputs, string? runId, {dependencies}global::System.Threading.CancellationToken cancellationToken)");
            using (w.Indented())
            {
                w.Line(": base(workflow._context, runId, cancellationToken)");
            }

            using (w.Block())
            {
                w.Line("_workflow = workflow;");
                w.Line("_inputs = inputs;");
                if (workflow.Dependencies.Count > 0)
                {
                    w.Line("_dependencies = dependencies;");
                }
            }

            w.Line();
            WriteExecute(w, workflow);
            foreach (var step in workflow.Steps)
            {
                w.Line();
                WriteStep(w, workflow, step);
                if (step.ReadBack is { } readBack)
                {
                    w.Line();
                    WriteReadBack(w, step, readBack);
                }
                if (step.Call is WorkflowCall called)
                {
                    w.Line();
                    w.Doc($"The inputs step '{step.StepId}' passes to workflow '{called.WorkflowId}'.");
                    ObjectWriter.Write(w, $"private {called.ClassName}.Inputs {InputsMethod(step)}() => ", called.Inputs, ";");
                }
            }

            foreach (var runs in workflow.ActionWorkflows)
            {
                w.Line();
                w.Doc($"The inputs actions pass to workflow '{runs.Call.WorkflowId}': this workflow's inputs of the same names.");
                ObjectWriter.Write(w, $"private {runs.Call.ClassName}.Inputs {runs.InputsMethod}() => ", runs.Call.Inputs, ";");
            }

            foreach (var shared in workflow.SharedActions)
            {
                w.Line();
                WriteSharedAction(w, shared);
            }

            w.Line();
            using (w.Block("private Step? End(string stepId, string? actionName)"))
            {
                w.Line("_endStepId = stepId;");
                w.Line("_endActionName = actionName;");
                w.Line("return null;");
            }

            w.Line();
            w.Line("private Outputs BuildOutputs() => new()");
            using (w.Block(closing: ";"))
            {
                foreach (var output in workflow.Outputs)
                {
                    w.Line($"{output.Property} = {CodeRenderer.Value(output.Value)},");
                }

                w.Line("EndStepId = _endStepId,");
                w.Line("EndActionName = _endActionName,");
                w.Line("LastStatusCode = this.LastStatusCode,");
                w.Line("RunId = this.RunId,");
            }

            w.Line();
            StateWriter.WriteRunState(w, workflow);
        }
    }

    private static void WriteExecute(SourceWriter w, BoundWorkflow workflow)
    {
        using (w.Block($"public async {Task}<Outputs> ExecuteAsync()"))
        {
            w.Line("try");
            using (w.Block())
            {
                w.Line("await StartAsync(this, StepIds).ConfigureAwait(false);");
                w.Line("if (FinishedBefore)");
                using (w.Block())
                {
                    w.Line("// The run had finished before: its outputs come from its checkpoint, with no AWS call.");
                    w.Line("return BuildOutputs();");
                }

                w.Line();
                if (workflow.Dependencies.Count > 0)
                {
                    WriteDependencies(w, workflow);
                }

                w.Line("// The run moves from step to step until one ends it; a durable run checkpoints before each.");
                w.Line("Step? next = (Step)FirstStepIndex;");
                w.Line("while (next is { } step)");
                using (w.Block())
                {
                    w.Line("next = step switch");
                    using (w.Block(closing: ";"))
                    {
                        foreach (var step in workflow.Steps)
                        {
                            w.Line($"Step.{step.Identifier} => await {step.MethodName}().ConfigureAwait(false),");
                        }

                        w.Line("_ => throw new global::System.InvalidOperationException(\"Unknown step \" + step),");
                    }

                    w.Line("if (next is { } following)");
                    using (w.Block())
                    {
                        w.Line("await AdvanceAsync(StepIds[(int)following]).ConfigureAwait(false);");
                    }
                }

                w.Line();
                w.Line("await CompletedAsync(_endStepId, _endActionName).ConfigureAwait(false);");
                w.Line("return BuildOutputs();");
            }

            w.Line("catch (global::System.OperationCanceledException ex) when (CancellationToken.IsCancellationRequested)");
            using (w.Block())
            {
                w.Line("await ReleaseLeaseAsync().ConfigureAwait(false);");
                w.Line("throw Canceled(BuildOutputs(), ex);");
            }

            w.Line($"catch ({Runtime}.WorkflowException ex)");
            using (w.Block())
            {
                w.Line("await FailedAsync(ex, BuildOutputs()).ConfigureAwait(false);");
                w.Line("throw;");
            }

            w.Line("catch (global::System.Exception ex) when (Started)");
            using (w.Block())
            {
                w.Line("// Whatever else escaped a step reaches the caller as a WorkflowException naming it.");
                w.Line("var failure = Unexpected(ex);");
                w.Line("await FailedAsync(failure, BuildOutputs()).ConfigureAwait(false);");
                w.Line("throw failure;");
            }

            w.Line("finally");
            using (w.Block())
            {
                w.Line("Dispose();");
            }
        }
    }

    private static void WriteDependencies(SourceWriter w, BoundWorkflow workflow)
    {
        w.Line("// dependsOn: these workflows complete before the first step, all at once, each once per run.");
        w.Line("await RunDependenciesAsync(");
        const string Continued = "    ";
        w.Line(Continued + "_dependencies,");
        var runs = workflow.DependencyRuns.ToList();
        foreach (var runsFirst in runs)
        {
            var call = runsFirst.Call;
            var clients = string.Join(", ", call.Clients.Select(c => $"{c.Parameter}: _workflow._clients.{c.Property}"));
            var create = $"new {call.ClassName}(new {call.ClassName}.Clients({clients}), Options)";
            var childRunId = $"ChildRunId({CSharpLiteral.String("dependsOn-" + call.WorkflowId)})";
            var run = call.TakesDependencies ? $"{create}.RunAsChildAsync({runsFirst.InputsMethod}(), {childRunId}, runs, ct)" : $"{create}.RunAsChildAsync({runsFirst.InputsMethod}(), {childRunId}, ct)";
            var separator = runsFirst == runs[runs.Count - 1] ? string.Empty : ",";
            w.Line(Continued + $"({CSharpLiteral.String(call.WorkflowId)}, async (runs, ct) => {runsFirst.Field} = await runs.RunOnceAsync(typeof({call.ClassName}), () => {run}).ConfigureAwait(false)){separator}");
        }

        w.Line(").ConfigureAwait(false);");
        w.Line();
    }

    // A step with a timeout (Arazzo 1.1) starts its clock here, and again on each retry of it.
    private static string EnterStep(BoundStep step) => step.TimeoutMilliseconds is { } timeout
        ? $"EnterStep({CSharpLiteral.String(step.StepId)}, global::System.TimeSpan.FromMilliseconds({timeout.ToString(System.Globalization.CultureInfo.InvariantCulture)}));"
        : $"EnterStep({CSharpLiteral.String(step.StepId)});";

    private static void WriteStep(SourceWriter w, BoundWorkflow workflow, BoundStep step)
    {
        var id = CSharpLiteral.String(step.StepId);
        var what = step.Call is WorkflowCall runs ? $"runs workflow '{runs.WorkflowId}'" : ((OperationCall)step.Call).OperationName;
        w.Doc($"Step '{step.StepId}' ({what}). " + (step.Description ?? string.Empty));
        w.Line(PooledFrame);
        using (w.Block($"private async {StepReturnType} {step.MethodName}()"))
        {
            w.Line(EnterStep(step));
            if (step.Call is WorkflowCall called)
            {
                var clients = string.Join(", ", called.Clients.Select(c => $"{c.Parameter}: _workflow._clients.{c.Property}"));
                w.Line($"var workflow = new {called.ClassName}(new {called.ClassName}.Clients({clients}), Options);");
            }

            if (!step.Loops)
            {
                WriteAttempt(w, workflow, step, attempt: "1");
                return;
            }

            switch (step.Loop)
            {
                case PollSpec poll:
                    var bound = poll.RetryLimit is { } limit ? $"at most {limit} polls" : "WorkflowOptions.DefaultPollDeadline";
                    var seconds = poll.DelaySeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                    var delay = PollDelayField(step);
                    var schedule = poll.IsFixed ? $"every {seconds} s ({Text.Comment(poll.DelaySource)})" : $"from 5 s, doubling, up to half of {seconds} s ({Text.Comment(poll.DelaySource)})";
                    w.Line($"// Polls {schedule}, bounded by {bound}; WorkflowOptions.Polls[{Text.Comment(id)}] overrides both.");
                    if (poll.StateChange is { } events)
                    {
                        w.Line($"// With WorkflowOptions.StateChanges: calls again when a {Text.Comment(events.DetailType)} event names the {Text.Comment(events.NameMember)}, else every {events.FallbackSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} s.");
                        w.Line($"var poll = StartPoll({id}, {delay}, retryLimit: {Limit(poll.RetryLimit)}, {CSharpLiteral.String(events.DetailType)}, {FallbackDelayField(step)});");
                    }
                    else
                    {
                        w.Line($"var poll = StartPoll({id}, {delay}, retryLimit: {Limit(poll.RetryLimit)});");
                    }
                    break;
                case PageSpec pages:
                    var wait = pages.DelaySeconds is { } pageDelay ? $"waiting {pageDelay.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} s (retryAfter) between pages" : "without waiting";
                    var pageBound = pages.RetryLimit is { } pageLimit ? $"at most {pageLimit} more pages" : "WorkflowOptions.PageLimit";
                    w.Line($"// Pages: the request reads this step's own outputs, so each call asks for the next page, {wait}, bounded by {pageBound}.");
                    w.Line($"var pages = StartPages({id}, {(pages.DelaySeconds is { } d ? WorkflowEmitter.Seconds(d) : "global::System.TimeSpan.Zero")}, retryLimit: {Limit(pages.RetryLimit)});");
                    break;
            }

            foreach (var retry in step.OnFailure.Select(a => a.Retry).OfType<RetrySpec>())
            {
                w.Line($"var {retry.Counter} = 0;");
            }

            // A resumed poll goes on counting from its checkpoint.
            w.Line(step.Loop is PollSpec ? "var attempt = poll.Attempt;" : "var attempt = 1;");
            using (w.Block("while (true)"))
            {
                WriteAttempt(w, workflow, step, attempt: "attempt");
            }
        }
    }

    /// <summary>A step returns the Step to go to next, or null when it ended the run.</summary>
    private const string StepReturnType = "global::System.Threading.Tasks.ValueTask<Step?>";

    // The run loop awaits each step once, so a step whose call goes to AWS reuses a pooled frame
    // instead of allocating one per step and run.
    private const string PooledFrame = "[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]";

    private static string GoesTo(string target) => $"return Step.{target};";

    private static string Ends(string stepId, string actionName) => $"return End({stepId}, {actionName});";

    private static string Limit(long? limit) => limit is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";

    /// <summary>One attempt of a step: build the request from the current values, call, keep the outputs, then the actions.</summary>
    private static void WriteAttempt(SourceWriter w, BoundWorkflow workflow, BoundStep step, string attempt)
    {
        var id = CSharpLiteral.String(step.StepId);
        string result;
        string success;
        switch (step.Call)
        {
            case OperationCall operation:
                ObjectWriter.Write(w, "var request = ", operation.Request, ";");
                if (step.Loop is PollSpec { StateChange: { } events })
                {
                    // A local of its own so the wait does not keep the whole request alive.
                    w.Line($"var waitingOn = request.{events.NameMember};");
                }

                foreach (var token in operation.IdempotencyTokens)
                {
                    w.Line("// A durable run sends the same token when it repeats this call after a crash, so the service acts once.");
                    w.Line($"request.{token} ??= IdempotencyToken({id});");
                }

                if (step.ReadBack is not null)
                {
                    WriteReadBackCheck(w, workflow, step, attempt);
                }

                w.Line($"var call = await CallAsync({id}, {attempt}, _workflow._clients.{operation.ClientProperty}, request, static (client, r, ct) => client.{operation.SdkMethod}(r, ct)).ConfigureAwait(false);");
                if (step.ReadsResponse)
                {
                    w.Line("var response = call.Response;");
                }

                result = "response";
                // An error response is a response: criteria that read only $statusCode and the error facts decide on it too.
                success = step.SuccessNeedsResponse ? "response is not null" : "call.StatusCode is not null";
                break;
            default:
                var called = (WorkflowCall)step.Call;
                var dependencies = called.TakesDependencies ? $"new {Runtime}.DependencyRuns(), " : string.Empty;
                w.Line($"var call = await RunWorkflowAsync({id}, {attempt}, {InputsMethod(step)}, (inputs, ct) => workflow.RunAsChildAsync(inputs, {ChildRunId(step.StepId, attempt)}, {dependencies}ct)).ConfigureAwait(false);");
                w.Line("var outputs = call.Outputs;");
                result = "outputs";
                success = "outputs is not null";
                break;
        }

        var criteria = CodeRenderer.All(step.SuccessCriteria, responseIsKnown: step.SuccessNeedsResponse);
        // Outputs are kept whenever there is something to read them from, success or not (a failure reports them);
        // when that is also the whole test of success, one block does both.
        var outputsWithSuccess = criteria is null && step.OutputsNeedResponse == step.SuccessNeedsResponse;
        if (step.Outputs.Count > 0 && !outputsWithSuccess)
        {
            w.Line(step.OutputsNeedResponse ? $"if ({result} is not null)" : "if (call.StatusCode is not null)");
            using (w.Block())
            {
                WriteOutputs(w, step);
            }

            w.Line();
        }

        // Criteria that only an answered call can meet ($statusCode == 200) are the whole check.
        var check = criteria is null ? success
            : !step.SuccessNeedsResponse && step.SuccessCriteriaNeedAnswer ? criteria
            : $"{success} && {criteria}";
        w.Line($"if ({check})");
        using (w.Block())
        {
            if (step.Outputs.Count > 0 && outputsWithSuccess)
            {
                WriteOutputs(w, step);
            }

            WriteSuccessActions(w, workflow, step, attempt);
        }

        w.Line();
        WriteFailureActions(w, workflow, step, attempt);
    }

    private static void WriteOutputs(SourceWriter w, BoundStep step)
    {
        var values = string.Join(", ", step.Outputs.Select(o => CodeRenderer.Value(o.Value, responseIsKnown: step.OutputsNeedResponse)));
        w.Line($"{step.Field} = new {step.ResultType}({values});");
    }

    private static void WriteReadBackCheck(SourceWriter w, BoundWorkflow workflow, BoundStep step, string attempt)
    {
        var id = CSharpLiteral.String(step.StepId);
        w.Line($"if (ResumedIn({id}) && await {step.ReadBack!.MethodName}(request).ConfigureAwait(false))");
        using (w.Block())
        {
            w.Line("// What this step creates exists: the process before this one created it before it stopped.");
            if (step.OnSuccess.FirstOrDefault() is { } action)
            {
                WriteTransfer(w, workflow, step, action, attempt);
            }
            else
            {
                w.Line(step.NextIdentifier is null ? Ends(id, "null") : GoesTo(step.NextIdentifier));
            }
        }

        w.Line();
    }

    private static void WriteReadBack(SourceWriter w, BoundStep step, ReadBack readBack)
    {
        var operation = (OperationCall)step.Call;
        var read = readBack.SdkMethod.Substring(0, readBack.SdkMethod.Length - "Async".Length);
        w.Doc($"Step '{step.StepId}' was running when the process before this one stopped, so its call may have created what it creates: reads that back by the name this run sent ({read}). True when it exists; the step's outputs are then read from it.");
        using (w.Block($"private async global::System.Threading.Tasks.ValueTask<bool> {readBack.MethodName}({operation.Request.Type.NonNullableName} sent)"))
        {
            w.Line($"var request = new {readBack.RequestType}");
            using (w.Block(closing: ";"))
            {
                foreach (var key in readBack.Keys)
                {
                    w.Line($"{key} = sent.{key},");
                }
            }

            w.Line($"var call = await CallAsync({CSharpLiteral.String(step.StepId)}, 1, _workflow._clients.{operation.ClientProperty}, request, static (client, r, ct) => client.{readBack.SdkMethod}(r, ct)).ConfigureAwait(false);");
            w.Line("if (call.Response is not { } response)");
            using (w.Block())
            {
                w.Line("return false;");
            }

            w.Line();
            if (step.Outputs.Count > 0)
            {
                w.Line($"{step.Field} = new {step.ResultType}({string.Join(", ", readBack.Outputs.Select(o => CodeRenderer.Value(o, responseIsKnown: true)))});");
            }

            w.Line("return true;");
        }
    }

    // A step's inputs for the workflow it runs are built by a method the run calls, so a required
    // value found missing fails the step (and its onFailure actions apply).
    private static string InputsMethod(BoundStep step) => step.Identifier + "Inputs";

    private static void WriteSuccessActions(SourceWriter w, BoundWorkflow workflow, BoundStep step, string attempt)
    {
        var id = CSharpLiteral.String(step.StepId);
        foreach (var action in step.OnSuccess)
        {
            var condition = CodeRenderer.All(action.Criteria, responseIsKnown: step.SuccessNeedsResponse);
            if (condition is null)
            {
                // An unconditional action: nothing after it can run.
                w.Line($"// {Text.Comment(action.Name)}");
                WriteSuccessAction(w, workflow, step, action, attempt);
                return;
            }

            w.Line($"if ({condition}) // {Text.Comment(action.Name)}");
            using (w.Block())
            {
                WriteSuccessAction(w, workflow, step, action, attempt);
            }

            w.Line();
        }

        w.Line(step.NextIdentifier is null ? Ends(id, "null") : GoesTo(step.NextIdentifier));
    }

    private static void WriteSuccessAction(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string attempt)
    {
        if (action.LoopsThisStep)
        {
            var hasOutputs = step.Outputs.Count > 0;
            w.Line(step.Loop switch
            {
                PageSpec => "await pages.NextAsync().ConfigureAwait(false);",
                PollSpec { StateChange: not null } when hasOutputs => $"await poll.WaitAsync({step.Field}, waitingOn).ConfigureAwait(false);",
                PollSpec { StateChange: not null } => "await poll.WaitAsync<object?>(null, waitingOn).ConfigureAwait(false);",
                _ when hasOutputs => $"await poll.WaitAsync({step.Field}).ConfigureAwait(false);",
                _ => "await poll.WaitAsync().ConfigureAwait(false);",
            });
            w.Line("attempt++;");
            w.Line("continue;");
        }
        else
        {
            WriteTransfer(w, workflow, step, action, attempt);
        }
    }

    private const string ResponseConstraint = "where TResponse : global::Amazon.Runtime.AmazonWebServiceResponse";

    /// <summary>A workflow failure action every step asks, decided once: whether it applies to the failed call (and, for a retry, whether one is left, counting it).</summary>
    private static void WriteSharedAction(SourceWriter w, SharedAction shared)
    {
        var condition = CodeRenderer.All(shared.Criteria)!;
        var call = $"{Runtime}.CallResult<TResponse> call";
        if (shared.RetryLimit is { } limit)
        {
            w.Doc($"Workflow failure action '{shared.Name}', for every step: true when it retries this failed call, at most {limit} times; counts the retry.");
            w.Line($"private static bool {shared.Helper}<TResponse>({call}, ref int retries)");
            using (w.Indented())
            {
                w.Line(ResponseConstraint);
            }

            using (w.Block())
            {
                w.Line($"if (!({condition}) || retries >= {limit})");
                using (w.Block())
                {
                    w.Line("return false;");
                }

                w.Line();
                w.Line("retries++;");
                w.Line("return true;");
            }

            return;
        }

        w.Doc($"Workflow failure action '{shared.Name}', for every step: true when it applies to this failed call.");
        w.Line($"private static bool {shared.Helper}<TResponse>({call})");
        using (w.Indented())
        {
            w.Line(ResponseConstraint);
            w.Line($"=> {condition};");
        }
    }

    private static void WriteFailureActions(SourceWriter w, BoundWorkflow workflow, BoundStep step, string attempt)
    {
        var id = CSharpLiteral.String(step.StepId);
        foreach (var action in step.OnFailure)
        {
            if (action.Helper is { } helper)
            {
                WriteSharedFailureAction(w, workflow, step, action, helper, attempt);
                continue;
            }

            var condition = CodeRenderer.All(action.Criteria);
            if (condition is null && action.Kind != ActionKind.Retry)
            {
                // An unconditional goto or end: nothing after it can run.
                w.Line($"// {Text.Comment(action.Name)}");
                WriteTransfer(w, workflow, step, action, attempt);
                return;
            }

            w.Line(condition is null ? $"// {Text.Comment(action.Name)}" : $"if ({condition}) // {Text.Comment(action.Name)}");
            using (condition is null ? null : w.Block())
            {
                if (action.Retry is { } retry)
                {
                    var counter = retry.Counter;
                    w.Line($"if ({counter} < {retry.Limit})");
                    using (w.Block())
                    {
                        w.Line($"{counter}++;");
                        if (action.WorkflowId is not null)
                        {
                            w.Line($"// Runs workflow '{Text.Comment(action.WorkflowId)}', then retries this step.");
                            WriteRunActionWorkflow(w, workflow, step, action, attempt);
                        }
                        else if (action.TargetIdentifier is { } first)
                        {
                            // The spec: the step runs, context comes back, then this step is retried; where that step would go next is not followed.
                            w.Line($"await {first}Async().ConfigureAwait(false); // then back to this step");
                            w.Line(EnterStep(step));
                        }

                        WriteRetryThisStep(w, step, action, retry);
                    }
                }
                else
                {
                    WriteTransfer(w, workflow, step, action, attempt);
                }
            }

            w.Line();
        }

        var secret = step.SendsSecret ? ", requestCarriesSecret: true" : string.Empty;
        if (step.ReadBack is { } readBack)
        {
            w.Line($"if (SaysAlreadyExists(call) && await {readBack.MethodName}(request).ConfigureAwait(false))");
            using (w.Block())
            {
                w.Line("// It exists: an earlier attempt whose answer was lost (the SDK then sends the call again) probably created it.");
                w.Line($"throw StepFailed({id}, {attempt}, call, {Observed(step)}{secret}, readBack: {CSharpLiteral.String(readBack.SdkMethod.Substring(0, readBack.SdkMethod.Length - "Async".Length))});");
            }

            w.Line();
        }

        w.Line($"throw StepFailed({id}, {attempt}, call, {Observed(step)}{secret});");
    }

    /// <summary>The Run's static field holding a poll step's schedule (one object per workflow, not per run).</summary>
    private static string PollDelayField(BoundStep step) => step.Identifier + "Delay";

    /// <summary>The Run's static field holding a poll's schedule while it waits for state-change events (no run allocates it); no other member's name ends in "Fallback", so no step's name makes two meet.</summary>
    private static string FallbackDelayField(BoundStep step) => step.Identifier + "Fallback";

    /// <summary>A failure retry that was granted (and counted): wait its delay, then call again.</summary>
    private static void WriteRetryThisStep(SourceWriter w, BoundStep step, BoundAction action, RetrySpec retry)
    {
        w.Line($"await RetryAsync({CSharpLiteral.String(step.StepId)}, {CSharpLiteral.String(action.Name)}, {retry.Counter}, {WorkflowEmitter.Seconds(retry.DelaySeconds)}).ConfigureAwait(false);");
        w.Line("attempt++;");
        w.Line("continue;");
    }

    private static void WriteSharedFailureAction(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string helper, string attempt)
    {
        if (action.Retry is { } retry)
        {
            w.Line($"if ({helper}(call, ref {retry.Counter})) // {Text.Comment(action.Name)}");
            using (w.Block())
            {
                WriteRetryThisStep(w, step, action, retry);
            }
        }
        else
        {
            w.Line($"if ({helper}(call)) // {Text.Comment(action.Name)}");
            using (w.Block())
            {
                WriteTransfer(w, workflow, step, action, attempt);
            }
        }

        w.Line();
    }

    private static void WriteTransfer(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string attempt)
    {
        if (action.Kind == ActionKind.End)
        {
            w.Line(Ends(CSharpLiteral.String(step.StepId), CSharpLiteral.String(action.Name)));
        }
        else if (action.WorkflowId is not null)
        {
            // A goto to another workflow runs it; this workflow ends with it.
            WriteRunActionWorkflow(w, workflow, step, action, attempt);
            w.Line(Ends(CSharpLiteral.String(step.StepId), CSharpLiteral.String(action.Name)));
        }
        else
        {
            w.Line(GoesTo(action.TargetIdentifier!));
        }
    }

    private static void WriteRunActionWorkflow(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string attempt)
    {
        var runs = workflow.ActionWorkflows.First(a => a.Call.WorkflowId == action.WorkflowId);
        var clients = string.Join(", ", runs.Call.Clients.Select(c => $"{c.Parameter}: _workflow._clients.{c.Property}"));
        var create = $"new {runs.Call.ClassName}(new {runs.Call.ClassName}.Clients({clients}), Options)";
        var dependencies = runs.Call.TakesDependencies ? $"new {Runtime}.DependencyRuns(), " : string.Empty;
        var run = $"(inputs, ct) => {create}.RunAsChildAsync(inputs, {ChildRunId(step.StepId + "-" + action.Name, attempt)}, {dependencies}ct)";
        w.Line($"{runs.Field} = await RunActionWorkflowAsync({CSharpLiteral.String(step.StepId)}, {CSharpLiteral.String(action.Name)}, {attempt}, {runs.InputsMethod}, {run}, {Observed(step)}).ConfigureAwait(false);");
    }

    /// <summary>The run id a durable run gives the workflow a step or action runs: one per attempt, so a retry is a new run.</summary>
    private static string ChildRunId(string part, string attempt) =>
        attempt == "1" ? $"ChildRunId({CSharpLiteral.String(part + "-1")})" : $"ChildRunId({CSharpLiteral.String(part + "-")} + {attempt})";

    private static string Observed(BoundStep step) => step.Outputs.Count > 0 ? $"Observed({step.Field})" : "null";
}
