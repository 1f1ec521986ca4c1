using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Model;

namespace ArazzoGen.Validate;

/// <summary>
/// The one place component parameter references are resolved: a reference takes the component,
/// with the reference's <c>value</c> in place of the component's when it gives one.
/// </summary>
internal static class EffectiveParameters
{
    /// <summary>One entry resolved; null when its component does not exist (reported by the reference rules).</summary>
    public static Parameter? Resolve(ParameterOrReference entry, Components components)
    {
        if (entry.Reference is not { } reference)
        {
            return entry.Parameter;
        }

        var component = components.Parameters.FirstOrDefault(c => c.Name.Value == reference.Expression.Segment(1))?.Value;
        return component is null || reference.Value is null ? component : component with { Value = reference.Value };
    }

    /// <summary>A step's own parameters, resolved.</summary>
    public static IEnumerable<Parameter> OfStep(Step step, Components components) =>
        step.Parameters.Select(p => Resolve(p, components)).OfType<Parameter>();

    /// <summary>
    /// What a step passes: the workflow's parameters, then the step's, resolved; a step parameter
    /// replaces a workflow parameter of the same name and location.
    /// </summary>
    public static IEnumerable<Parameter> ForStep(Step step, Workflow workflow, Components components)
    {
        var resolved = new Dictionary<(string, string?), Parameter>();
        foreach (var parameter in workflow.Parameters.Concat(step.Parameters).Select(p => Resolve(p, components)).OfType<Parameter>())
        {
            resolved[(parameter.Name.Value, parameter.In?.Value)] = parameter;
        }

        return resolved.Values;
    }
}
