using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>
/// Decides the Amazon States Language definition of a bound workflow (JSONPath): a Task per call,
/// one <c>.sync</c> Task for a SageMaker job created and then polled, Choice states for criteria
/// and branches, Wait loops for other polls, Retry and Catch for failure actions. What it cannot
/// say is a warning at the step, and then no definition: never a state machine that does something else.
/// </summary>
internal sealed partial class StateMachineBinder
{
    public const string ReadInputs = "Read inputs";
    public const string ApplyDefaults = "Apply defaults";
    public const string CheckInputs = "Check inputs";
    public const string InvalidInputs = "Inputs are invalid";
    public const string WorkflowOutputs = "Workflow outputs";

    /// <summary>
    /// The most polls of one step an execution makes: each costs about 15 history events (Task,
    /// Choice, Wait, Pass), and Step Functions ends a Standard execution at 25,000.
    /// </summary>
    public const long MaxPollsPerExecution = 1000;

    /// <summary>How many more pages a page loop asks for without retryLimit (<c>WorkflowOptions.PageLimit</c>).</summary>
    public const long DefaultPageLimit = 10_000;

    /// <summary>The longest state name Step Functions accepts.</summary>
    public const int MaxStateName = 80;

    private readonly BoundWorkflow _workflow;
    private readonly ResolvedWorkflow _resolved;
    private readonly Dictionary<string, (BoundStep Poll, SyncJob Job)> _syncJobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waitedBySync = new(StringComparer.Ordinal);
    private readonly List<AslMember> _states = new();

    // Fail states a step's branches lead to, written after the step's own states.
    private readonly List<AslMember> _failStates = new();
    private readonly List<AslMember> _polls = new();
    private readonly StateValues _values;
    private readonly StateMachineCatalog _catalog;
    private readonly bool _asBranch;
    private readonly List<IReadOnlyList<StateMachineCatalog.Entry>> _dependencyStages = new();
    private readonly IamPolicy _policy = new();
    private SourceSpan _at;

    private StateMachineBinder(BoundWorkflow workflow, ResolvedWorkflow resolved, StateMachineCatalog catalog, bool asBranch)
    {
        _workflow = workflow;
        _resolved = resolved;
        _catalog = catalog;
        _asBranch = asBranch;
        _at = resolved.Workflow.WorkflowId.Span;
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (create, poll, job) in SyncPairs())
        {
            _syncJobs[create.StepId] = (poll, job);
            _waitedBySync.Add(poll.StepId);
            holders[create.StepId] = poll.StepId;
        }

        var dependencies = new Dictionary<string, (string Path, BoundWorkflow Workflow)>(StringComparer.Ordinal);
        if (!asBranch)
        {
            foreach (var stage in DependencyStages())
            {
                _dependencyStages.Add(stage);
                foreach (var entry in stage)
                {
                    _policy.Include(entry.Policy!);
                    var runs = workflow.ActionWorkflows.First(a => a.Call.WorkflowId == entry.Workflow.WorkflowId);
                    dependencies[runs.Field] = (StatePaths.DependencyOutputs(_dependencyStages.Count, entry.Workflow.WorkflowId), entry.Workflow);
                }
            }
        }

        _values = new StateValues(workflow, holders, dependencies);
    }

    /// <summary>Writes <paramref name="workflow"/> as a state machine, and records it in <paramref name="catalog"/> for the workflows that depend on it.</summary>
    /// <returns>
    /// The definition and the policy of the role it runs under, or nulls (with a warning at the YAML)
    /// when the workflow does something a state machine cannot say.
    /// </returns>
    public static (AslObject? Definition, AslObject? Policy) Bind(BoundWorkflow workflow, ResolvedWorkflow resolved, StateMachineCatalog catalog, DiagnosticBag diagnostics)
    {
        var at = resolved.Workflow.WorkflowId.Span;
        AslObject? definition = null;
        IamPolicy? policy = null;
        try
        {
            var binder = new StateMachineBinder(workflow, resolved, catalog, asBranch: false);
            at = binder._at;
            definition = binder.Build(out at);
            policy = binder._policy;
        }
        catch (NotExpressibleException e)
        {
            diagnostics.Add(DiagnosticDescriptors.NotExpressibleAsStateMachine, at, workflow.WorkflowId, e.Message);
        }

        if (workflow.Dependencies.Count == 0)
        {
            catalog.Add(workflow, definition is not null, definition is null ? null : StateGraph.AsBranch(definition, workflow.WorkflowId), policy, definition is null ? "it cannot be written as a state machine (see its own warning)" : null);
        }
        else
        {
            try
            {
                var branch = new StateMachineBinder(workflow, resolved, catalog, asBranch: true);
                catalog.Add(workflow, definition is not null, StateGraph.AsBranch(branch.Build(out _), workflow.WorkflowId), branch._policy, null);
            }
            catch (NotExpressibleException e)
            {
                catalog.Add(workflow, definition is not null, null, null, "as a branch of another's Parallel state it cannot express " + e.Message);
            }
        }

        return (definition, policy?.ToDocument());
    }

    private AslObject Build(out SourceSpan at)
    {
        try
        {
            return Build();
        }
        finally
        {
            at = _at;
        }
    }

    private AslObject Build()
    {
        // Every step's outputs are kept, as the C# class keeps them: their members are read from its answer.
        foreach (var step in _workflow.Steps)
        {
            At(step);
            if (step.TimeoutMilliseconds is not null && (step.Loop is not null || _syncJobs.ContainsKey(step.StepId) || _waitedBySync.Contains(step.StepId)))
            {
                // A Task's TimeoutSeconds bounds that Task: one call of a poll, or a create and the job's wait together.
                throw new NotExpressibleException($"the timeout of step '{step.StepId}', which polls or is waited for with .sync");
            }

            _values.DeclareOutputs(step);
        }

        foreach (var step in _workflow.Steps.Where(s => !_waitedBySync.Contains(s.StepId)))
        {
            At(step);
            AddStep(step);
        }

        _at = _resolved.Workflow.WorkflowId.Span;
        var outputs = AslObject.Of(_workflow.Outputs.Select(o => _values.Translate(o.Value, null).Member(o.Name)));
        Add(WorkflowOutputs, AslObject.Of(("Type", AslNode.String("Pass")), ("Comment", AslNode.String("The workflow's outputs, as the C# class returns them.")), ("Parameters", outputs), ("End", new AslBoolean(true))));

        var states = StartStates().ToList();
        states.AddRange(DependencyStageStates());
        states.AddRange(_states);
        if (states.FirstOrDefault(st => st.Name.Length > MaxStateName) is { } tooLong)
        {
            throw new NotExpressibleException($"state '{tooLong.Name}', whose name is longer than the {MaxStateName} characters Step Functions allows (shorten the step id)");
        }

        var unreachable = StateGraph.Unreachable(states).ToList();
        if (unreachable.Contains(WorkflowOutputs))
        {
            throw new NotExpressibleException("a workflow none of whose paths ends (a state machine needs a state that ends it)");
        }

        if (unreachable.FirstOrDefault() is { } orphan)
        {
            _at = _resolved.Steps.FirstOrDefault(s => s.StepId == orphan)?.Step.StepId.Span ?? _at;
            throw new NotExpressibleException($"step '{orphan}', to which only the poll of a job Step Functions waits for itself (.sync) leads");
        }

        var comment = (_workflow.Summary is { Length: > 0 } summary ? summary.Trim() + " " : string.Empty)
            + $"Generated by ArazzoGen from Arazzo workflow '{_workflow.WorkflowId}'.";
        return AslObject.Of(("Comment", AslNode.String(comment)), ("StartAt", AslNode.String(ReadInputs)), ("States", AslObject.Of(states)));
    }

    /// <summary>A SageMaker create step followed by the poll of the same job: one <c>.sync</c> task, Step Functions waiting for the job.</summary>
    private IEnumerable<(BoundStep Create, BoundStep Poll, SyncJob Job)> SyncPairs()
    {
        var steps = _workflow.Steps;
        for (var i = 0; i + 1 < steps.Count; i++)
        {
            var (create, poll) = (steps[i], steps[i + 1]);
            if (create.Call is OperationCall { Api: { } api } createCall && TaskResources.SyncJobOf(api) is { } job
                && poll.Call is OperationCall { Api: { } describe } pollCall && describe.ServiceId == api.ServiceId && describe.Operation == job.Describe
                && poll.Loop is PollSpec
                && create.NextIdentifier == poll.Identifier
                && create.OnSuccess.All(a => a.Criteria.Count == 0 && a.Kind == ActionKind.Goto && a.TargetIdentifier == poll.Identifier)
                && create.SuccessCriteria.All(ChoiceRules.IsSuccessStatus)
                && NameOf(createCall, job) is { } name && name.Equals(NameOf(pollCall, job))
                && !steps.Any(s => s != create && s != poll && s.OnSuccess.Concat(s.OnFailure).Any(a => a.TargetIdentifier == poll.Identifier)))
            {
                yield return (create, poll, job);
            }
        }
    }

    private static BoundValue? NameOf(OperationCall call, SyncJob job) => call.Request.Members.FirstOrDefault(m => m.WireMember == job.NameMember)?.Value;

    private void AddStep(BoundStep step)
    {
        var (resource, parameters, api) = step.Call switch
        {
            OperationCall { Api: { } known } operation => (TaskResources.Resource(known, _syncJobs.ContainsKey(step.StepId)), _values.Object(operation.Request, step.StepId), known),
            OperationCall operation => throw new NotExpressibleException($"operation {operation.OperationName}, which no AWS service model names"),
            WorkflowCall child => ("arn:aws:states:::states:startExecution.sync:2", ChildExecution(child, step), (ApiOperation?)null),
            _ => throw new NotExpressibleException("a step that calls neither an operation nor a workflow"),
        };

        var sync = _syncJobs.TryGetValue(step.StepId, out var pair);
        switch (step.Call)
        {
            case OperationCall operation:
                _policy.Call(api!, operation.Request);
                if (sync)
                {
                    _policy.SyncJob(api!, pair.Job);
                }

                break;
            case WorkflowCall child:
                _policy.NestedExecution(child.WorkflowId);
                break;
        }

        var decides = sync ? pair.Poll : step;
        var holder = decides.StepId;

        // The outcome is decided first: its criteria may read the answer, which decides whether the Task keeps it.
        var (outcome, afterOutputs) = Outcome(decides);
        var kept = (sync ? _values.KeptOutputs(step.StepId) : Array.Empty<(string, string)>()).Select(k => (step.StepId, k.Name, k.Path))
            .Concat(_values.KeptOutputs(decides.StepId).Select(k => (decides.StepId, k.Name, k.Path)))
            .ToList();
        var afterAnswer = kept.Count > 0 ? HasOutputName(kept[0].Item1, kept[0].Name) : afterOutputs;
        var keepsAnswer = _values.ReadsResponseOf(holder);
        var mergesAnswer = _values.NeedsDefaults(holder);
        var afterTask = mergesAnswer ? AnswerName(holder) : afterAnswer;

        var task = new List<(string, AslNode?)>
        {
            ("Type", AslNode.String("Task")),
            ("Comment", Comment(step, sync ? pair.Poll : null)),
            ("Resource", AslNode.String(resource)),
            ("Parameters", parameters),
            ("ResultSelector", keepsAnswer && !mergesAnswer ? AslObject.Of(_values.AlwaysPresentMembers(holder)!.Select(m => new AslMember(m + ".$", AslNode.String("$" + StatePaths.Segment(m))))) : null),
            ("ResultPath", !keepsAnswer ? AslNull.Instance : AslNode.String(mergesAnswer ? StatePaths.Answer(holder) : StatePaths.Response(holder))),
        };
        if (step.TimeoutMilliseconds is { } timeout)
        {
            // The step's timeout, in the whole seconds a Task takes (rounded up); it fails with States.Timeout, which its failure actions see.
            task.Add(("TimeoutSeconds", AslNode.Number((int)Math.Min(99_999_999, Math.Max(1, (timeout + 999) / 1000)))));
        }

        var (retry, catches) = FailureHandling(step, api);
        if (sync)
        {
            // Step Functions' own describe calls can fail too: the poll's failure actions apply to the one task.
            var (pollRetry, pollCatches) = FailureHandling(pair.Poll, api);
            retry = UpToFirstCatchAll(retry.Concat(pollRetry));
            catches = UpToFirstCatchAll(catches.Concat(pollCatches));
        }

        if (sync && keepsAnswer)
        {
            // A job that ends Failed or Stopped fails the .sync task (States.TaskFailed, its description in Cause): its branches still decide.
            catches.Insert(0, AslObject.Of(("ErrorEquals", Names("States.TaskFailed")), ("ResultPath", AslNode.String(StatePaths.Error(holder))), ("Next", AslNode.String(FailedJobName(holder)))));
        }

        if (retry.Count > 0)
        {
            task.Add(("Retry", AslArray.Of(retry)));
        }

        if (catches.Count > 0)
        {
            task.Add(("Catch", AslArray.Of(catches)));
        }

        task.Add(("Next", AslNode.String(afterTask)));
        Add(step.StepId, AslObject.Of(task.ToArray()));

        if (mergesAnswer)
        {
            Add(AnswerName(holder), AslObject.Of(
                ("Type", AslNode.String("Pass")),
                ("Comment", AslNode.String("Keeps the answer; a member it lacks reads as null, as in the C# class.")),
                ("Parameters", KeepingOutputs(holder, $"States.JsonMerge({StatePaths.ResponseDefaults(holder)}, {StatePaths.Answer(holder)}, false)")),
                ("ResultPath", AslNode.String(StatePaths.Step(holder))),
                ("Next", AslNode.String(afterAnswer))));
        }

        if (sync && keepsAnswer)
        {
            Add(FailedJobName(holder), AslObject.Of(
                ("Type", AslNode.String("Pass")),
                ("Comment", AslNode.String($"The job ended without completing: its description (the error's Cause) is the answer '{holder}' branches on.")),
                ("Parameters", KeepingOutputs(holder, $"States.JsonMerge({StatePaths.ResponseDefaults(holder)}, States.StringToJson({StatePaths.Error(holder)}.Cause), false)")),
                ("ResultPath", AslNode.String(StatePaths.Step(holder))),
                ("Next", AslNode.String(afterAnswer))));
        }

        for (var i = 0; i < kept.Count; i++)
        {
            var (stepId, name, path) = kept[i];
            var next = i + 1 < kept.Count ? HasOutputName(kept[i + 1].Item1, kept[i + 1].Name) : afterOutputs;
            var keep = stepId + ": keep " + name;
            Add(HasOutputName(stepId, name), AslObject.Of(
                ("Type", AslNode.String("Choice")),
                ("Comment", AslNode.String($"Output '{name}' reads a list element or map entry: it stays null unless the answer has it.")),
                ("Choices", AslArray.Of(new[] { WithNext(AslObject.Of(("Variable", AslNode.String(path)), ("IsPresent", new AslBoolean(true))), keep) })),
                ("Default", AslNode.String(next))));
            Add(keep, AslObject.Of(("Type", AslNode.String("Pass")), ("InputPath", AslNode.String(path)), ("ResultPath", AslNode.String(StatePaths.Output(stepId, name))), ("Next", AslNode.String(next))));
        }

        if (outcome is not null)
        {
            Add(OutcomeName(decides), outcome);
        }

        switch (sync ? null : decides.Loop)
        {
            case PollSpec poll:
                AddPollLoop(decides, poll);
                break;
            case PageSpec pages:
                AddPageLoop(decides, pages);
                break;
        }

        _states.AddRange(_failStates);
        _failStates.Clear();
    }

    /// <summary>The Choice after a step's answer (its success criteria, then its success actions in order), and where the answer goes: that Choice, or the one place the step always goes on to.</summary>
    private (AslObject? Choice, string Next) Outcome(BoundStep step)
    {
        var choices = new List<AslNode>();
        var criteria = step.SuccessCriteria.Where(c => !ChoiceRules.IsSuccessStatus(c)).ToList();
        if (criteria.Count > 0)
        {
            var failed = ChoiceRules.Not(ChoiceRules.All(criteria, _values, step.StepId));
            foreach (var action in step.OnFailure.Where(a => a.Criteria.Count > 0 && !ReadsCallFacts(a)))
            {
                if (action.Kind == ActionKind.Retry)
                {
                    throw new NotExpressibleException($"failure action '{action.Name}', which retries a step whose answer missed its success criteria");
                }

                var selected = ChoiceRules.All(action.Criteria, _values, step.StepId);
                choices.Add(WithNext(AslObject.Of(("And", AslArray.Of(new AslNode[] { failed, selected }))), Target(action)));
            }

            choices.Add(WithNext(failed, CriteriaFailedTarget(step)));
        }

        string? otherwise = null;
        foreach (var action in step.OnSuccess)
        {
            if (action.LoopsThisStep && _waitedBySync.Contains(step.StepId))
            {
                continue; // Step Functions waits for the job itself
            }

            var target = action.LoopsThisStep
                ? step.Loop switch
                {
                    PollSpec => NextPollName(step),
                    PageSpec => NextPageName(step),
                    _ => throw new NotExpressibleException($"success action '{action.Name}', which runs the step again without a poll"),
                }
                : Target(action);
            if (action.Criteria.Count == 0)
            {
                otherwise = target;
                break;
            }

            choices.Add(WithNext(ChoiceRules.All(action.Criteria, _values, step.StepId), target));
        }

        otherwise ??= NextOf(step);
        return choices.Count == 0
            ? (null, otherwise)
            : (AslObject.Of(("Type", AslNode.String("Choice")), ("Choices", AslArray.Of(choices)), ("Default", AslNode.String(otherwise))), OutcomeName(step));
    }

    /// <summary>
    /// A nested execution of the called workflow's state machine, which waits for it and answers its
    /// output (<c>.sync:2</c>): deployed in the same account and Region under the workflow's id as its
    /// name, found from this execution's own state machine ARN.
    /// </summary>
    private AslObject ChildExecution(WorkflowCall child, BoundStep step)
    {
        if (_catalog.Find(child.WorkflowId) is not { HasDefinition: true })
        {
            throw new NotExpressibleException($"running workflow '{child.WorkflowId}', which gets no state machine here (it is in another document, or cannot be written as one)");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(child.WorkflowId, "^[A-Za-z0-9_-]{1,80}$"))
        {
            throw new NotExpressibleException($"running workflow '{child.WorkflowId}', whose id is no state machine name (1 to 80 letters, digits, - and _)");
        }

        const string Part = "States.ArrayGetItem(States.StringSplit($$.StateMachine.Id, ':'), {0})";
        var arn = $"States.Format('arn:{{}}:states:{{}}:{{}}:stateMachine:{StateValues.EscapeIntrinsic(child.WorkflowId)}', {string.Format(System.Globalization.CultureInfo.InvariantCulture, Part, 1)}, {string.Format(System.Globalization.CultureInfo.InvariantCulture, Part, 3)}, {string.Format(System.Globalization.CultureInfo.InvariantCulture, Part, 4)})";
        var input = _values.Inputs(child.Inputs, step.StepId);
        return AslObject.Of(
            ("StateMachineArn.$", AslNode.String(arn)),
            ("Input", AslObject.Of(input.Members.Append(new AslMember("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$", AslNode.String("$$.Execution.Id"))))));
    }

    private string Target(BoundAction action)
    {
        if (action.WorkflowId is not null)
        {
            throw new NotExpressibleException($"action '{action.Name}', which runs workflow '{action.WorkflowId}' (a nested states:startExecution.sync:2 is not generated yet)");
        }

        if (action.Kind == ActionKind.End)
        {
            return WorkflowOutputs;
        }

        var target = _workflow.Steps.First(s => s.Identifier == action.TargetIdentifier);
        return _waitedBySync.Contains(target.StepId)
            ? throw new NotExpressibleException($"action '{action.Name}', a goto to step '{target.StepId}', whose poll Step Functions runs itself (.sync)")
            : target.StepId;
    }

    private string NextOf(BoundStep step) =>
        step.NextIdentifier is null ? WorkflowOutputs : _workflow.Steps.First(s => s.Identifier == step.NextIdentifier).StepId;

    private static AslNode Comment(BoundStep step, BoundStep? poll)
    {
        var text = step.Description?.Trim() ?? $"Step '{step.StepId}'.";
        if (step.Call is WorkflowCall child)
        {
            text += $" Runs workflow '{child.WorkflowId}': its state machine, deployed under that name, as a nested execution it waits for.";
        }

        return AslNode.String(poll is null ? text : $"{text} Step Functions waits for the job (.sync), in place of step '{poll.StepId}' polling it.");
    }

    private static AslNode WithNext(AslObject rule, string next) => AslObject.Of(rule.Members.Append(new AslMember("Next", AslNode.String(next))));

    private static AslArray Names(params string[] names) => AslArray.Of(names.Select(AslNode.String));

    private static long WholeSeconds(double seconds) => (long)Math.Max(1, Math.Ceiling(seconds));

    /// <summary>A merged answer, with the outputs kept so far (the Pass replaces the step's whole state).</summary>
    private AslObject KeepingOutputs(string stepId, string merge) =>
        AslObject.Of(("response.$", AslNode.String(merge)), ("outputs.$", _values.KeptOutputs(stepId).Count > 0 ? AslNode.String(StatePaths.Step(stepId) + ".outputs") : null));

    private static string HasOutputName(string stepId, string output) => stepId + ": has " + output;

    private static string OutcomeName(BoundStep step) => step.StepId + ": outcome";

    private static string AnswerName(string stepId) => stepId + ": answer";

    private static string FailedJobName(string stepId) => stepId + ": job ended";

    private void At(BoundStep step) => _at = _resolved.Steps.FirstOrDefault(s => s.StepId == step.StepId)?.Step.StepId.Span ?? _at;

    private void Add(string name, AslObject state) => _states.Add(new AslMember(name, state));
}
