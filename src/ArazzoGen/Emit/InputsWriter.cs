using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;

namespace ArazzoGen.Emit;

/// <summary>Writes the nested Inputs class, the classes of object inputs read member by member, and the up-front validation.</summary>
internal static class InputsWriter
{
    private const string Problems = "global::System.Collections.Generic.List<string>";

    public static void Write(SourceWriter w, BoundWorkflow workflow)
    {
        w.Doc($"The inputs of the workflow '{workflow.WorkflowId}'.");
        using (w.Block("public sealed class Inputs"))
        {
            WriteMembers(w, workflow, workflow.Inputs, string.Empty);
            StateWriter.WriteInputs(w, workflow);
            w.Line();
            w.Doc("Checks every input and reports all problems at once, before any AWS call.");
            using (w.Block("internal void Validate()"))
            {
                if (!HasChecks(workflow.Inputs))
                {
                    return;
                }

                w.Line($"{Problems}? problems = null;");
                WriteChecks(w, workflow.Inputs, string.Empty);
                w.Line();
                w.Line("if (problems is not null)");
                using (w.Block())
                {
                    // The workflow id is written out: an input property named WorkflowId would hide the class's constant here.
                    w.Line($"throw new global::System.ArgumentException({CSharpLiteral.String($"Workflow '{workflow.WorkflowId}' cannot start: ")} + string.Join(\"; \", problems) + \".\", \"inputs\");");
                }
            }
        }
    }

    /// <summary>The properties of an inputs class, then the classes of its object inputs.</summary>
    private static void WriteMembers(SourceWriter w, BoundWorkflow workflow, EquatableArray<BoundInput> inputs, string pathPrefix)
    {
        foreach (var input in inputs)
        {
            w.Doc(Text.OrDefault(input.Description, $"The input '{pathPrefix}{input.Name}'."), input.IsSecret ? "Secret: never logged, traced or put in exception messages." : null);
            var nullable = !input.IsRequired && input.Default is null;
            var type = nullable ? input.Type.NullableName : input.Type.NonNullableName;
            var required = input.IsRequired && input.Default is null ? "required " : string.Empty;
            var initializer = input.Default is { } value ? $" = {CSharpLiteral.Of(value)};" : string.Empty;
            w.Line($"public {required}{type} {input.Property} {{ get; init; }}{initializer}");
            w.Line();
        }

        foreach (var input in inputs.Where(i => i.Class is not null))
        {
            var path = pathPrefix + input.Name;
            w.Doc($"The object input '{path}', read member by member.");
            using (w.Block($"public sealed class {input.Class}"))
            {
                WriteMembers(w, workflow, input.Members, path + ".");
                StateWriter.WriteInputObject(w, workflow, input, path);
                if (HasChecks(input.Members))
                {
                    w.Line();
                    w.Doc($"Adds what is missing from '{path}' to problems.");
                    using (w.Block($"internal void Validate(ref {Problems}? problems)"))
                    {
                        WriteChecks(w, input.Members, path + ".");
                    }
                }
            }

            w.Line();
        }
    }

    /// <summary>Each required input that can be missing, then the members of the object inputs that have such members.</summary>
    private static void WriteChecks(SourceWriter w, EquatableArray<BoundInput> inputs, string pathPrefix)
    {
        var first = true;
        foreach (var input in inputs.Where(i => i.IsRequired && !i.Type.IsValueType))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var missing = input.Type.Kind == SdkTypeKind.String ? $"string.IsNullOrEmpty({input.Property})" : $"{input.Property} is null";
            w.Line($"if ({missing})");
            using (w.Block())
            {
                w.Line($"(problems ??= new()).Add({CSharpLiteral.String($"'{pathPrefix}{input.Name}' is required")});");
            }
        }

        foreach (var input in inputs.Where(i => i.Class is not null && HasChecks(i.Members)))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line($"{input.Property}?.Validate(ref problems);");
        }
    }

    private static bool HasChecks(EquatableArray<BoundInput> inputs) =>
        inputs.Any(i => (i.IsRequired && !i.Type.IsValueType) || (i.Class is not null && HasChecks(i.Members)));
}
