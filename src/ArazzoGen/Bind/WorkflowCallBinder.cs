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

            if (ValueFor(parameter.Value, input, called, slotName, before, payload) is not { } value)
            {
                continue;
            }

            CheckSecretStaysSecret(value, input, called, parameter.Value.Span);
            inits.Add(Pass(value, input));
        }

        return CallOf(called, inits);
    }

    /// <summary>A value a step passes to an input of the workflow it runs, typed as that input; null when reported.</summary>
    private BoundValue? ValueFor(ValueNode value, CalledInput input, CalledWorkflow called, string slotName, ExpressionSite site, PayloadBinder payload)
    {
        if (input.Members is not null)
        {
            return ObjectFor(value, input, called, slotName, site, payload);
        }

        var slot = input.Symbol ?? _scope.Types.Primitive(input.Type);
        if (slot is null)
        {
            Diagnostics.Add(DiagnosticDescriptors.UntypedCalledInput, value.Span, called.WorkflowId, input.Name);
            return null;
        }

        return payload.BindValue(value, slot, slotName, MemberConstraints.None, site);
    }

    /// <summary>
    /// A value for an object input the called workflow reads member by member (a class of its own):
    /// a mapping of its members, or an object input of this workflow's, copied member by member.
    /// </summary>
    private BoundValue? ObjectFor(ValueNode value, CalledInput input, CalledWorkflow called, string slotName, ExpressionSite site, PayloadBinder payload)
    {
        switch (value)
        {
            case ObjectValue written:
                var inits = new List<MemberInit>();
                foreach (var entry in written.Members)
                {
                    if (!input.Members!.TryGetValue(entry.Key.Value, out var member))
                    {
                        Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, entry.Key.Span, slotName, $"a member '{entry.Key.Value}'", "that input declares no such member" + NameSuggester.Hint(entry.Key.Value, input.Members.Keys));
                        continue;
                    }

                    if (ValueFor(entry.Value, member, called, $"{slotName}.{member.Name}", site, payload) is { } bound)
                    {
                        CheckSecretStaysSecret(bound, member, called, entry.Value.Span);
                        inits.Add(Pass(bound, member));
                    }
                }

                return Complete(inits, input, null, slotName, written.Span);
            case ExpressionValue { Expression: var expression }:
                var typed = _expressions.Bind(expression, site, slot: null);
                if (typed?.Value is InputBound { Type.Kind: SdkTypeKind.InputObject } source && _scope.InputRead(source) is { Members: not null } mine)
                {
                    return Copy(source, mine, input, called, slotName, value.Span);
                }

                if (typed is not null)
                {
                    Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, value.Span, slotName, Conversions.Describe(typed.Value.Type), "expected an object input of this workflow's, or a mapping of the input's members");
                }

                return null;
            default:
                Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, value.Span, slotName, "this value", "expected an object input of this workflow's, or a mapping of the input's members");
                return null;
        }
    }

    /// <summary>
    /// This workflow's object input <paramref name="source"/> (<paramref name="mine"/>) for the called
    /// workflow's <paramref name="input"/>: each of its members that the input declares, by name,
    /// objects in it copied the same way; null where the source is.
    /// </summary>
    private InputObjectBound? Copy(InputBound source, InputInfo mine, CalledInput input, CalledWorkflow called, string slotName, SourceSpan span)
    {
        var inits = new List<MemberInit>();
        foreach (var member in input.Members!.Values)
        {
            if (!mine.Members!.TryGetValue(member.Name, out var from))
            {
                continue; // a required one is reported below
            }

            if (from.Type is null)
            {
                // A member with no schema type of its own: the member it is copied into decides it, as for a whole input.
                from.Type = member.Symbol is null ? member.Type : _scope.Types.Describe(member.Symbol);
                from.Symbol = member.Symbol;
                from.DecidedAt = span;
            }

            // Inside the copy the source is not null: each member is read straight through it.
            var type = from.IsOptional ? from.Type with { Name = from.Type.NullableName } : from.Type;
            var read = new InputBound(source.Property, type, source.Members.Append(new InputMember(member.Name, from.Property, AfterNullable: false)).ToEquatableArray());
            var name = $"{slotName}.{member.Name}";
            BoundValue? value = (from.Members, member.Members) switch
            {
                (not null, not null) => Copy(read, from, member, called, name, span),
                (null, null) => Conversions.Fit(read, member.Type, name, span, Diagnostics),
                _ => Mismatch(name, read.Type, member.Type, span),
            };
            if (value is not null)
            {
                CheckSecretStaysSecret(value, member, called, span);
                inits.Add(Pass(value, member));
            }
        }

        return Complete(inits, input, source, slotName, span);
    }

    private BoundValue? Mismatch(string slotName, TypeRef given, TypeRef expected, SourceSpan span)
    {
        Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, span, slotName, Conversions.Describe(given), $"expected {Conversions.Describe(expected)}");
        return null;
    }

    /// <summary>The object, when every member the input requires is given; otherwise reported.</summary>
    private InputObjectBound? Complete(List<MemberInit> inits, CalledInput input, InputBound? copyOf, string slotName, SourceSpan span)
    {
        var missing = input.Members!.Values.Where(m => m.IsRequired && inits.All(i => i.Member != m.Property)).Select(m => $"'{m.Name}'").ToList();
        if (missing.Count > 0)
        {
            Diagnostics.Add(DiagnosticDescriptors.TypeMismatch, span, slotName, copyOf is null ? "this object" : Conversions.Describe(copyOf.Type), $"it lacks the required {string.Join(", ", missing)}");
            return null;
        }

        return new InputObjectBound(inits.ToEquatableArray(), copyOf, input.Type);
    }

    /// <summary>
    /// Masking follows the value: a secret passed into an input the called workflow does not mark
    /// secret would be logged and reported there as plain text.
    /// </summary>
    private void CheckSecretStaysSecret(BoundValue value, CalledInput input, CalledWorkflow called, SourceSpan span)
    {
        // An object's members were checked one by one as it was built.
        if (value is not InputObjectBound && !input.IsSecret && _carriesSecret(value))
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

            var value = new InputBound(mine.Property, mine.IsOptional ? mine.Type with { Name = mine.Type.NullableName } : mine.Type, EquatableArray<InputMember>.Empty);
            var slotName = $"input '{input.Name}' of workflow '{called.WorkflowId}'";
            var fitted = (mine.Members, input.Members) switch
            {
                (not null, not null) => Copy(value, mine, input, called, slotName, workflowId.Span),
                _ => Conversions.Fit(value, input.Type, slotName, workflowId.Span, Diagnostics),
            };
            if (fitted is null)
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
