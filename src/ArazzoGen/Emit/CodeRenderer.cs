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

    /// <param name="value">The value.</param>
    /// <param name="responseIsKnown">True where the code has checked <c>response is not null</c>, so paths start with '.' not '?.'.</param>
    public static string Value(BoundValue value, bool responseIsKnown = false) => value switch
    {
        LiteralBound literal => CSharpLiteral.Of(literal),
        InputBound input => "_inputs." + input.Property,
        StepOutputBound output => $"{output.StepField}?.{output.Property}",
        CallBound call => "call." + call.Member,
        LastStatusBound { OfCalledWorkflow: true } => "(outputs?.LastStatusCode ?? call.StatusCode)",
        LastStatusBound => "_run.LastStatusCode",
        NoValueBound none => $"default({none.Type.NullableName})",
        ResponseBound => "response",
        CalledOutputsBound => "outputs",
        NonNullInputBound { Default: { } fallback } input => $"{Value(input.Inner, responseIsKnown)} ?? {CSharpLiteral.Of(fallback)}",
        NonNullInputBound input => $"global::ArazzoGen.Runtime.WorkflowInput.Required({Value(input.Inner, responseIsKnown)}, {CSharpLiteral.String(input.InputName)})",
        PathBound path => Path(path, responseIsKnown),
        ConstantFromStringBound constant => $"{constant.Type.NonNullableName}.FindValue({Value(constant.Inner, responseIsKnown)})",
        ConstantValueBound constant => $"{Value(constant.Inner, responseIsKnown)}?.Value",
        TextBound text => $"{Criteria}.Text({Value(text.Inner, responseIsKnown)})",
        TemplateBound template => "string.Concat(" + string.Join(", ", template.Chunks.Select(c => c.Text is not null ? CSharpLiteral.String(c.Text) : $"{Criteria}.Text({Value(c.Value!, responseIsKnown)})")) + ")",
        LengthBound length => $"{Pointer}.Length({Value(length.Inner, responseIsKnown)})",
        NewListBound list => $"new {CollectionType(list.Type, list.Items)} {{ {string.Join(", ", list.Items.Select(i => Value(i, responseIsKnown)))} }}",
        NewMapBound map => $"new {CollectionType(map.Type, map.Entries.Select(e => e.Value))} {{ {string.Join(", ", map.Entries.Select(e => $"[{CSharpLiteral.String(e.Key)}] = {Value(e.Value, responseIsKnown)}"))} }}",
        NewObjectBound obj => $"new {obj.Type.NonNullableName} {{ {string.Join(", ", obj.Members.Select(m => $"{m.Member} = {Value(m.Value, responseIsKnown)}"))} }}",
        _ => "default",
    };

    public static string Condition(BoundCondition condition, bool responseIsKnown = false) => condition switch
    {
        CompareCondition compare => Compare(compare, responseIsKnown),
        NullCheckCondition check => $"{Value(check.Value, responseIsKnown)} is {(check.IsNull ? "null" : "not null")}",
        LogicalCondition logical => $"{Operand(logical.Left, logical.IsAnd, responseIsKnown)} {(logical.IsAnd ? "&&" : "||")} {Operand(logical.Right, logical.IsAnd, responseIsKnown)}",
        NotBoundCondition not => $"!({Condition(not.Operand, responseIsKnown)})",
        TruthyCondition truthy => $"{Value(truthy.Value, responseIsKnown)} == true",
        RegexCondition regex => $"{regex.FieldName}.IsMatch({Value(regex.Value, responseIsKnown)} ?? string.Empty)",
        ConstantCondition constant => constant.Value ? "true" : "false",
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
