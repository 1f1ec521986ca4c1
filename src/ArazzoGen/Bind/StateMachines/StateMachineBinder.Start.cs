using System;
using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>What runs before the first step: the execution input read, defaulted and checked, then the workflows it depends on.</summary>
internal sealed partial class StateMachineBinder
{
    /// <summary>
    /// The workflows this one depends on (all of them, transitively), in stages: each stage's workflows
    /// depend only on earlier stages', so each stage is one Parallel state and each workflow runs once.
    /// </summary>
    private IEnumerable<IReadOnlyList<StateMachineCatalog.Entry>> DependencyStages()
    {
        var entries = _workflow.Dependencies.Select(id => _catalog.Find(id) ?? throw new NotExpressibleException($"dependsOn '{id}', a workflow of another document")).ToList();
        if (entries.FirstOrDefault(e => e.Branch is null) is { } broken)
        {
            throw new NotExpressibleException($"dependsOn '{broken.Workflow.WorkflowId}': {broken.Why}");
        }

        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        int Level(StateMachineCatalog.Entry entry) =>
            level.TryGetValue(entry.Workflow.WorkflowId, out var known)
                ? known
                : level[entry.Workflow.WorkflowId] = entry.Workflow.Dependencies.Count == 0 ? 0 : 1 + entry.Workflow.Dependencies.Max(d => Level(entries.First(e => e.Workflow.WorkflowId == d)));
        return entries.GroupBy(Level).OrderBy(g => g.Key).Select(g => (IReadOnlyList<StateMachineCatalog.Entry>)g.ToList());
    }

    /// <summary>Reading the execution input: defaults applied, then checked as the C# class's Inputs.Validate() does.</summary>
    private IEnumerable<AslMember> StartStates()
    {
        var inputDefaults = AslObject.Of(_workflow.Inputs.Where(i => !i.IsRequired || i.Default is not null)
            .Select(i => new AslMember(i.Name, i.Default is { } literal ? _values.Translate(literal, null).Static ?? AslNull.Instance : AslNull.Instance)));
        var responseDefaults = _values.ResponseDefaults.ToList();
        yield return new AslMember(ReadInputs, AslObject.Of(
            ("Type", AslNode.String("Pass")),
            ("Comment", AslNode.String("The execution input is the workflow's inputs.")),
            ("Parameters", AslObject.Of(
                ("inputs.$", AslNode.String("$")),
                ("defaults", AslObject.Of(("inputs", inputDefaults), ("responses", AslObject.Of(responseDefaults.Select(d => new AslMember(d.StepId, d.Defaults)))))))),
            ("Next", AslNode.String(ApplyDefaults))));

        var checks = InputChecks().ToList();
        var first = _dependencyStages.Count > 0 ? StageName(1) : FirstStep;
        yield return new AslMember(ApplyDefaults, AslObject.Of(
            ("Type", AslNode.String("Pass")),
            ("Parameters", AslObject.Of(
                ("inputs.$", AslNode.String("States.JsonMerge($.defaults.inputs, $.inputs, false)")),
                ("steps", StepDefaults(responseDefaults.Select(d => d.StepId).ToList())),
                ("polls", _polls.Count == 0 ? null : AslObject.Of(_polls)),
                ("defaults.$", AslNode.String("$.defaults")))),
            ("Next", AslNode.String(checks.Count > 0 ? CheckInputs : first))));

        if (checks.Count > 0)
        {
            yield return new AslMember(CheckInputs, AslObject.Of(("Type", AslNode.String("Choice")), ("Choices", AslArray.Of(checks)), ("Default", AslNode.String(first))));
            var described = string.Join(", ", _workflow.Inputs.Where(i => i.IsRequired).Select(i => i.Name + (TypeTest(i.Type) is { } test ? $" ({test.Substring(2).ToLowerInvariant()})" : string.Empty)));
            yield return new AslMember(InvalidInputs, AslObject.Of(
                ("Type", AslNode.String("Fail")),
                ("Error", AslNode.String("ArazzoGen.InvalidInput")),
                ("Cause", AslNode.String($"Workflow '{_workflow.WorkflowId}' requires {(described.Length == 0 ? "no inputs" : described)}; an input given must have its schema type."))));
        }
    }

    private string FirstStep => _workflow.Steps.Count > 0 ? _workflow.Steps[0].StepId : WorkflowOutputs;

    private string StageName(int stage) => _dependencyStages.Count == 1 ? "Run dependencies" : $"Run dependencies ({stage} of {_dependencyStages.Count})";

    /// <summary>
    /// A Parallel state per stage of dependencies: each branch is that workflow's state machine, given
    /// this workflow's inputs (its inputs of the same names, as dependsOn passes them); their outputs are
    /// kept by workflow id for <c>$workflows.id.outputs</c>.
    /// </summary>
    private IEnumerable<AslMember> DependencyStageStates()
    {
        for (var i = 0; i < _dependencyStages.Count; i++)
        {
            var stage = _dependencyStages[i];
            yield return new AslMember(StageName(i + 1), AslObject.Of(
                ("Type", AslNode.String("Parallel")),
                ("Comment", AslNode.String("dependsOn: " + string.Join(", ", stage.Select(e => e.Workflow.WorkflowId)) + ", each run once, before the first step.")),
                ("InputPath", AslNode.String("$.inputs")),
                ("Branches", AslArray.Of(stage.Select(e => (AslNode)e.Branch!))),
                ("ResultSelector", AslObject.Of(stage.Select((e, b) => new AslMember(e.Workflow.WorkflowId + ".$", AslNode.String("$" + StatePaths.Index(b)))))),
                ("ResultPath", AslNode.String(StatePaths.DependencyStage(i + 1))),
                ("Next", AslNode.String(i + 1 == _dependencyStages.Count ? FirstStep : StageName(i + 2)))));
        }
    }

    /// <summary>What each step's state holds before it runs: its answer's defaults, and its kept outputs as null.</summary>
    private AslObject? StepDefaults(IReadOnlyList<string> answered)
    {
        var ids = _workflow.Steps.Select(s => s.StepId).Where(id => answered.Contains(id) || _values.KeptOutputs(id).Count > 0).ToList();
        return ids.Count == 0 ? null : AslObject.Of(ids.Select(id => new AslMember(id, AslObject.Of(
            ("response.$", answered.Contains(id) ? AslNode.String(StatePaths.ResponseDefaults(id)) : null),
            ("outputs", _values.KeptOutputs(id).Count > 0 ? AslObject.Of(_values.KeptOutputs(id).Select(k => new AslMember(k.Name, AslNull.Instance))) : null)))));
    }

    /// <summary>A missing required input first (a type test of a missing value would fail the execution), then the types.</summary>
    private IEnumerable<AslNode> InputChecks()
    {
        var missing = MustBeGiven(_workflow.Inputs, "$.inputs")
            .Select(path => (AslNode)AslObject.Of(("Variable", AslNode.String(path)), ("IsPresent", new AslBoolean(false))))
            .ToList();
        var wrongType = new List<AslNode>();
        foreach (var input in _workflow.Inputs)
        {
            if (TypeTest(input.Type) is not { } test)
            {
                continue;
            }

            var variable = AslNode.String(StatePaths.Input(input.Name));
            var notOfType = ChoiceRules.Not(AslObject.Of(("Variable", variable), (test, new AslBoolean(true))));
            wrongType.Add(input.IsRequired && input.Default is null
                ? notOfType
                : AslObject.Of(("And", AslArray.Of(new AslNode[] { ChoiceRules.Not(AslObject.Of(("Variable", variable), ("IsNull", new AslBoolean(true)))), notOfType }))));
        }

        foreach (var group in new[] { missing, wrongType }.Where(g => g.Count > 0))
        {
            yield return WithNext(group.Count == 1 ? (AslObject)group[0] : AslObject.Of(("Or", AslArray.Of(group))), InvalidInputs);
        }
    }

    /// <summary>The paths of the required inputs without a default, and of such members of such object inputs, each after the object it is in.</summary>
    private static IEnumerable<string> MustBeGiven(IEnumerable<BoundInput> inputs, string parent)
    {
        foreach (var input in inputs.Where(i => i.IsRequired && i.Default is null))
        {
            var path = parent + StatePaths.Segment(input.Name);
            yield return path;
            foreach (var member in MustBeGiven(input.Members, path))
            {
                yield return member;
            }
        }
    }

    private static string? TypeTest(TypeRef type) => type.Kind switch
    {
        SdkTypeKind.String or SdkTypeKind.Constant => "IsString",
        SdkTypeKind.Integer or SdkTypeKind.Long or SdkTypeKind.Double or SdkTypeKind.Float => "IsNumeric",
        SdkTypeKind.Boolean => "IsBoolean",
        _ => null,
    };
}
