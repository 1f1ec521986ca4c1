using System.Collections.Generic;
using ArazzoGen.Bind.Model;
using ArazzoGen.Diagnostics;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind;

/// <summary>What binding one workflow has learned so far: inputs and their types, step outputs and their types.</summary>
internal sealed class WorkflowScope
{
    public WorkflowScope(Workflow workflow, ClientCatalog catalog, DiagnosticBag diagnostics)
    {
        Workflow = workflow;
        Catalog = catalog;
        Diagnostics = diagnostics;
    }

    public Workflow Workflow { get; }

    public ClientCatalog Catalog { get; }

    public SdkTypes Types => Catalog.Types;

    public DiagnosticBag Diagnostics { get; }

    /// <summary>Inputs by name; <see cref="InputInfo.Type"/> is null until an SDK slot decides it (array/object inputs).</summary>
    public Dictionary<string, InputInfo> Inputs { get; } = new(System.StringComparer.Ordinal);

    /// <summary>stepId -> the identifier its method, record and field are named after.</summary>
    public Dictionary<string, string> StepIdentifiers { get; } = new(System.StringComparer.Ordinal);

    /// <summary>workflowId -> a workflow this workflow's actions run, and where Run keeps its outputs.</summary>
    public Dictionary<string, ActionWorkflowRun> ActionWorkflows { get; } = new(System.StringComparer.Ordinal);

    /// <summary>True once a criterion compiles an RFC 9535 node list (the generated file then uses System.Linq).</summary>
    public bool UsesNodeQueries { get; set; }

    /// <summary>Workflows this one runs that cannot be run (why was reported); reading their outputs reports nothing more.</summary>
    public HashSet<string> BrokenWorkflows { get; } = new(System.StringComparer.Ordinal);

    /// <summary>(stepId, output) -> the output's property and type.</summary>
    public StepOutputTable StepOutputs { get; } = new();

    /// <summary>The input, or object input member, that <paramref name="read"/> ends at.</summary>
    public InputInfo? InputRead(InputBound read)
    {
        InputInfo? input = null;
        foreach (var top in Inputs.Values)
        {
            if (top.Property == read.Property)
            {
                input = top;
                break;
            }
        }

        foreach (var member in read.Members)
        {
            input = input?.Members is { } members && members.TryGetValue(member.Name, out var next) ? next : null;
        }

        return input;
    }
}

internal sealed class InputInfo
{
    public InputInfo(InputProperty declaration, string property, TypeRef? type, ITypeSymbol? symbol)
    {
        Declaration = declaration;
        Property = property;
        Type = type;
        Symbol = symbol;
    }

    public InputProperty Declaration { get; }

    public string Property { get; }

    public TypeRef? Type { get; set; }

    /// <summary>The SDK type an array/object input took from its slot (to navigate into it).</summary>
    public ITypeSymbol? Symbol { get; set; }

    public SourceSpan? DecidedAt { get; set; }

    /// <summary>The input's name, or an object input member's dotted path (<c>job.role</c>), as messages name it.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>An object input read member by member: the simple name of its generated class; <see cref="Type"/> names it whole.</summary>
    public string? Class { get; init; }

    /// <summary>The members of <see cref="Class"/>, by name in the schema; null for any other input.</summary>
    public Dictionary<string, InputInfo>? Members { get; init; }

    /// <summary>A required input, or one with a default: never null once the inputs are validated.</summary>
    public bool IsOptional => !Declaration.IsRequired && Declaration.Default is null;
}

/// <summary>A step output as expressions that read it see it; <see cref="IsSecret"/> when its value comes from a secret input.</summary>
internal sealed record StepOutputInfo(string Property, TypeRef Type, ITypeSymbol? Symbol, bool IsSecret = false);

/// <summary>
/// Where an expression is bound: which step, its response type (or the workflow it ran), and
/// whether the call may have failed.
/// </summary>
/// <remarks><see cref="ResponseShape"/> is what the AWS model says of the response (wire names, headers), read through <see cref="Api"/>.</remarks>
internal sealed record ExpressionSite(Step? Step, ITypeSymbol? Response, bool AfterCall, bool InFailure, CalledWorkflow? Called = null, Aws.AwsApi? Api = null, Aws.AwsShape? ResponseShape = null);

/// <summary>
/// What a step that runs a workflow needs of it, learned when that workflow was bound: its class,
/// its inputs and outputs with their types (and SDK symbols, to navigate into), and its clients.
/// <see cref="IsExternal"/> when it is in another document, whose Validate stage did not see the
/// step that runs it (so Bind checks the step's parameters and $outputs against it). Lives only
/// while one file is bound.
/// </summary>
internal sealed record CalledWorkflow(
    string WorkflowId,
    string ClassName,
    IReadOnlyDictionary<string, CalledInput> Inputs,
    IReadOnlyDictionary<string, StepOutputInfo> Outputs,
    IReadOnlyList<BoundClient> Clients,
    bool HasDependencies,
    bool IsExternal = false);

/// <summary>An input of a called workflow: its property, type (as declared there), and whether it must be given.</summary>
/// <param name="IsSecret">Declared format: password or writeOnly there: that workflow masks it.</param>
/// <param name="Members">An object input read member by member there: the members of its class, by name.</param>
internal sealed record CalledInput(string Name, string Property, TypeRef Type, ITypeSymbol? Symbol, bool IsRequired, LiteralBound? Default, bool IsSecret, IReadOnlyDictionary<string, CalledInput>? Members = null);

/// <summary>A workflow that actions run, bound for this workflow, and as a step sees it.</summary>
/// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
internal sealed record ActionWorkflowRun(ActionWorkflow Bound, CalledWorkflow Called);
