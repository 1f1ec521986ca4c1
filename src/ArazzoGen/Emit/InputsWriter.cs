using System.Linq;
using ArazzoGen.Bind.Model;

namespace ArazzoGen.Emit;

/// <summary>Writes the nested Inputs class and its up-front validation.</summary>
internal static class InputsWriter
{
    public static void Write(SourceWriter w, BoundWorkflow workflow)
    {
        w.Doc($"The inputs of the workflow '{workflow.WorkflowId}'.");
        using (w.Block("public sealed class Inputs"))
        {
            foreach (var input in workflow.Inputs)
            {
                w.Doc(Text.OrDefault(input.Description, $"The input '{input.Name}'."), input.IsSecret ? "Secret: never logged, traced or put in exception messages." : null);
                var nullable = !input.IsRequired && input.Default is null;
                var type = nullable ? input.Type.NullableName : input.Type.NonNullableName;
                var required = input.IsRequired && input.Default is null ? "required " : string.Empty;
                var initializer = input.Default is { } value ? $" = {CSharpLiteral.Of(value)};" : string.Empty;
                w.Line($"public {required}{type} {input.Property} {{ get; init; }}{initializer}");
                w.Line();
            }

            StateWriter.WriteInputs(w, workflow);
            w.Line();
            w.Doc("Checks every input and reports all problems at once, before any AWS call.");
            using (w.Block("internal void Validate()"))
            {
                var checks = workflow.Inputs.Where(i => i.IsRequired && !i.Type.IsValueType).ToList();
                if (checks.Count == 0)
                {
                    return;
                }

                w.Line("global::System.Collections.Generic.List<string>? problems = null;");
                foreach (var input in checks)
                {
                    if (input != checks[0])
                    {
                        w.Line();
                    }

                    var missing = input.Type.Kind == SdkTypeKind.String ? $"string.IsNullOrEmpty({input.Property})" : $"{input.Property} is null";
                    w.Line($"if ({missing})");
                    using (w.Block())
                    {
                        w.Line($"(problems ??= new()).Add({CSharpLiteral.String($"'{input.Name}' is required")});");
                    }
                }

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
}
