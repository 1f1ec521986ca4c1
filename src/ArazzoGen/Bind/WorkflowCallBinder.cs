using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Validate;
using ArazzoGen.Validate.Model;

namespace ArazzoGen.Bind;

/// <summary>
/// What running another workflow takes, for one calling workflow: finding it (this document or
/// another), sharing this workflow's clients with it, and the Inputs a step passes (its parameters)
/// or an action passes (this workflow's inputs of the same names), typed and checked against it.
/// </summary>
internal sealed class WorkflowCallBinder
{
    private readonly WorkflowScope _scope;
    private readonly ExpressionBinder _expressions;
    private readonly CalledWorkflows _called;
    private readonly WorkflowClients _clients;
    private UniqueNames _actionWorkflowNames = new();

    /// <param name="clients">The calling workflow's clients: called workflows add theirs.</param>
    private readonly Func<BoundValue, bool> _carriesSecret;

    /// <param name="carriesSecret">Whether a value is or derives from a secret input of the calling workflow.</param>
    public WorkflowCallBinder(WorkflowScope scope, ExpressionBinder expressions, CalledWorkflows called, WorkflowClients clients, Func<BoundValue, bool> carriesSecret)
    {
        _carriesSecret = carriesSecret;
        _scope = scope;
        _expressions = expressions;
        _called = called;
        _clients = clients;
    }

    /// <summary>True when a step or action runs a workflow that cannot be run (the reason is reported); this workflow cannot be generated then.</summary>
    public bool RunsBrokenWorkflow { get; private set; }

    private DiagnosticBag Diagnostics => _scope.Diagnostics;

    /// <summary>Run members for workflows that actions run (XInputs(), _xOutputs) must not meet a step's (XAsync, XInputs(), _x).</summary>
    public void ReserveNames(IEnumerable<string> taken) =>
        _actionWorkflowNames = new UniqueNames(taken.SelectMany(i => new[] { i, i + "Outputs" }).ToArray());

    /// <summary>The workflow <paramref name="workflowId"/> names, its clients made part of this workflow's; null when it cannot run.</summary>
    public CalledWorkflow? Find(Reference workflowId)
    {
        if (_called.Find(workflowId, Diagnostics) is not { } called)
        {
            // Why was reported, here or in that workflow's own file; without its class this one cannot be generated either.
            RunsBrokenWorkflow = true;
            _scope.BrokenWorkflows.Add(workflowId.Value);
            return null;
        }

        _clients.Take(called);
        return called;
    }

    /// <summary>
    /// The inputs a step passes to the workflow it runs: its parameters by input name (workflow-level
    /// parameters too, when that workflow has an input of their name), typed like SDK members.
    /// </summary>
    public WorkflowCall StepInputs(ResolvedStep step, CalledWorkflow called, ExpressionSite before)
    {
        var payload = new PayloadBinder(_scope, _expressions, string.Empty, string.Empty);
        var inits = new List<MemberInit>();
        if (called.IsExternal)
        {
            // Validate saw only this document: the checks it makes for a workflow of the same one.
            WorkflowStepRules.CheckPassedInputs(step, called.WorkflowId, called.Inputs.Keys.ToList(), called.Inputs.Values.Where(i => i.IsRequired).Select(i => i.Name), Diagnostics);
        }

        foreach (var parameter in step.Parameters)
        {
            if (!called.Inputs.TryGetValue(parameter.Name.Value, out var input))
            {
                continue; // A step parameter was reported (CheckPassedInputs); a workflow-level one is for the operation steps.
            }

            var slotName = $"input '{input.Name}' of workflow '{called.WorkflowId}'";
            if (parameter.Value is LiteralValue { Kind: LiteralKind.Null } && input.IsRequired)
            {
                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, parameter.Value.Span, slotName, "null", "the input is required");
                continue;
            }

            var slot = input.Symbol ?? _scope.Types.Primitive(input.Type);
            if (slot is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.UntypedCalledInput, parameter.Value.Span, called.WorkflowId, input.Name);
                continue;
            }

            if (payload.BindValue(parameter.Value, slot, slotName, MemberConstraints.None, before) is not { } value)
            {
                continue;
            }

            CheckSecretStaysSecret(value, input, called, parameter.Value.Span);
            inits.Add(Pass(value, input));
        }

        return CallOf(called, inits);
    }

    /// <summary>
    /// Masking follows the value: a secret passed into an input the called workflow does not mark
    /// secret would be logged and reported there as plain text.
    /// </summary>
    private void CheckSecretStaysSecret(BoundValue value, CalledInput input, CalledWorkflow called, SourceSpan span)
    {
        if (!input.IsSecret && _carriesSecret(value))
        {
            Diagnostics.Add(DiagnosticDescriptors.SecretIntoPlainInput, span, input.Name, called.WorkflowId);
        }
    }

    /// <summary>
    /// A value for a called workflow's input. The input's type there is non-nullable when it is
    /// required or has a default, so a value that may be null goes through its default or
    /// WorkflowInput.Required (a null found at run time then fails the calling step).
    /// </summary>
    private static MemberInit Pass(BoundValue value, CalledInput input)
    {
        var mayBeNullThere = !input.IsRequired && input.Default is null;
        return new MemberInit(input.Property, value.MayBeNull() && !mayBeNullThere ? new NonNullInputBound(value, input.Name, input.Default, input.Type) : value, input.Name);
    }

    /// <summary>How to run <paramref name="called"/>: its class, the Inputs object, and which of this workflow's clients it gets.</summary>
    private WorkflowCall CallOf(CalledWorkflow called, IEnumerable<MemberInit> inputs)
    {
        var inputsType = new TypeRef(called.ClassName + ".Inputs", SdkTypeKind.Structure, false, null, EquatableArray<string>.Empty);
        var clients = called.Clients.Select(c => new ClientArgument(c.Parameter, _clients.PropertyFor(called, c))).ToEquatableArray();
        return new WorkflowCall(called.WorkflowId, called.ClassName, new NewObjectBound(inputs.ToEquatableArray(), inputsType), clients, called.HasDependencies);
    }

    /// <summary>
    /// The workflow a goto or retry action (named <paramref name="actionName"/>) or a dependsOn entry
    /// (<paramref name="actionName"/> null) runs, bound once per workflow: neither passes parameters,
    /// so it gets this workflow's inputs of the same names (each required one must exist here).
    /// </summary>
    public ActionWorkflow? WithSameInputs(string? actionName, Reference workflowId)
    {
        if (_scope.ActionWorkflows.TryGetValue(workflowId.Value, out var known))
        {
            return known.Bound;
        }

        if (Find(workflowId) is not { } called)
        {
            return null;
        }

        var inits = new List<MemberInit>();
        var missing = new List<string>();
        foreach (var input in called.Inputs.Values)
        {
            if (!_scope.Inputs.TryGetValue(input.Name, out var mine))
            {
                if (input.IsRequired)
                {
                    missing.Add($"'{input.Name}'");
                }

                continue;
            }

            if (mine.Type is null)
            {
                // This input has no schema type: the called workflow's input decides it (its SDK slot's type, or its schema type).
                mine.Type = input.Symbol is null ? input.Type : _scope.Types.Describe(input.Symbol);
                mine.Symbol = input.Symbol;
                mine.DecidedAt = workflowId.Span;
            }

            var optional = !mine.Declaration.IsRequired && mine.Declaration.Default is null;
            var value = new InputBound(mine.Property, optional ? mine.Type with { Name = mine.Type.NullableName } : mine.Type, EquatableArray<InputMember>.Empty);
            if (Conversions.Fit(value, input.Type, $"input '{input.Name}' of workflow '{called.WorkflowId}'", workflowId.Span, Diagnostics) is not { } fitted)
            {
                continue;
            }

            CheckSecretStaysSecret(fitted, input, called, workflowId.Span);
            inits.Add(Pass(fitted, input));
        }

        if (missing.Count > 0)
        {
            _scope.BrokenWorkflows.Add(workflowId.Value); // reads of its outputs would only cascade
            var plural = missing.Count > 1 ? "s" : string.Empty;
            if (actionName is null)
            {
                Diagnostics.Add(DiagnosticDescriptors.DependencyInputMissing, workflowId.Span, _scope.Workflow.WorkflowId.Value, called.WorkflowId, plural, string.Join(", ", missing));
            }
            else
            {
                Diagnostics.Add(DiagnosticDescriptors.ActionWorkflowInputMissing, workflowId.Span, actionName, called.WorkflowId, plural, string.Join(", ", missing), _scope.Workflow.WorkflowId.Value);
            }

            return null;
        }

        var shortName = called.ClassName.Substring(called.ClassName.LastIndexOf('.') + 1);
        var runs = new ActionWorkflow(_actionWorkflowNames.Take(shortName), CallOf(called, inits));
        _scope.ActionWorkflows[called.WorkflowId] = new ActionWorkflowRun(runs, called);
        return runs;
    }
}
