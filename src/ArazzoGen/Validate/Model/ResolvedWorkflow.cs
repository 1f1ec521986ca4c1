using ArazzoGen.Helpers;
using ArazzoGen.Model;

namespace ArazzoGen.Validate.Model;

/// <summary>
/// A workflow as Validate hands it to Bind: every reference resolved, every action list merged and
/// pruned, and the flow facts decided, so Bind only maps it to SDK symbols.
/// </summary>
/// <param name="Runs">The references by which its steps and actions run other workflows of this document (a restart of itself is none).</param>
/// <param name="InputReads">
/// What its expressions read of its inputs, each as the names read through, dotted (<c>$inputs.job</c>
/// is <c>job</c>; <c>$inputs.job.role</c> and <c>$inputs.job#/role</c> are <c>job.role</c>). An object
/// input that declares properties and is read into is a class of its own.
/// </param>
internal sealed record ResolvedWorkflow(
    Workflow Workflow,
    EquatableArray<ResolvedStep> Steps,
    EquatableArray<Reference> Runs,
    EquatableArray<string> InputReads)
{
    public string WorkflowId => Workflow.WorkflowId.Value;
}

/// <param name="Parameters">What the step passes: the workflow's parameters, then the step's, components resolved with their <c>value</c> override; a step parameter replaces a workflow parameter of the same name and location.</param>
/// <param name="OwnParameters">The step's own parameters, resolved: what it names as inputs when it runs a workflow.</param>
/// <param name="OnSuccess">Its success actions, then the workflow's it did not override, without those that can never run (after an unconditional one).</param>
/// <param name="OnFailure">Likewise for failure actions; an unconditional retry can run out, so what follows it is kept.</param>
/// <param name="Loop">How the step goes back to itself, when a success action makes it.</param>
internal sealed record ResolvedStep(
    Step Step,
    EquatableArray<Parameter> Parameters,
    EquatableArray<Parameter> OwnParameters,
    EquatableArray<ResolvedAction> OnSuccess,
    EquatableArray<ResolvedAction> OnFailure,
    StepLoop? Loop)
{
    public string StepId => Step.StepId.Value;
}

/// <param name="RestartsWorkflow">A goto to the workflow it is in: a jump back to its first step within the same run.</param>
/// <param name="LoopsThisStep">A success action that runs this step again: a goto to itself, or a success retry.</param>
/// <param name="IsWorkflowAction">One of the workflow's own successActions or failureActions, which applies to every step that does not override it.</param>
internal sealed record ResolvedAction(WorkflowAction Action, bool RestartsWorkflow, bool LoopsThisStep, bool IsWorkflowAction = false);

/// <summary>A step that goes back to itself on success.</summary>
/// <param name="Action">The success action that loops (its retryAfter and retryLimit shape the loop).</param>
/// <param name="IsPageLoop">Its request reads its own outputs, so each round asks for the next page; otherwise it polls with the same request.</param>
internal sealed record StepLoop(WorkflowAction Action, bool IsPageLoop);
