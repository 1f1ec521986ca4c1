using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>A value in a state machine: known when it is written (<see cref="Static"/>), or read from the state at run time (<see cref="Dynamic"/>: a JSONPath or an intrinsic function).</summary>
internal sealed record AslValue(AslNode? Static, string? Dynamic)
{
    public static AslValue Of(AslNode node) => new(node, null);

    public static AslValue Read(string path) => new(null, path);

    /// <summary>As a payload template member: <c>"Name": value</c>, or <c>"Name.$": "path"</c>.</summary>
    public AslMember Member(string name) => Dynamic is { } path ? new AslMember(name + ".$", new AslString(path)) : new AslMember(name, Static!);
}

/// <summary>Something the workflow does that a state machine cannot say; <see cref="Exception.Message"/> names it.</summary>
internal sealed class NotExpressibleException : Exception
{
    public NotExpressibleException(string what)
        : base(what)
    {
    }
}

/// <summary>
/// Translates the bound values of one workflow (payload members, outputs, criteria operands) into
/// what a state machine reads at run time (<see cref="StatePaths"/>), and records which members of
/// each step's answer are read, so that an absent one reads as null as it does in the C# class.
/// </summary>
internal sealed class StateValues
{
    private readonly BoundWorkflow _workflow;
    private readonly IReadOnlyDictionary<string, string> _holders;
    private readonly Dictionary<string, ReadTree> _reads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Name, string Path)>> _kept = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, (string Path, BoundWorkflow Workflow)> _dependencies;

    /// <param name="holders">For each step id, the step whose state holds its answer (a create step run as a <c>.sync</c> task shares its poll's).</param>
    /// <param name="dependencies">By the field the C# class keeps a dependency's outputs in, where the state machine keeps them, and that workflow.</param>
    public StateValues(BoundWorkflow workflow, IReadOnlyDictionary<string, string> holders, IReadOnlyDictionary<string, (string Path, BoundWorkflow Workflow)> dependencies)
    {
        _workflow = workflow;
        _holders = holders;
        _dependencies = dependencies;
    }

    /// <summary>The steps whose answers are read, each with what absent members read as (null, nested as far as the reads go).</summary>
    public IEnumerable<(string StepId, AslObject Defaults)> ResponseDefaults =>
        _reads.Select(r => (r.Key, r.Value.ToDefaults()));

    /// <summary>The steps whose answers a read may find without a member, so they are merged over <see cref="ResponseDefaults"/>.</summary>
    public bool NeedsDefaults(string stepId) => _reads.TryGetValue(stepId, out var tree) && !tree.AlwaysPresent;

    public bool ReadsResponseOf(string stepId) => _reads.ContainsKey(stepId);

    /// <summary>
    /// Registers the step's outputs. One read through a list index or a map key is kept in the
    /// state when the step has run (<see cref="KeptOutputs"/>): a path that reaches nothing fails an
    /// execution, where the C# class reads null.
    /// </summary>
    public void DeclareOutputs(BoundStep step)
    {
        foreach (var output in step.Outputs)
        {
            var path = Translate(output.Value, step.StepId);
            if (ThroughIndexOrKey(output.Value) && path.Dynamic is { } read)
            {
                if (!_kept.TryGetValue(step.StepId, out var kept))
                {
                    _kept[step.StepId] = kept = new List<(string, string)>();
                }

                kept.Add((output.Name, read));
            }
        }
    }

    /// <summary>The outputs of <paramref name="stepId"/> kept after its answer, each with the path it copies.</summary>
    public IReadOnlyList<(string Name, string Path)> KeptOutputs(string stepId) =>
        _kept.TryGetValue(stepId, out var kept) ? kept : (IReadOnlyList<(string, string)>)Array.Empty<(string, string)>();

    /// <summary>
    /// For a step whose reads all meet members the model requires, the top-level members to keep
    /// (its Task's ResultSelector); null when a read may meet an absent member (its answer is then
    /// merged over defaults of null).
    /// </summary>
    public IReadOnlyList<string>? AlwaysPresentMembers(string stepId) =>
        _reads.TryGetValue(stepId, out var tree) && tree.AlwaysPresent ? tree.TopLevel.ToList() : null;

    /// <summary><paramref name="value"/> as the state machine computes it; <paramref name="step"/> is the step whose answer <c>$response</c> means.</summary>
    public AslValue Translate(BoundValue value, string? step) => value switch
    {
        LiteralBound literal => AslValue.Of(Literal(literal)),
        InputBound { Members.Count: > 0 } input => AslValue.Read(MemberPath(input)),
        InputBound input => AslValue.Read(StatePaths.Input(InputName(input.Property))),
        NonNullInputBound input => Translate(input.Inner, step),
        ConstantFromStringBound constant => Translate(constant.Inner, step),
        ConstantValueBound constant => Translate(constant.Inner, step),
        WireBound { Conversion: not (WireConversion.CopySourceBucket or WireConversion.CopySourceKey or WireConversion.CopySourceVersionId) } wire => Translate(wire.Inner, step),
        TextBound text => Text(Translate(text.Inner, step)),
        TemplateBound template => Template(template, step),
        StepOutputBound output => AslValue.Read(StepOutput(output)),
        PathBound path => AslValue.Read(Path(path, step)),
        ResponseBound when step is not null => AslValue.Read(Response(step, Array.Empty<PathStep>())),
        NodeValueBound { Nodes: var nodes } => AslValue.Read(Nodes(nodes, step)),
        NewObjectBound obj => AslValue.Of(Object(obj, step)),
        InputObjectBound { Type.Kind: SdkTypeKind.Structure } built => AslValue.Of(Object(new NewObjectBound(built.Members, built.Type), step)),
        InputObjectBound { CopyOf: { } source } => Translate(source, step),
        InputObjectBound obj => AslValue.Of(AslObject.Of(obj.Members.Select(m => Translate(m.Value, step).Member(m.WireMember)))),
        NewMapBound map => Map(map, step),
        NewListBound list => List(list, step),
        _ => throw new NotExpressibleException(Describe(value)),
    };

    /// <summary>A called workflow's inputs as the execution input of its state machine: the inputs' own names.</summary>
    public AslObject Inputs(NewObjectBound inputs, string? step) =>
        AslObject.Of(inputs.Members.Select(m => Translate(m.Value, step).Member(m.WireMember)));

    /// <summary>A request as a payload template: the API's member names in PascalCase, runtime values as <c>"Name.$"</c> paths.</summary>
    public AslObject Object(NewObjectBound obj, string? step) =>
        AslObject.Of(obj.Members.Select(m => Translate(m.Value, step).Member(TaskResources.ParameterName(m.WireMember))));

    /// <summary>A value a Choice rule compares: a path into the state.</summary>
    public string Variable(BoundValue value, string? step) =>
        Translate(value, step) is { Dynamic: { } path } && path.StartsWith("$", StringComparison.Ordinal)
            ? path
            : throw new NotExpressibleException("a comparison of a computed value (" + Describe(value) + ")");

    private AslValue Map(NewMapBound map, string? step) =>
        AslValue.Of(AslObject.Of(map.Entries.Select(e => Translate(e.Value, step).Member(e.Key))));

    private AslValue List(NewListBound list, string? step)
    {
        var items = list.Items.Select(i => Translate(i, step)).ToList();
        if (items.All(i => i.Static is not null))
        {
            return AslValue.Of(AslArray.Of(items.Select(i => i.Static!)));
        }

        // A list that holds a value read at run time: States.Array of its items (scalars only).
        if (items.All(i => i.Dynamic is not null || i.Static is AslString or AslNumber or AslBoolean))
        {
            return AslValue.Read("States.Array(" + string.Join(", ", items.Select(Argument)) + ")");
        }

        throw new NotExpressibleException("a list that mixes objects with values read at run time");
    }

    private static AslValue Text(AslValue inner) => inner switch
    {
        { Static: AslString } => inner,
        { Static: AslNumber number } => AslValue.Of(new AslString(number.Text)),
        { Static: AslBoolean boolean } => AslValue.Of(new AslString(boolean.Value ? "true" : "false")),
        { Dynamic: { } path } => AslValue.Read("States.Format('{}', " + path + ")"),
        _ => throw new NotExpressibleException("an object written into text"),
    };

    private AslValue Template(TemplateBound template, string? step)
    {
        var format = new StringBuilder();
        var plain = new StringBuilder();
        var arguments = new List<string>();
        foreach (var chunk in template.Chunks)
        {
            var value = chunk.Text is { } literal ? AslValue.Of(new AslString(literal)) : Translate(chunk.Value!, step);
            if (value.Dynamic is { } path)
            {
                format.Append("{}");
                arguments.Add(path);
                continue;
            }

            var text = value.Static switch
            {
                AslString known => known.Value,
                AslNumber number => number.Text,
                AslBoolean boolean => boolean.Value ? "true" : "false",
                _ => throw new NotExpressibleException("an object written into text"),
            };
            format.Append(EscapeIntrinsic(text));
            plain.Append(text);
        }

        return arguments.Count == 0
            ? AslValue.Of(new AslString(plain.ToString()))
            : AslValue.Read("States.Format('" + format + "', " + string.Join(", ", arguments) + ")");
    }

    /// <summary>A string literal inside an intrinsic function: <c>' { } \</c> escaped with a backslash.</summary>
    internal static string EscapeIntrinsic(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\'' or '{' or '}' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Argument(AslValue value) => value switch
    {
        { Dynamic: { } path } => path,
        { Static: AslString text } => "'" + EscapeIntrinsic(text.Value) + "'",
        { Static: AslNumber number } => number.Text,
        { Static: AslBoolean boolean } => boolean.Value ? "true" : "false",
        _ => "null",
    };

    private static AslNode Literal(LiteralBound literal) => literal.Spelling switch
    {
        LiteralSpelling.Integer or LiteralSpelling.Long or LiteralSpelling.Double or LiteralSpelling.Float => new AslNumber(literal.Text),
        LiteralSpelling.Boolean => new AslBoolean(string.Equals(literal.Text, "true", StringComparison.OrdinalIgnoreCase)),
        _ => new AslString(literal.WireText),
    };

    /// <summary>
    /// <c>$.inputs.job.role</c>: the execution input's defaults are merged at its top level only, and a
    /// path to a member that is not there fails the state, so only members that must be given are read.
    /// </summary>
    private string MemberPath(InputBound read)
    {
        var input = _workflow.Inputs.First(i => i.Property == read.Property);
        var path = StatePaths.Input(input.Name);
        var name = input.Name;
        foreach (var member in read.Members)
        {
            if (!input.IsRequired || input.Default is not null)
            {
                break;
            }

            input = input.Members.First(m => m.Name == member.Name);
            path += StatePaths.Segment(member.Name);
            name += "." + member.Name;
        }

        return input.IsRequired && input.Default is null
            ? path
            : throw new NotExpressibleException($"input '{name}' may be left out of an object input, and a state machine's JSONPath cannot read what is not there (only required members without a default can be read)");
    }

    private string InputName(string property) =>
        _workflow.Inputs.FirstOrDefault(i => i.Property == property)?.Name ?? throw new NotExpressibleException("input property " + property);

    private string StepOutput(StepOutputBound output)
    {
        if (_dependencies.TryGetValue(output.StepField, out var dependency))
        {
            return dependency.Path + StatePaths.Segment(dependency.Workflow.Outputs.First(o => o.Property == output.Property).Name);
        }

        if (_workflow.ActionWorkflows.Any(a => a.Field == output.StepField))
        {
            throw new NotExpressibleException("the outputs of a workflow it depends on, inside another workflow's Parallel state (its dependencies' outputs are not passed into a branch)");
        }

        var step = _workflow.Steps.FirstOrDefault(s => s.Field == output.StepField)
            ?? throw new NotExpressibleException("the outputs of a step of another workflow");
        var declared = step.Outputs.First(o => o.Property == output.Property);
        if (KeptOutputs(step.StepId).Any(k => k.Name == declared.Name))
        {
            return StatePaths.Output(step.StepId, declared.Name);
        }

        return Translate(declared.Value, step.StepId) is { Dynamic: { } path } && path.StartsWith("$", StringComparison.Ordinal)
            ? path
            : throw new NotExpressibleException($"output '{step.Outputs.First(o => o.Property == output.Property).Name}' of step '{step.StepId}', which is not read from its answer");
    }

    private string Path(PathBound path, string? step)
    {
        if (path.Root is null)
        {
            return Response(step ?? throw new NotExpressibleException("a response read outside a step"), path.Steps);
        }

        if (path.Root is ResponseBound && step is not null)
        {
            return Response(step, path.Steps);
        }

        if (path.Root is CalledOutputsBound && step is not null && path.Steps.Count > 0)
        {
            // A startExecution.sync:2 task answers the child execution's output, parsed, as Output; its members are the outputs' own names.
            var output = new[] { new PathStep(PathStepKind.Member, "Output", 0), new PathStep(PathStepKind.MapKey, path.Steps[0].WireMember, 0) };
            return Response(step, output, alwaysPresent: true) + StatePaths.Join(path.Steps.Skip(1).Select(Segment));
        }

        var root = Translate(path.Root, step);
        return root.Dynamic is { } rootPath && rootPath.StartsWith("$", StringComparison.Ordinal)
            ? rootPath + StatePaths.Join(path.Steps.Select(Segment))
            : throw new NotExpressibleException("a member of a computed value");
    }

    private string Nodes(NodesBound nodes, string? step)
    {
        var segments = new List<PathStep>();
        foreach (var node in nodes.Steps)
        {
            segments.Add(node switch
            {
                MemberNodeStep member => new PathStep(PathStepKind.Member, member.Member, 0),
                KeyNodeStep key => new PathStep(PathStepKind.MapKey, key.Key, 0),
                IndexNodeStep { Index: >= 0 and <= int.MaxValue } index => new PathStep(PathStepKind.ListIndex, string.Empty, (int)index.Index),
                _ => throw new NotExpressibleException("a JSONPath query that selects more than one member path (filters, wildcards, slices, negative indexes)"),
            });
        }

        return Path(new PathBound(nodes.Root, segments.ToEquatableArray(), nodes.Type), step);
    }

    /// <summary>A path into the answer of <paramref name="step"/> (kept by the state that holds it), recorded for its defaults.</summary>
    /// <param name="alwaysPresent">Whether every member on the path is always there; by default, whether the model requires each.</param>
    private string Response(string step, IReadOnlyList<PathStep> steps, bool? alwaysPresent = null)
    {
        var holder = _holders.TryGetValue(step, out var h) ? h : step;
        if (!_reads.TryGetValue(holder, out var tree))
        {
            _reads[holder] = tree = new ReadTree();
        }

        tree.Add(steps.TakeWhile(s => s.Kind != PathStepKind.ListIndex).Select(s => s.Kind == PathStepKind.Member ? TaskResources.ParameterName(s.WireMember) : s.Name), alwaysPresent ?? steps.All(s => s is { Kind: PathStepKind.Member, IsRequired: true }));
        return StatePaths.Response(holder) + StatePaths.Join(steps.Select(Segment));
    }

    private static bool ThroughIndexOrKey(BoundValue value) => value switch
    {
        ConstantValueBound constant => ThroughIndexOrKey(constant.Inner),
        PathBound path => path.Steps.Any(s => s.Kind != PathStepKind.Member) || (path.Root is not null && ThroughIndexOrKey(path.Root)),
        NodeValueBound node => node.Nodes.Steps.Any(s => s is not MemberNodeStep),
        _ => false,
    };

    private static string Segment(PathStep step) => step.Kind switch
    {
        PathStepKind.ListIndex => StatePaths.Index(step.Index),
        PathStepKind.MapKey => StatePaths.Segment(step.Name),
        _ => StatePaths.Segment(TaskResources.ParameterName(step.WireMember)),
    };

    private static string Describe(BoundValue value) => value switch
    {
        CallBound call => $"$statusCode or the error facts ({call.Member}) outside a failure action's error names",
        LastStatusBound => "$statusCode of a workflow's last call",
        DocumentTextBound => "a pointer into a JSON document member",
        NodesBound or CountBound or JsonPathLengthBound => "a JSONPath query over a list (count(), length(), filters)",
        LengthBound => "the length of a value",
        CalledOutputsBound => "the outputs of a workflow a step runs",
        NoValueBound => "an expression with no value where it is written",
        WireBound => "S3's copy source split into its parts",
        _ => "a value of kind " + value.GetType().Name.Replace("Bound", string.Empty),
    };

    /// <summary>The member paths read under one answer, as a tree.</summary>
    private sealed class ReadTree
    {
        private readonly SortedDictionary<string, ReadTree> _children = new(StringComparer.Ordinal);

        /// <summary>False once a read may meet an absent member: one the model does not require, an index or a key.</summary>
        public bool AlwaysPresent { get; private set; } = true;

        public IEnumerable<string> TopLevel => _children.Keys;

        public void Add(IEnumerable<string> path, bool alwaysPresent)
        {
            AlwaysPresent &= alwaysPresent;
            var node = this;
            foreach (var name in path)
            {
                if (!node._children.TryGetValue(name, out var child))
                {
                    node._children[name] = child = new ReadTree();
                }

                node = child;
            }
        }

        public AslObject ToDefaults() => AslObject.Of(_children.Select(c => new AslMember(c.Key, c.Value._children.Count == 0 ? AslNull.Instance : c.Value.ToDefaults())));
    }
}
