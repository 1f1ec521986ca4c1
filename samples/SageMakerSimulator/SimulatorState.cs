using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArazzoGen.Samples.Simulation;

/// <summary>
/// The simulated account kept in a JSON file: its jobs, models, endpoint configurations, endpoints and
/// call counts, and the simulated time, so a sample process that is killed and started again finds
/// the "AWS side" as it left it.
/// </summary>
internal static class SimulatorState
{
    public static void Save(string path, SimulatedSageMaker simulator)
    {
        var state = new JsonObject
        {
            ["savedAt"] = simulator.UtcNow.ToString("O"),
            ["trainingJobs"] = Jobs(simulator.TrainingJobs),
            ["processingJobs"] = Jobs(simulator.ProcessingJobs),
            ["endpoints"] = Jobs(simulator.Endpoints),
            ["models"] = Map(simulator.Models),
            ["endpointConfigs"] = Map(simulator.EndpointConfigs),
            ["calls"] = new JsonObject(simulator.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        };
        var temporary = path + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
            {
                state.WriteTo(json);
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The simulated time the file was last saved at, or null when there is no file.</summary>
    public static DateTimeOffset? SavedAt(string path) =>
        File.Exists(path) ? DateTimeOffset.Parse(JsonNode.Parse(File.ReadAllText(path))!["savedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Holds the account for one call, across processes (FileShare.None is an flock on Unix).</summary>
    public static FileStream Lock(string path)
    {
        for (var waited = 0; ; waited++)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited < 2000)
            {
                Thread.Sleep(5);
            }
        }
    }

    /// <summary>Replaces what the simulator holds with what the file holds.</summary>
    public static void Load(string path, SimulatedSageMaker simulator)
    {
        var state = JsonNode.Parse(File.ReadAllText(path))!;
        simulator.TrainingJobs.Clear();
        simulator.ProcessingJobs.Clear();
        simulator.Endpoints.Clear();
        simulator.Models.Clear();
        simulator.EndpointConfigs.Clear();
        simulator.Calls.Clear();
        LoadJobs(state["trainingJobs"], simulator.TrainingJobs);
        LoadJobs(state["processingJobs"], simulator.ProcessingJobs);
        LoadJobs(state["endpoints"], simulator.Endpoints);
        foreach (var (name, value) in state["models"]!.AsObject())
        {
            simulator.Models[name] = value!.GetValue<string>();
        }

        foreach (var (name, value) in state["endpointConfigs"]!.AsObject())
        {
            simulator.EndpointConfigs[name] = value!.GetValue<string>();
        }

        foreach (var (operation, count) in state["calls"]!.AsObject())
        {
            simulator.Calls[operation] = count!.GetValue<int>();
        }
    }

    private static JsonObject Jobs(IEnumerable<KeyValuePair<string, SimulatedSageMaker.Job>> jobs) =>
        new(jobs.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => KeyValuePair.Create(j.Key, (JsonNode?)new JsonObject
        {
            ["createdAt"] = j.Value.CreatedAt.ToString("O"),
            ["stoppedAt"] = j.Value.StoppedAt?.ToString("O"),
            ["outputPath"] = j.Value.OutputPath,
            ["outputs"] = j.Value.Outputs is { } outputs
                ? new JsonArray(outputs.Select(o => (JsonNode?)new JsonObject { ["name"] = o.Name, ["s3Uri"] = o.S3Uri, ["localPath"] = o.LocalPath }).ToArray())
                : null,
        })));

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> map) =>
        new(map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));

    private static void LoadJobs(JsonNode? jobs, System.Collections.Concurrent.ConcurrentDictionary<string, SimulatedSageMaker.Job> into)
    {
        foreach (var (name, node) in jobs!.AsObject())
        {
            DateTimeOffset? Time(string key) => node![key]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
            into[name] = new SimulatedSageMaker.Job(name, Time("createdAt")!.Value)
            {
                OutputPath = node!["outputPath"]?.GetValue<string>(),
                Outputs = node["outputs"]?.AsArray().Select(o => (o!["name"]!.GetValue<string>(), o["s3Uri"]?.GetValue<string>(), o["localPath"]?.GetValue<string>())).ToList(),
                StoppedAt = Time("stoppedAt"),
            };
        }
    }
}
