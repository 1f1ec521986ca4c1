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
        w.Doc("One run of the workflow: its inputs and what each step has produced so far.");
        using (w.Block("private sealed class Run"))
        {
            foreach (var regex in workflow.Regexes)
            {
                w.Line($"private static readonly global::System.Text.RegularExpressions.Regex {regex.Name} = new({CSharpLiteral.String(regex.Pattern)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
            }

            if (workflow.Regexes.Count > 0)
            {
                w.Line();
            }

            w.Line($"private readonly {workflow.ClassName} _workflow;");
            w.Line("private readonly Inputs _inputs;");
            w.Line($"private readonly {Runtime}.WorkflowRun _run;");
            foreach (var step in workflow.Steps.Where(s => s.Outputs.Count > 0))
            {
                w.Line($"private {step.ResultType}? {step.Field};");
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
            using (w.Block($"public Run({workflow.ClassName} workflow, Inputs inputs, {dependencies}global::System.Threading.CancellationToken cancellationToken)"))
            {
                w.Line("_workflow = workflow;");
                w.Line("_inputs = inputs;");
                if (workflow.Dependencies.Count > 0)
                {
                    w.Line("_dependencies = dependencies;");
                }

                w.Line($"_run = new {Runtime}.WorkflowRun(WorkflowId, typeof({workflow.ClassName}), workflow._options, cancellationToken);");
            }

            w.Line();
            WriteExecute(w, workflow);
            foreach (var step in workflow.Steps)
            {
                w.Line();
                WriteStep(w, workflow, step);
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

            w.Line();
            // A straight-line run asks its steps whether to go on; a step loop follows the Step they return.
            using (w.Block(workflow.IsStraightLine ? "private bool Ended(string stepId, string? actionName)" : "private Step? End(string stepId, string? actionName)"))
            {
                w.Line("_endStepId = stepId;");
                w.Line("_endActionName = actionName;");
                w.Line(workflow.IsStraightLine ? "return false;" : "return null;");
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
                w.Line("LastStatusCode = _run.LastStatusCode,");
            }
        }
    }

    private static void WriteExecute(SourceWriter w, BoundWorkflow workflow)
    {
        using (w.Block($"public async {Task}<Outputs> ExecuteAsync()"))
        {
            w.Line("try");
            using (w.Block())
            {
                if (workflow.Dependencies.Count > 0)
                {
                    WriteDependencies(w, workflow);
                }

                if (workflow.IsStraightLine)
                {
                    WriteStraightLine(w, workflow);
                }
                else
                {
                    WriteStepLoop(w, workflow);
                }
            }

            w.Line("catch (global::System.OperationCanceledException ex) when (_run.CancellationToken.IsCancellationRequested)");
            using (w.Block())
            {
                w.Line($"throw new {Runtime}.WorkflowCanceledException(WorkflowId, _run.CurrentStepId, BuildOutputs(), _run.UnansweredSteps, _run.CancellationToken, ex);");
            }

            w.Line($"catch ({Runtime}.WorkflowException ex)");
            using (w.Block())
            {
                w.Line("_run.Failed(ex, BuildOutputs());");
                w.Line("throw;");
            }
            w.Line("catch (global::System.Exception ex)");
            using (w.Block())
            {
                w.Line("// Whatever else escaped a step reaches the caller as a WorkflowException naming it.");
                w.Line("var failure = _run.Unexpected(ex);");
                w.Line("_run.Failed(failure, BuildOutputs());");
                w.Line("throw failure;");
            }
            w.Line("finally");
            using (w.Block())
            {
                w.Line("_run.Dispose();");
            }
        }

        w.Line();
        using (w.Block("private Outputs Finish()"))
        {
            w.Line("_run.Completed(_endStepId, _endActionName);");
            w.Line("return BuildOutputs();");
        }
    }

    private static void WriteDependencies(SourceWriter w, BoundWorkflow workflow)
    {
        w.Line("// dependsOn: these workflows complete before the first step, all at once, each once per run.");
        w.Line("await _run.RunDependenciesAsync(");
        const string Continued = "    ";
        w.Line(Continued + "_dependencies,");
        var runs = workflow.DependencyRuns.ToList();
        foreach (var runsFirst in runs)
        {
            var call = runsFirst.Call;
            var clients = string.Join(", ", call.Clients.Select(c => $"{c.Parameter}: _workflow._clients.{c.Property}"));
            var create = $"new {call.ClassName}(new {call.ClassName}.Clients({clients}), _workflow._options)";
            var run = call.TakesDependencies ? $"{create}.RunAsync({runsFirst.InputsMethod}(), runs, ct)" : $"{create}.RunAsync({runsFirst.InputsMethod}(), ct)";
            var separator = runsFirst == runs[runs.Count - 1] ? string.Empty : ",";
            w.Line(Continued + $"({CSharpLiteral.String(call.WorkflowId)}, async (runs, ct) => {runsFirst.Field} = await runs.RunOnceAsync(typeof({call.ClassName}), () => {run}).ConfigureAwait(false)){separator}");
        }

        w.Line(").ConfigureAwait(false);");
        w.Line();
    }

    private static void WriteStraightLine(SourceWriter w, BoundWorkflow workflow)
    {
        foreach (var step in workflow.Steps.Take(workflow.Steps.Count - 1))
        {
            if (step.CanEnd)
            {
                w.Line($"if (!await {step.MethodName}().ConfigureAwait(false))");
                using (w.Block())
                {
                    w.Line("return Finish();");
                }

                w.Line();
            }
            else
            {
                w.Line($"await {step.MethodName}().ConfigureAwait(false);");
            }
        }

        w.Line($"await {workflow.Steps[workflow.Steps.Count - 1].MethodName}().ConfigureAwait(false);");
        w.Line("return Finish();");
    }

    private static void WriteStepLoop(SourceWriter w, BoundWorkflow workflow)
    {
        w.Line("// Steps jump to each other (goto), so the run moves from step to step until one ends it.");
        w.Line($"Step? next = Step.{workflow.Steps[0].Identifier};");
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
        }

        w.Line();
        w.Line("return Finish();");
    }

    private static void WriteStep(SourceWriter w, BoundWorkflow workflow, BoundStep step)
    {
        var id = CSharpLiteral.String(step.StepId);
        var what = step.Call is WorkflowCall runs ? $"runs workflow '{runs.WorkflowId}'" : ((OperationCall)step.Call).OperationName;
        w.Doc($"Step '{step.StepId}' ({what}). " + (step.Description ?? string.Empty));
        using (w.Block($"private async {ReturnType(workflow, step)} {step.MethodName}()"))
        {
            w.Line($"_run.EnterStep({id});");
            if (step.Call is WorkflowCall called)
            {
                var clients = string.Join(", ", called.Clients.Select(c => $"{c.Parameter}: _workflow._clients.{c.Property}"));
                w.Line($"var workflow = new {called.ClassName}(new {called.ClassName}.Clients({clients}), _workflow._options);");
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
                    var delay = poll.IsFixed ? $"{Runtime}.PollDelay.Every({WorkflowEmitter.Seconds(poll.DelaySeconds)})" : $"{Runtime}.PollDelay.UpTo({WorkflowEmitter.Seconds(poll.DelaySeconds)})";
                    var schedule = poll.IsFixed ? $"every {seconds} s ({Text.Comment(poll.DelaySource)})" : $"from 5 s, doubling, up to half of {seconds} s ({Text.Comment(poll.DelaySource)})";
                    w.Line($"// Polls {schedule}, bounded by {bound}; WorkflowOptions.Polls[{Text.Comment(id)}] overrides both.");
                    w.Line($"var poll = _run.StartPoll({id}, {delay}, retryLimit: {Limit(poll.RetryLimit)});");
                    break;
                case PageSpec pages:
                    var wait = pages.DelaySeconds is { } pageDelay ? $"waiting {pageDelay.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} s (retryAfter) between pages" : "without waiting";
                    var pageBound = pages.RetryLimit is { } pageLimit ? $"at most {pageLimit} more pages" : "WorkflowOptions.PageLimit";
                    w.Line($"// Pages: the request reads this step's own outputs, so each call asks for the next page, {wait}, bounded by {pageBound}.");
                    w.Line($"var pages = _run.StartPages({id}, {(pages.DelaySeconds is { } d ? WorkflowEmitter.Seconds(d) : "global::System.TimeSpan.Zero")}, retryLimit: {Limit(pages.RetryLimit)});");
                    break;
            }

            foreach (var retry in step.OnFailure.Select(a => a.Retry).OfType<RetrySpec>())
            {
                w.Line($"var {retry.Counter} = 0;");
            }

            w.Line("var attempt = 1;");
            using (w.Block("while (true)"))
            {
                WriteAttempt(w, workflow, step, attempt: "attempt");
            }
        }
    }

    /// <summary>
    /// A step of a straight-line run returns nothing when it always goes on, or whether to go on when
    /// it may end the run; in a step loop it returns the next Step, null when it ended the run.
    /// </summary>
    private static string ReturnType(BoundWorkflow workflow, BoundStep step) =>
        !workflow.IsStraightLine ? "global::System.Threading.Tasks.ValueTask<Step?>"
        : step.CanEnd ? "global::System.Threading.Tasks.ValueTask<bool>"
        : "global::System.Threading.Tasks.ValueTask";

    private static string GoesTo(BoundWorkflow workflow, BoundStep step, string target) =>
        !workflow.IsStraightLine ? $"return Step.{target};" : step.CanEnd ? "return true;" : "return;";

    private static string Ends(BoundWorkflow workflow, string stepId, string actionName) =>
        workflow.IsStraightLine ? $"return Ended({stepId}, {actionName});" : $"return End({stepId}, {actionName});";

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
                w.Line($"var call = await _run.CallAsync({id}, {attempt}, _workflow._clients.{operation.ClientProperty}, request, static (client, r, ct) => client.{operation.SdkMethod}(r, ct)).ConfigureAwait(false);");
                if (step.ReadsResponse)
                {
                    w.Line("var response = call.Response;");
                }

                result = "response";
                // An error response is a response: criteria that read only $statusCode and the error facts decide on it too.
                success = step.SuccessNeedsResponse ? "response is not null" : "call.StatusCode is not null";
                break;
            default:
                w.Line($"var call = await _run.RunWorkflowAsync({id}, {attempt}, {InputsMethod(step)}, workflow.RunAsync).ConfigureAwait(false);");
                w.Line("var outputs = call.Outputs;");
                result = "outputs";
                success = "outputs is not null";
                break;
        }

        if (step.Outputs.Count > 0)
        {
            w.Line(step.OutputsNeedResponse ? $"if ({result} is not null)" : "if (call.StatusCode is not null)");
            using (w.Block())
            {
                var values = string.Join(", ", step.Outputs.Select(o => CodeRenderer.Value(o.Value, responseIsKnown: step.OutputsNeedResponse)));
                w.Line($"{step.Field} = new {step.ResultType}({values});");
            }

            w.Line();
        }

        var criteria = CodeRenderer.All(step.SuccessCriteria, responseIsKnown: step.SuccessNeedsResponse);
        w.Line(criteria is null ? $"if ({success})" : $"if ({success} && {criteria})");
        using (w.Block())
        {
            WriteSuccessActions(w, workflow, step, attempt);
        }

        w.Line();
        WriteFailureActions(w, workflow, step, attempt);
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

        w.Line(step.NextIdentifier is null ? Ends(workflow, id, "null") : GoesTo(workflow, step, step.NextIdentifier));
    }

    private static void WriteSuccessAction(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string attempt)
    {
        if (action.LoopsThisStep)
        {
            w.Line(step.Loop is PageSpec ? "await pages.NextAsync().ConfigureAwait(false);" : $"await poll.WaitAsync({(step.Outputs.Count > 0 ? step.Field : "null")}).ConfigureAwait(false);");
            w.Line("attempt++;");
            w.Line("continue;");
        }
        else
        {
            WriteTransfer(w, workflow, step, action, attempt);
        }
    }

    private static void WriteFailureActions(SourceWriter w, BoundWorkflow workflow, BoundStep step, string attempt)
    {
        var id = CSharpLiteral.String(step.StepId);
        foreach (var action in step.OnFailure)
        {
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
                            w.Line($"_run.EnterStep({id});");
                        }

                        w.Line($"await _run.RetryAsync({id}, {CSharpLiteral.String(action.Name)}, {counter}, {WorkflowEmitter.Seconds(retry.DelaySeconds)}).ConfigureAwait(false);");
                        w.Line("attempt++;");
                        w.Line("continue;");
                    }
                }
                else
                {
                    WriteTransfer(w, workflow, step, action, attempt);
                }
            }

            w.Line();
        }

        w.Line($"throw _run.StepFailed({id}, {attempt}, call, {Observed(step)}{(step.SendsSecret ? ", requestCarriesSecret: true" : string.Empty)});");
    }

    private static void WriteTransfer(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string attempt)
    {
        if (action.Kind == ActionKind.End)
        {
            w.Line(Ends(workflow, CSharpLiteral.String(step.StepId), CSharpLiteral.String(action.Name)));
        }
        else if (action.WorkflowId is not null)
        {
            // A goto to another workflow runs it; this workflow ends with it.
            WriteRunActionWorkflow(w, workflow, step, action, attempt);
            w.Line(Ends(workflow, CSharpLiteral.String(step.StepId), CSharpLiteral.String(action.Name)));
        }
        else
        {
            w.Line(GoesTo(workflow, step, action.TargetIdentifier!));
        }
    }

    private static void WriteRunActionWorkflow(SourceWriter w, BoundWorkflow workflow, BoundStep step, BoundAction action, string attempt)
    {
        var runs = workflow.ActionWorkflows.First(a => a.Call.WorkflowId == action.WorkflowId);
        var clients = string.Join(", ", runs.Call.Clients.Select(c => $"{c.Parameter}: _workflow._clients.{c.Property}"));
        var create = $"new {runs.Call.ClassName}(new {runs.Call.ClassName}.Clients({clients}), _workflow._options)";
        w.Line($"{runs.Field} = await _run.RunActionWorkflowAsync({CSharpLiteral.String(step.StepId)}, {CSharpLiteral.String(action.Name)}, {attempt}, {runs.InputsMethod}, {create}.RunAsync, {Observed(step)}).ConfigureAwait(false);");
    }

    private static string Observed(BoundStep step) => step.Outputs.Count > 0 ? $"{step.Field}?.ToString()" : "null";
}
