using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using ArazzoGen.Runtime;

namespace ArazzoGen.Tests.Runtime;

/// <summary>
/// The run-time plumbing only generated code calls is out of a user's way: hidden from IntelliSense,
/// and not user code to the debugger, so "Step Into" from the user's call lands in the generated step
/// methods rather than in WorkflowRun. What users do touch stays visible.
/// </summary>
public class RuntimeSurfaceTests
{
    private static readonly Type[] Plumbing =
    [
        typeof(CallResult<>), typeof(WorkflowCallResult<>), typeof(WorkflowInput), typeof(WorkflowRun), typeof(Poll), typeof(Pages),
        typeof(Criteria), typeof(JsonPointer), typeof(Wire), typeof(Documents), typeof(JsonPathNodes), typeof(DependencyRuns), typeof(WorkflowContext),
    ];

    [Fact]
    public void The_plumbing_generated_code_calls_is_hidden_from_IntelliSense_and_from_Just_My_Code()
    {
        Assert.All(Plumbing, type =>
        {
            Assert.Equal(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State);
            Assert.NotNull(type.GetCustomAttribute<DebuggerNonUserCodeAttribute>());
        });
    }

    [Fact]
    public void What_users_configure_and_catch_stays_visible()
    {
        foreach (var type in new[] { typeof(WorkflowOptions), typeof(WorkflowException), typeof(PollDelay), typeof(Telemetry) })
        {
            Assert.NotEqual(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State ?? EditorBrowsableState.Always);
        }
    }
}
