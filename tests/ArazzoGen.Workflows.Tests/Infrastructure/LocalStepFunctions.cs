using System.Text.Json;
using System.Text.Json.Nodes;
using ArazzoGen.Samples.Simulation;
using ArazzoGen.Testing;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// State machine definitions run the way Step Functions would, on this machine: asl-validator checks
/// them, aws-local-stepfunctions executes them (tests/stepfunctions, installed with npm ci) against a
/// simulated SageMaker in JavaScript that follows the C# simulator on a virtual clock.
/// </summary>
internal static class LocalStepFunctions
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "tests", "stepfunctions");

    /// <summary>asl-validator's errors for each definition (none: valid).</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(IReadOnlyDictionary<string, string> definitions)
    {
        await NpmPackages.EnsureInstalledAsync(Folder);
        var folder = Directory.CreateTempSubdirectory("arazzogen-asl-").FullName;
        var files = definitions.ToDictionary(d => Path.Combine(folder, d.Key + ".asl.json"), d => d.Key);
        foreach (var (file, id) in files)
        {
            await File.WriteAllTextAsync(file, definitions[id]);
        }

        var printed = NpmPackages.Run("node", "validate.mjs " + string.Join(" ", files.Keys.Select(f => $"\"{f}\"")), Folder, TimeSpan.FromMinutes(2), allowFailure: true);
        var results = JsonSerializer.Deserialize<Dictionary<string, string[]>>(printed)!;
        return results.ToDictionary(r => files[r.Key], r => r.Value);
    }

    /// <summary>Runs a definition as an execution on a simulated SageMaker.</summary>
    /// <param name="definition">The state machine definition.</param>
    /// <param name="input">Its execution input.</param>
    /// <param name="simulation">What the simulator does, as the C# simulator is told.</param>
    /// <param name="more">More of the simulator's scenario: existingTrainingJobs (name, ageSeconds, outputPath), dynamoTables (name: activeAfterDescribes).</param>
    /// <param name="stateMachines">The state machines its startExecution.sync:2 tasks may run, by name (the workflow id).</param>
    public static async Task<Execution> RunAsync(string definition, JsonObject input, SimulationOptions simulation, JsonObject? more = null, IReadOnlyDictionary<string, string>? stateMachines = null)
    {
        await NpmPackages.EnsureInstalledAsync(Folder);
        var scenario = new JsonObject
        {
            ["trainingDuration"] = simulation.TrainingDuration.TotalSeconds,
            ["processingDuration"] = simulation.ProcessingDuration.TotalSeconds,
            ["endpointCreationDuration"] = simulation.EndpointCreationDuration.TotalSeconds,
            ["failTraining"] = simulation.FailTraining,
            ["failProcessing"] = simulation.FailProcessing,
            ["failEndpoint"] = simulation.FailEndpoint,
            ["throttledCallsPerOperation"] = simulation.ThrottledCallsPerOperation,
        };
        foreach (var (key, value) in more ?? new JsonObject())
        {
            scenario[key] = value?.DeepClone();
        }

        var request = new JsonObject
        {
            ["definition"] = JsonNode.Parse(definition),
            ["input"] = input.DeepClone(),
            ["scenario"] = scenario,
            ["stateMachines"] = new JsonObject((stateMachines ?? new Dictionary<string, string>()).Select(m => KeyValuePair.Create(m.Key, JsonNode.Parse(m.Value)))),
        };
        var file = Path.Combine(Directory.CreateTempSubdirectory("arazzogen-sfn-").FullName, "request.json");
        await File.WriteAllTextAsync(file, request.ToJsonString());
        var printed = NpmPackages.Run("node", $"run.mjs \"{file}\"", Folder, TimeSpan.FromMinutes(2));
        return JsonSerializer.Deserialize<Execution>(printed, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <param name="Status">SUCCEEDED or FAILED.</param>
    /// <param name="Output">The execution's output, when it succeeded.</param>
    /// <param name="Error">The error it failed with.</param>
    /// <param name="Cause">The cause of that error.</param>
    /// <param name="Calls">How many times the state machine called each SageMaker operation.</param>
    /// <param name="Seconds">How long the run took on the simulator's clock.</param>
    /// <param name="Executions">The state machines run, by name: "main", then each child execution.</param>
    public sealed record Execution(string Status, JsonObject? Output, string? Error, string? Cause, Dictionary<string, int> Calls, string[] Executions, double Seconds)
    {
        public int CallsTo(string operation) => Calls.TryGetValue(operation, out var count) ? count : 0;
    }
}
