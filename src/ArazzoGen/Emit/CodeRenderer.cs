using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Emit;

/// <summary>Renders bound values and conditions as C# expressions (single-line; objects are written by <see cref="ObjectWriter"/>).</summary>
internal static class CodeRenderer
{
    private const string Criteria = "global::ArazzoGen.Runtime.Criteria";
    private const string Pointer = "global::ArazzoGen.Runtime.JsonPointer";
    private const string NodeList = "global::ArazzoGen.Runtime.JsonPathNodes";

    /// <param name="value">The value.</param>
    /// <param name="responseIsKnown">True where the code has checked <c>response is not null</c>, so paths start with '.' not '?.'.</param>
    public static string Value(BoundValue value, bool responseIsKnown = false) => value switch
    {
        LiteralBound literal => CSharpLiteral.Of(literal),
        InputBound input => "_inputs." + input.Property + string.Concat(input.Members.Select(m => (m.AfterNullable ? "?." : ".") + m.Property)),
        StepOutputBound { OfWorkflowRun: true } output => $"{output.StepField}?.{output.Property}",
        StepOutputBound output => $"{output.StepField}.{output.Property}",
        CallBound call => "call." + call.Member,
        LastStatusBound { OfCalledWorkflow: true } => "(outputs?.LastStatusCode ?? call.StatusCode)",
        LastStatusBound => "this.LastStatusCode",
        NoValueBound none => $"default({none.Type.NullableName})",
        ResponseBound => "response",
        CalledOutputsBound => "outputs",
        NonNullInputBound { Default: { } fallback } input => $"{Value(input.Inner, responseIsKnown)} ?? {CSharpLiteral.Of(fallback)}",
        NonNullInputBound input => $"global::ArazzoGen.Runtime.WorkflowInput.Required({Value(input.Inner, responseIsKnown)}, {CSharpLiteral.String(input.InputName)})",
        PathBound path => Path(path, responseIsKnown),
        ConstantFromStringBound constant => $"{constant.Type.NonNullableName}.FindValue({Value(constant.Inner, responseIsKnown)})",
        ConstantValueBound constant => $"{Value(constant.Inner, responseIsKnown)}?.Value",
        TextBound text => $"{Criteria}.Text({Value(text.Inner, responseIsKnown)})",
        DocumentTextBound document => $"global::ArazzoGen.Runtime.Documents.Text({Value(document.Document, responseIsKnown)}, {CSharpLiteral.String(document.Pointer)}, {CSharpLiteral.String(document.Member)})",
        WireBound { Conversion: WireConversion.Enum } wire => $"global::ArazzoGen.Runtime.Wire.Enum<{wire.Type.NonNullableName}>({Value(wire.Inner, responseIsKnown)}, {CSharpLiteral.String(wire.Member)})",
        WireBound wire => $"global::ArazzoGen.Runtime.Wire.{wire.Conversion}({Value(wire.Inner, responseIsKnown)}, {CSharpLiteral.String(wire.Member)})",
        TemplateBound template => "string.Concat(" + string.Join(", ", template.Chunks.Select(c => c.Text is not null ? CSharpLiteral.String(c.Text) : $"{Criteria}.Text({Value(c.Value!, responseIsKnown)})")) + ")",
        LengthBound length => $"{Pointer}.Length({Value(length.Inner, responseIsKnown)})",
        NewListBound list => $"new {CollectionType(list.Type, list.Items)} {{ {string.Join(", ", list.Items.Select(i => Value(i, responseIsKnown)))} }}",
        NewMapBound map => $"new {CollectionType(map.Type, map.Entries.Select(e => e.Value))} {{ {string.Join(", ", map.Entries.Select(e => $"[{CSharpLiteral.String(e.Key)}] = {Value(e.Value, responseIsKnown)}"))} }}",
        NewObjectBound obj => $"new {obj.Type.NonNullableName} {{ {string.Join(", ", obj.Members.Select(m => $"{m.Member} = {Value(m.Value, responseIsKnown)}"))} }}",
        InputObjectBound { CopyOf: { } source } obj when source.MayBeNull() => $"({Value(source)} is null ? null : {Value(obj with { CopyOf = null }, responseIsKnown)})",
        InputObjectBound obj => $"new {obj.Type.NonNullableName} {{ {string.Join(", ", obj.Members.Select(m => $"{m.Member} = {Value(m.Value, responseIsKnown)}"))} }}",
        CurrentNodeBound current => "node" + current.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NodesBound nodes => Nodes(nodes, responseIsKnown),
        CountBound count => Nodes(count.Nodes, responseIsKnown) + ".Count()",
        NodeValueBound single => $"{NodeList}.{(single.Nodes.Element.IsValueType ? "StructValueOf" : "ValueOf")}({Nodes(single.Nodes, responseIsKnown)})",
        JsonPathLengthBound length => $"{NodeList}.Length({Value(length.Inner, responseIsKnown)})",
        _ => "default",
    };

    /// <summary>A node list as a LINQ chain over the nodes (every lambda named by its filter depth, so none hides another).</summary>
    private static string Nodes(NodesBound nodes, bool responseIsKnown)
    {
        var n = "n" + nodes.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{NodeList}.Of({Value(nodes.Root, responseIsKnown)})" + Steps(nodes.Steps, n, responseIsKnown);
    }

    private static string Steps(IEnumerable<NodeStep> steps, string n, bool responseIsKnown)
    {
        var code = new System.Text.StringBuilder();
        foreach (var step in steps)
        {
            var element = step.Element.NonNullableName;
            code.Append(step switch
            {
                MemberNodeStep member => $".Select({n} => {n}.{member.Member}).OfType<{element}>()",
                KeyNodeStep key => $".Select({n} => {NodeList}.Key({n}, {CSharpLiteral.String(key.Key)})).OfType<{element}>()",
                IndexNodeStep index => $".Select({n} => {NodeList}.Index({n}, {index.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)})).OfType<{element}>()",
                SliceNodeStep slice => $".SelectMany({n} => {NodeList}.Slice({n}, {Long(slice.Start)}, {Long(slice.End)}, {slice.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)})).OfType<{element}>()",
                ItemsNodeStep { OfMap: true } => $".SelectMany({n} => {n}.Values).OfType<{element}>()",
                ItemsNodeStep => $".SelectMany({n} => {n}).OfType<{element}>()",
                MembersNodeStep members => $".SelectMany({n} => new object?[] {{ {string.Join(", ", members.Members.Select(m => $"{n}.{m}"))} }}).OfType<object>()",
                FilterNodeStep filter => $".Where(node{filter.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture)} => {Condition(filter.Predicate, responseIsKnown)})",
                UnionNodeStep union => Union(union, responseIsKnown),
                _ => string.Empty,
            });
        }

        return code.ToString();
    }

    /// <summary>Each node's selections in order: <c>.SelectMany(u1 => Of(u1).A.Concat(Of(u1).B))</c>, cast to the common element type.</summary>
    private static string Union(UnionNodeStep union, bool responseIsKnown)
    {
        var u = "u" + union.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var element = union.Element.NonNullableName;
        var branches = union.Branches.Select(b => $"{NodeList}.Of({u}){Steps(b, "n" + u, responseIsKnown)}" + (element == "object" ? ".Cast<object>()" : string.Empty));
        return $".SelectMany({u} => {string.Join(".Concat(", branches)}{new string(')', union.Branches.Count - 1)})";
    }

    private static string Long(long? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L" : "null";

    public static string Condition(BoundCondition condition, bool responseIsKnown = false) => condition switch
    {
        CompareCondition compare => Compare(compare, responseIsKnown),
        NullCheckCondition check => $"{Value(check.Value, responseIsKnown)} is {(check.IsNull ? "null" : "not null")}",
        LogicalCondition logical => $"{Operand(logical.Left, logical.IsAnd, responseIsKnown)} {(logical.IsAnd ? "&&" : "||")} {Operand(logical.Right, logical.IsAnd, responseIsKnown)}",
        NotBoundCondition not => $"!({Condition(not.Operand, responseIsKnown)})",
        TruthyCondition truthy => $"{Value(truthy.Value, responseIsKnown)} == true",
        RegexCondition regex => $"{Criteria}.Matches({regex.FieldName}, {Value(regex.Value, responseIsKnown)})",
        ConstantCondition constant => constant.Value ? "true" : "false",
        AnyNodeCondition any => Nodes(any.Nodes, responseIsKnown) + ".Any()",
        JsonPathRegexCondition regex => $"{NodeList}.{(regex.WholeString ? "Match" : "Search")}({regex.FieldName}, {Value(regex.Value, responseIsKnown)})",
        _ => "false",
    };

    /// <summary>All conditions joined with &&, or null when there are none.</summary>
    public static string? All(System.Collections.Generic.IEnumerable<BoundCondition> conditions, bool responseIsKnown = false)
    {
        var list = conditions.ToList();
        return list.Count == 0 ? null : string.Join(" && ", list.Select(c => list.Count > 1 && c is LogicalCondition { IsAnd: false } ? $"({Condition(c, responseIsKnown)})" : Condition(c, responseIsKnown)));
    }

    private static string Operand(BoundCondition condition, bool parentIsAnd, bool responseIsKnown) =>
        condition is LogicalCondition inner && inner.IsAnd != parentIsAnd ? $"({Condition(condition, responseIsKnown)})" : Condition(condition, responseIsKnown);

    private static string Compare(CompareCondition compare, bool responseIsKnown)
    {
        var left = Value(compare.Left, responseIsKnown);
        var right = Value(compare.Right, responseIsKnown);
        var op = compare.Operator switch
        {
            ConditionOperator.Equal => "==",
            ConditionOperator.NotEqual => "!=",
            ConditionOperator.Less => "<",
            ConditionOperator.LessOrEqual => "<=",
            ConditionOperator.Greater => ">",
            _ => ">=",
        };

        // An int compared with a literal beyond int's range: compare as long (else CS0652).
        if (compare.Kind == CompareKind.Number && compare.Left.Type.Kind == SdkTypeKind.Integer && IsBeyondInt(compare.Right))
        {
            left = $"(long?){left}";
        }
        else if (compare.Kind == CompareKind.Number && compare.Right.Type.Kind == SdkTypeKind.Integer && IsBeyondInt(compare.Left))
        {
            right = $"(long?){right}";
        }

        return compare.Kind switch
        {
            CompareKind.String when compare.Operator == ConditionOperator.Equal => $"{Criteria}.Equal({left}, {right})",
            CompareKind.String when compare.Operator == ConditionOperator.NotEqual => $"!{Criteria}.Equal({left}, {right})",
            CompareKind.String => $"{Criteria}.Compare({left}, {right}) {op} 0",
            _ => $"{left} {op} {right}",
        };
    }

    /// <summary>
    /// The collection type to construct. The SDK declares element types without nullability; when an
    /// element may be null (an optional input, a step output), the element type is written nullable
    /// so the initializer says what it holds, and it still assigns to the SDK's member.
    /// </summary>
    public static string CollectionType(TypeRef type, IEnumerable<BoundValue> elements)
    {
        var element = type.Element;
        if (element is null || element.IsValueType || !elements.Any(e => e.MayBeNull()))
        {
            return type.NonNullableName;
        }

        var name = type.NonNullableName;
        var elementName = element.NonNullableName;
        return name.EndsWith(elementName + ">", System.StringComparison.Ordinal)
            ? name.Substring(0, name.Length - elementName.Length - 1) + elementName + "?>"
            : name;
    }

    private static bool IsBeyondInt(BoundValue value) =>
        value is LiteralBound { Spelling: LiteralSpelling.Integer or LiteralSpelling.Long } literal && long.TryParse(literal.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && (number > int.MaxValue || number < int.MinValue);

    private static string Path(PathBound path, bool responseIsKnown)
    {
        var code = path.Root is null ? "response" : Value(path.Root, responseIsKnown);
        var first = true;
        foreach (var step in path.Steps)
        {
            var rootIsKnown = first && responseIsKnown && path.Root is null or ResponseBound or CalledOutputsBound;
            first = false;
            code = step.Kind switch
            {
                PathStepKind.Member => rootIsKnown ? $"{code}.{step.Name}" : $"{code}?.{step.Name}",
                PathStepKind.ListIndex => $"{Pointer}.At({code}, {step.Index})",
                _ => $"{Pointer}.At({code}, {CSharpLiteral.String(step.Name)})",
            };
        }

        return code;
    }
}

/// <summary>Writes request object graphs as indented initializers, the way a person would.</summary>
internal static class ObjectWriter
{
    public static void Write(SourceWriter writer, string prefix, NewObjectBound obj, string suffix)
    {
        if (obj.Members.Count == 0)
        {
            writer.Line($"{prefix}new {obj.Type.NonNullableName}(){suffix}");
            return;
        }

        writer.Line($"{prefix}new {obj.Type.NonNullableName}");
        using (writer.Block(closing: suffix))
        {
            foreach (var member in obj.Members)
            {
                WriteValue(writer, $"{member.Member} = ", member.Value, ",");
            }
        }
    }

    private static void WriteValue(SourceWriter writer, string prefix, BoundValue value, string suffix)
    {
        switch (value)
        {
            case NewObjectBound nested:
                Write(writer, prefix, nested, suffix);
                break;
            case InputObjectBound { CopyOf: { } source } copy when source.MayBeNull():
                Write(writer, $"{prefix}{CodeRenderer.Value(source)} is null ? null : ", new NewObjectBound(copy.Members, copy.Type), suffix);
                break;
            case InputObjectBound written:
                Write(writer, prefix, new NewObjectBound(written.Members, written.Type), suffix);
                break;
            case NewListBound list when list.Items.Any(i => i is NewObjectBound or NewListBound or NewMapBound):
                writer.Line($"{prefix}new {CodeRenderer.CollectionType(list.Type, list.Items)}");
                using (writer.Block(closing: suffix))
                {
                    foreach (var item in list.Items)
                    {
                        WriteValue(writer, string.Empty, item, ",");
                    }
                }

                break;
            case NewMapBound map when map.Entries.Count > 0:
                writer.Line($"{prefix}new {CodeRenderer.CollectionType(map.Type, map.Entries.Select(e => e.Value))}");
                using (writer.Block(closing: suffix))
                {
                    foreach (var entry in map.Entries)
                    {
                        WriteValue(writer, $"[{CSharpLiteral.String(entry.Key)}] = ", entry.Value, ",");
                    }
                }

                break;
            default:
                writer.Line(prefix + CodeRenderer.Value(value) + suffix);
                break;
        }
    }
}
