using System.Globalization;
using ArazzoGen.Benchmarks.Workflows;
using ArazzoGen.Testing;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// docs/reliability.md's fault table: the ensure-table workflow on the real AmazonDynamoDBClient
/// against dynalite, 30 % of HTTP requests faulted, many runs per fault sharing one client (the CI
/// runs the same <see cref="FaultTrial"/> with 4 runs per fault and asserts the contract), for each
/// <c>WorkflowOptions.TransientRetries</c> asked.
/// </summary>
internal static class FaultTable
{
    /// <param name="args">[runs per fault, default 200] [runs at once, default 8] [TransientRetries values, default 0,2,4]</param>
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var parallel = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var settings = (args.Length > 2 ? args[2] : "0,2,4").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

        // Tables ACTIVE after 200 ms, as the CI's fixture: the poll is real, and short.
        using var dynalite = new NodeServer("dynalite", port => $"\"{Path.Combine("node_modules", "dynalite", "cli.js")}\" --port {port} --host 127.0.0.1 --createTableMs 200 --deleteTableMs 50");
        await dynalite.StartAsync();

        Console.WriteLine($"{runs} runs per fault, {parallel} at once on one client, 30 % of HTTP requests faulted");
        Console.WriteLine();
        Console.WriteLine("| fault (30 % of requests) | TransientRetries | runs | completed | failed with a WorkflowException | of those, table exists though createTable failed | anomalies | HTTP attempts per logical call | requests faulted |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var fault in Enum.GetValues<Fault>().Where(f => Environment.GetEnvironmentVariable("ARAZZO_FAULT") is not { } only || f.ToString() == only))
        {
            foreach (var transientRetries in settings)
            {
                var row = await FaultTrial.RunAsync(RunAsync, dynalite.Port, fault, runs, parallel: parallel, transientRetries: transientRetries);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {Describe(fault)} | {transientRetries} | {row.Runs} | {row.Completed} ({100.0 * row.Completed / row.Runs:0.#} %) | {row.Failed} | {row.CreatedButFailed} | {row.Anomalies.Count} | {row.AttemptsPerCall:0.00} | {row.Faulted} |"));
                foreach (var anomaly in row.Anomalies.Take(3))
                {
                    Console.Error.WriteLine($"  anomaly: {anomaly}");
                }
            }
        }
    }

    private static async Task<string?> RunAsync(Amazon.DynamoDBv2.IAmazonDynamoDB client, ArazzoGen.Runtime.WorkflowOptions options, string table, string payload) =>
        (await new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(client), options)
            .RunAsync(new EnsureTableWriteReadWorkflow.Inputs { TableName = table, ItemId = "1", Payload = payload })).StoredPayload;

    private static string Describe(Fault fault) => fault switch
    {
        Fault.ResetBefore => "reset before the request reaches the service",
        Fault.ResetAfter => "reset after the service acted",
        Fault.ServerError => "500 InternalServerError",
        Fault.Unavailable => "503 ServiceUnavailable",
        Fault.Throttle => "400 ThrottlingException",
        Fault.StallAfter => "answer stalls past the timeout after the service acted",
        _ => "answer truncated after the service acted",
    };
}
