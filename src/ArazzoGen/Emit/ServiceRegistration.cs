using ArazzoGen.Helpers;

namespace ArazzoGen.Emit;

/// <summary>What the project's <c>AddArazzoWorkflows()</c> is written from: its namespace and the workflows it registers (none: nothing is written).</summary>
/// <remarks>A class, not the tuple of the two: see <see cref="WorkflowsToRegister"/>.</remarks>
internal sealed record ServiceRegistration(string Namespace, EquatableArray<RegisteredWorkflow> Workflows);
