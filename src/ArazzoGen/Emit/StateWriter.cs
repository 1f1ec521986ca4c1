using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;

namespace ArazzoGen.Emit;

/// <summary>
/// Writes what a durable run's checkpoints hold: the inputs' and results' writers and readers, and a
/// State class with one writer and reader per SDK structure. Plain code over Utf8JsonWriter and
/// JsonElement, so nothing is serialised by reflection (and it trims and AOT-compiles).
/// </summary>
internal static class StateWriter
{
    private const string Json = "global::ArazzoGen.Runtime.Durable.StateJson";
    public const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    public const string Element = "global::System.Text.Json.JsonElement";
    public const string Protector = "global::ArazzoGen.Runtime.Durable.IWorkflowSecretProtector";

    /// <summary>The nested State class; nothing when the checkpoints hold no SDK structure.</summary>
    public static bool WriteStructures(SourceWriter w, BoundWorkflow workflow)
    {
        if (workflow.State.Structures.Count == 0)
        {
            return false;
        }

        var suffixes = Suffixes(workflow);
        w.Doc("Writes and reads the SDK structures a durable run's checkpoints hold.");
        using (w.Block("private static class State"))
        {
            foreach (var structure in workflow.State.Structures)
            {
                if (structure != workflow.State.Structures[0])
                {
                    w.Line();
                }

                var type = structure.Type.NonNullableName;
                using (w.Block($"public static void Write{structure.MethodSuffix}({Writer} json, {type}? value)"))
                {
                    WriteNullOrStart(w);
                    foreach (var member in structure.Members)
                    {
                        var always = IsPlainValue(member.Type);
                        using (always ? null : w.Block($"if (value.{member.Property} is not null)"))
                        {
                            w.Line($"json.WritePropertyName({CSharpLiteral.String(member.Property)});");
                            w.Line(Write(member.Type, "json", $"value.{member.Property}", $"{structure.Type.NonNullableName}.{member.Property}", 0, suffixes) + ";");
                        }

                        if (!always)
                        {
                            w.Line();
                        }
                    }

                    w.Line("json.WriteEndObject();");
                }

                w.Line();
                using (w.Block($"public static {type}? Read{structure.MethodSuffix}({Element} element)"))
                {
                    w.Line("if (element.ValueKind != global::System.Text.Json.JsonValueKind.Object)");
                    using (w.Block())
                    {
                        w.Line("return null;");
                    }

                    w.Line();
                    w.Line($"var value = new {type}();");
                    foreach (var member in structure.Members)
                    {
                        var local = Local(member.Property, "Element");
                        w.Line($"if (element.TryGetProperty({CSharpLiteral.String(member.Property)}, out var {local}))");
                        using (w.Block())
                        {
                            var read = Read(member.Type, local, 0, suffixes);
                            w.Line($"value.{member.Property} = {(IsPlainValue(member.Type) ? read + " ?? default" : read)};");
                        }

                        w.Line();
                    }

                    w.Line("return value;");
                }
            }
        }

        return true;
    }

    /// <summary>Inputs.WriteState and Inputs.ReadState: secrets only through the protector.</summary>
    public static void WriteInputs(SourceWriter w, BoundWorkflow workflow)
    {
        var suffixes = Suffixes(workflow);
        w.Doc("Writes the inputs into a durable run's checkpoint; a secret only through the protector, else it is left out.");
        using (w.Block($"internal void WriteState({Writer} json, {Protector}? protector)"))
        {
            w.Line("json.WriteStartObject();");
            foreach (var input in workflow.Inputs)
            {
                WriteNamed(w, input.Name, input.Type, input.Property, input.IsSecret, $"input '{input.Name}'", suffixes);
            }

            w.Line("json.WriteEndObject();");
        }

        w.Line();
        w.Doc("The inputs a durable run's checkpoint holds.");
        w.Line($"internal static Inputs ReadState({Element} state, {Protector}? protector) => new()");
        using (w.Block(closing: ";"))
        {
            ReadMembers(w, workflow.Inputs, string.Empty, suffixes);
        }
    }

    /// <summary>An object input's class: its WriteState and ReadState, which its parent's call with its members' values.</summary>
    public static void WriteInputObject(SourceWriter w, BoundWorkflow workflow, BoundInput input, string path)
    {
        var suffixes = Suffixes(workflow);
        w.Doc($"Writes '{path}' into a durable run's checkpoint; a secret member only through the protector, else it is left out.");
        using (w.Block($"internal static void WriteState({Writer} json, {input.Class}? value, {Protector}? protector)"))
        {
            WriteNullOrStart(w);
            foreach (var member in input.Members)
            {
                WriteNamed(w, member.Name, member.Type, "value." + member.Property, member.IsSecret, $"input '{path}.{member.Name}'", suffixes);
            }

            w.Line("json.WriteEndObject();");
        }

        w.Line();
        w.Doc($"'{path}' as a durable run's checkpoint holds it; null when it holds none.");
        using (w.Block($"internal static {input.Class}? ReadState({Element} state, {Protector}? protector)"))
        {
            w.Line("if (state.ValueKind != global::System.Text.Json.JsonValueKind.Object)");
            using (w.Block())
            {
                w.Line("return null;");
            }

            w.Line();
            w.Line("return new()");
            using (w.Block(closing: ";"))
            {
                ReadMembers(w, input.Members, path + ".", suffixes);
            }
        }
    }

    private static void ReadMembers(SourceWriter w, EquatableArray<BoundInput> inputs, string pathPrefix, System.Collections.Generic.IReadOnlyDictionary<string, string> suffixes)
    {
        foreach (var input in inputs)
        {
            var nullable = !input.IsRequired && input.Default is null;
            var element = Property("state", input.Name, input.IsSecret, $"the secret input '{pathPrefix}{input.Name}'");
            var value = Read(input.Type, element, 0, suffixes);
            // A required value the checkpoint lacks is found by Validate, which runs next.
            var complete = nullable ? value : input.Type.IsValueType ? $"{value} ?? default" : $"{value}!";
            w.Line($"{input.Property} = {complete},");
        }
    }

    /// <summary>The Run's IRunState members: inputs, each step's result, and the end reached.</summary>
    public static void WriteRunState(SourceWriter w, BoundWorkflow workflow)
    {
        const string State = "global::ArazzoGen.Runtime.Durable.IRunState";
        var suffixes = Suffixes(workflow);
        w.Line($"void {State}.WriteInputs({Writer} json, {Protector}? protector) => _inputs.WriteState(json, protector);");
        w.Line();
        using (w.Block($"void {State}.WriteResults({Writer} json, {Protector}? protector)"))
        {
            w.Line("json.WriteStartObject();");
            if (workflow.Steps.Any(s => s.Outputs.Count > 0))
            {
                w.Line("// A step's result is its default, every output null, until the step has produced one.");
            }

            foreach (var step in workflow.Steps.Where(s => s.Outputs.Count > 0))
            {
                w.Line($"if ({step.Field} != default)");
                using (w.Block())
                {
                    w.Line($"json.WriteStartObject({CSharpLiteral.String(step.StepId)});");
                    foreach (var output in step.Outputs)
                    {
                        WriteNamed(w, output.Name, output.Type, $"{step.Field}.{output.Property}", output.IsSecret, $"output '{output.Name}' of step '{step.StepId}'", suffixes);
                    }

                    w.Line("json.WriteEndObject();");
                }

                w.Line();
            }

            w.Line("json.WriteString(\"endStepId\", _endStepId);");
            w.Line("json.WriteString(\"endActionName\", _endActionName);");
            w.Line("json.WriteEndObject();");
        }

        w.Line();
        using (w.Block($"void {State}.ReadResults({Element} results, {Protector}? protector)"))
        {
            foreach (var step in workflow.Steps.Where(s => s.Outputs.Count > 0))
            {
                var local = Local(step.Identifier, "Element");
                w.Line($"if ({Json}.Property(results, {CSharpLiteral.String(step.StepId)}) is {{ ValueKind: global::System.Text.Json.JsonValueKind.Object }} {local})");
                using (w.Block())
                {
                    var values = step.Outputs.Select(o => Read(o.Type, Property(local, o.Name, o.IsSecret, $"the secret output '{o.Name}' of step '{step.StepId}'"), 0, suffixes));
                    w.Line($"{step.Field} = new {step.ResultType}({string.Join(", ", values)});");
                }

                w.Line();
            }

            w.Line($"_endStepId = {Json}.String({Json}.Property(results, \"endStepId\")) ?? string.Empty;");
            w.Line($"_endActionName = {Json}.String({Json}.Property(results, \"endActionName\"));");
        }
    }

    // A writer of an object: null as null, else the object's start.
    private static void WriteNullOrStart(SourceWriter w)
    {
        w.Line("if (value is null)");
        using (w.Block())
        {
            w.Line("json.WriteNullValue();");
            w.Line("return;");
        }

        w.Line();
        w.Line("json.WriteStartObject();");
    }

    private static void WriteNamed(SourceWriter w, string name, TypeRef type, string value, bool secret, string what, System.Collections.Generic.IReadOnlyDictionary<string, string> suffixes)
    {
        w.Line($"json.WritePropertyName({CSharpLiteral.String(name)});");
        w.Line(secret
            ? $"{Json}.WriteSecret(json, protector, secret => {Write(type, "secret", value, what, 0, suffixes)});"
            : Write(type, "json", value, what, 0, suffixes) + ";");
    }

    private static string Property(string element, string name, bool secret, string what)
    {
        var property = $"{Json}.Property({element}, {CSharpLiteral.String(name)})";
        return secret ? $"{Json}.ReadSecret({property}, protector, {CSharpLiteral.String(what)})" : property;
    }

    /// <summary>An expression writing <paramref name="value"/> (of <paramref name="type"/>) to <c>json</c>.</summary>
    private static string Write(TypeRef type, string json, string value, string what, int depth, System.Collections.Generic.IReadOnlyDictionary<string, string> suffixes)
    {
        switch (type.Kind)
        {
            case SdkTypeKind.String or SdkTypeKind.Integer or SdkTypeKind.Long or SdkTypeKind.Double or SdkTypeKind.Float or SdkTypeKind.Boolean or SdkTypeKind.DateTime or SdkTypeKind.Document:
                return $"{Json}.Write({json}, {value})";
            case SdkTypeKind.Stream when type.NonNullableName.EndsWith("MemoryStream", System.StringComparison.Ordinal):
                return $"{Json}.Write({json}, {value})";
            case SdkTypeKind.Constant:
                return $"{Json}.WriteConstant({json}, {value})";
            case SdkTypeKind.Enum:
                return $"{Json}.Write({json}, {value}{(type.Name.EndsWith("?", System.StringComparison.Ordinal) ? "?" : string.Empty)}.ToString())";
            case SdkTypeKind.Structure:
                return $"State.Write{suffixes[type.NonNullableName]}({json}, {value})";
            case SdkTypeKind.InputObject:
                return $"{type.NonNullableName}.WriteState({json}, {value}, protector)";
            case SdkTypeKind.List or SdkTypeKind.Map when type.Element is { } element:
                var inner = "json" + (depth + 1);
                var item = "item" + (depth + 1);
                var method = type.Kind == SdkTypeKind.List ? "WriteList" : "WriteMap";
                return $"{Json}.{method}({json}, {value}, static ({inner}, {item}) => {Write(element, inner, item, what, depth + 1, suffixes)})";
            default:
                return $"{Json}.NotKept({CSharpLiteral.String($"{what} ({type.Name})")})";
        }
    }

    /// <summary>An expression reading a value of <paramref name="type"/> (nullable) from the element <paramref name="element"/>.</summary>
    private static string Read(TypeRef type, string element, int depth, System.Collections.Generic.IReadOnlyDictionary<string, string> suffixes)
    {
        switch (type.Kind)
        {
            case SdkTypeKind.String:
                return $"{Json}.String({element})";
            case SdkTypeKind.Integer:
                return $"{Json}.Int({element})";
            case SdkTypeKind.Long:
                return $"{Json}.Long({element})";
            case SdkTypeKind.Double:
                return $"{Json}.Double({element})";
            case SdkTypeKind.Float:
                return $"{Json}.Float({element})";
            case SdkTypeKind.Boolean:
                return $"{Json}.Bool({element})";
            case SdkTypeKind.DateTime:
                return $"{Json}.DateTime({element})";
            case SdkTypeKind.Document:
                return $"{Json}.Document({element})";
            case SdkTypeKind.Stream when type.NonNullableName.EndsWith("MemoryStream", System.StringComparison.Ordinal):
                return $"{Json}.Stream({element})";
            case SdkTypeKind.Constant:
                return $"{Json}.Constant({element}, {type.NonNullableName}.FindValue)";
            case SdkTypeKind.Enum:
                return $"{Json}.Enum<{type.NonNullableName}>({element})";
            case SdkTypeKind.Structure:
                return $"State.Read{suffixes[type.NonNullableName]}({element})";
            case SdkTypeKind.InputObject:
                return $"{type.NonNullableName}.ReadState({element}, protector)";
            case SdkTypeKind.List or SdkTypeKind.Map when type.Element is { } elementType:
                var inner = "element" + (depth + 1);
                var item = Read(elementType, inner, depth + 1, suffixes);
                var whole = IsPlainValue(elementType) ? $"{item} ?? default" : $"{item}!";
                var method = type.Kind == SdkTypeKind.List ? "ReadList" : "ReadMap";
                return $"{Json}.{method}({element}, static {inner} => {whole})";
            default:
                return "default";
        }
    }

    /// <summary>A value type that cannot be null (an SDK flag such as <c>bool</c>): readers give T?, so a missing one is default.</summary>
    private static bool IsPlainValue(TypeRef type) => type.IsValueType && !type.Name.EndsWith("?", System.StringComparison.Ordinal);

    private static string Local(string name, string suffix) => char.ToLowerInvariant(name[0]) + name.Substring(1) + suffix;

    /// <summary>The method suffix of each structure in the checkpoints, by type name: the bound model decided them.</summary>
    private static System.Collections.Generic.Dictionary<string, string> Suffixes(BoundWorkflow workflow) =>
        workflow.State.Structures.ToDictionary(s => s.Type.NonNullableName, s => s.MethodSuffix, System.StringComparer.Ordinal);
}
