using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ArazzoGen.Bind.Model;
using ArazzoGen.Helpers;

namespace ArazzoGen.Bind;

/// <summary>
/// Decides what a durable run's checkpoints hold for one workflow: every SDK structure reachable from
/// its inputs and step results (recursive ones included, e.g. DynamoDB's AttributeValue), and the
/// version that names the whole shape.
/// </summary>
internal static class StateShapes
{
    public static StateModel Of(string workflowId, IReadOnlyList<BoundInput> inputs, IReadOnlyList<BoundStep> steps, SdkTypes types)
    {
        var structures = new List<StateStructure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new UniqueNames();
        var work = new Queue<TypeRef>(AllInputs(inputs).Select(i => i.Type).Concat(steps.SelectMany(s => s.Outputs).Select(o => o.Type)));
        while (work.Count > 0)
        {
            var type = work.Dequeue();
            if (type.Element is { } element)
            {
                work.Enqueue(element);
                continue;
            }

            if (type.Kind != SdkTypeKind.Structure || !seen.Add(type.NonNullableName))
            {
                continue;
            }

            var members = types.StructureMembers(type).ToEquatableArray();
            foreach (var member in members)
            {
                work.Enqueue(member.Type);
            }

            var simpleName = type.NonNullableName.Substring(type.NonNullableName.LastIndexOf('.') + 1);
            structures.Add(new StateStructure(type, suffixes.Take(simpleName), members));
        }

        return new StateModel(Version(workflowId, inputs, steps, structures), structures.ToEquatableArray());
    }

    /// <summary>The inputs, and the members of object inputs' classes, which checkpoints hold too.</summary>
    private static IEnumerable<BoundInput> AllInputs(IEnumerable<BoundInput> inputs) =>
        inputs.SelectMany(i => new[] { i }.Concat(AllInputs(i.Members)));

    private static void AppendInputs(StringBuilder shape, IEnumerable<BoundInput> inputs, string prefix)
    {
        foreach (var input in inputs)
        {
            shape.Append(prefix).Append(input.Name).Append(':').Append(input.Type.Name).Append(input.IsSecret ? " secret" : string.Empty).Append('\n');
            AppendInputs(shape, input.Members, "  " + prefix);
        }
    }

    /// <summary>
    /// A hash of what a checkpoint's meaning depends on: the steps and what each calls, the inputs, the
    /// results and the structures in them. Descriptions, request values and criteria are not in it:
    /// a fix to a step not yet run may resume an old run, as a redeployed Step Functions task would.
    /// </summary>
    private static string Version(string workflowId, IReadOnlyList<BoundInput> inputs, IReadOnlyList<BoundStep> steps, IReadOnlyList<StateStructure> structures)
    {
        var shape = new StringBuilder(workflowId).Append('\n');
        AppendInputs(shape, inputs, "input ");

        foreach (var step in steps)
        {
            var calls = step.Call switch
            {
                OperationCall operation => operation.ClientProperty + "." + operation.SdkMethod,
                WorkflowCall workflow => "workflow " + workflow.WorkflowId,
                _ => string.Empty,
            };
            shape.Append("step ").Append(step.StepId).Append(' ').Append(calls).Append('\n');
            foreach (var output in step.Outputs)
            {
                shape.Append("  ").Append(output.Name).Append(':').Append(output.Type.Name).Append(output.IsSecret ? " secret" : string.Empty).Append('\n');
            }
        }

        foreach (var structure in structures)
        {
            shape.Append("structure ").Append(structure.Type.NonNullableName).Append('\n');
            foreach (var member in structure.Members)
            {
                shape.Append("  ").Append(member.Property).Append(':').Append(member.Type.Name).Append('\n');
            }
        }

        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(shape.ToString()));
        var hex = new StringBuilder(16);
        for (var i = 0; i < 8; i++)
        {
            hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
