using System.ComponentModel;
namespace ArazzoGen.Runtime;

/// <summary>
/// Used by generated code when a step passes a value that may be missing at run time (a step
/// output, a response member) to a required input of the workflow it runs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public static class WorkflowInput
{
    /// <summary>The value, or an <see cref="ArgumentException"/> naming the input when it is null.</summary>
    public static T Required<T>(T? value, string input)
        where T : class =>
        value ?? throw Missing(input);

    /// <summary>The value, or an <see cref="ArgumentException"/> naming the input when it is null.</summary>
    public static T Required<T>(T? value, string input)
        where T : struct =>
        value ?? throw Missing(input);

    private static ArgumentException Missing(string input) =>
        new($"'{input}' is required, but the value passed for it is null", input);
}
