using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ArazzoGen.Bind.StateMachines;

/// <summary>
/// Where a state machine keeps what the C# class keeps in fields, as JSONPath into the state:
/// <c>$.inputs.name</c>, <c>$.steps.stepId.response</c> (the step's last answer, which its
/// outputs read), <c>$.polls.stepId</c> (a poll's count and next wait), <c>$.errors.stepId</c>
/// (the error a Catch caught), <c>$.workflows.stageN</c> (the outputs of the dependencies a Parallel
/// state ran), <c>$.defaults</c> (what absent values read as).
/// </summary>
internal static class StatePaths
{
    private static readonly Regex PlainName = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static string Input(string name) => "$.inputs" + Segment(name);

    public static string Step(string stepId) => "$.steps" + Segment(stepId);

    public static string Response(string stepId) => Step(stepId) + ".response";

    /// <summary>An output read through a list index or a map key, kept when the step ran and the element was there (null otherwise).</summary>
    public static string Output(string stepId, string name) => Step(stepId) + ".outputs" + Segment(name);

    /// <summary>The outputs of the workflows a Parallel state of dependencies ran, by stage.</summary>
    public static string DependencyStage(int stage) => "$.workflows.stage" + stage.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string DependencyOutputs(int stage, string workflowId) => DependencyStage(stage) + Segment(workflowId);

    public static string Answer(string stepId) => Step(stepId) + ".answer";

    public static string Error(string stepId) => "$.errors" + Segment(stepId);

    public static string Poll(string stepId) => "$.polls" + Segment(stepId);

    public static string ResponseDefaults(string stepId) => "$.defaults.responses" + Segment(stepId);

    /// <summary>A member step: <c>.name</c>, or <c>['name']</c> when the name is not a plain identifier.</summary>
    public static string Segment(string name) => PlainName.IsMatch(name) ? "." + name : "['" + name.Replace("\\", "\\\\").Replace("'", "\\'") + "']";

    public static string Index(long index) => "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public static string Join(IEnumerable<string> segments) => string.Concat(segments);
}
