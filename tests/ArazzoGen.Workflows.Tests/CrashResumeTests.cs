using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using ArazzoGen.DynamoDB;
using ArazzoGen.Testing;
using ArazzoGen.Workflows.Tests.Infrastructure;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// Real crashes: a host process (tests/ArazzoGen.DurableHost) runs a durable workflow and is killed
/// with SIGKILL at a store write (a step boundary, a step's first poll, or just before the checkpoint
/// that would record a step's call); a new process resumes the run. Every run completes with the
/// outputs of an uninterrupted run and one create per resource, on the file store and on the
/// DynamoDB store (dynalite), for train-then-deploy (simulated SageMaker) and ensure-table (dynalite).
/// </summary>
public sealed partial class CrashResumeTests : IClassFixture<QuickDynaliteFixture>
{
    private static readonly string Host = Path.Combine(
        RepoRoot.Path, "tests", "ArazzoGen.DurableHost", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "ArazzoGen.DurableHost.dll");

    private readonly DynaliteFixture _dynalite;

    public CrashResumeTests(QuickDynaliteFixture dynalite) => _dynalite = dynalite;

    private string Endpoint => $"http://127.0.0.1:{_dynalite.Port}";

    [Theory]
    [InlineData("file")]
    [InlineData("dynamodb")]
    public async Task Train_then_deploy_killed_at_every_step_boundary_resumes_to_the_same_outputs_with_one_create_per_resource(string store)
    {
        await CrashEverywhereAsync("train-then-deploy", store, new[] { "CreateTrainingJob", "CreateModel", "CreateEndpointConfig", "CreateEndpoint" });
    }

    [Theory]
    [InlineData("file")]
    [InlineData("dynamodb")]
    public async Task Ensure_table_killed_at_every_step_boundary_resumes_to_the_same_outputs_with_one_table(string store)
    {
        await CrashEverywhereAsync("ensure-table", store, new[] { "CreateTable" });
    }

    /// <summary>
    /// Two processes on one run id and the DynamoDB store: the second starts once the first is
    /// advancing the run, and waits; the first is killed while polling the endpoint, and the second
    /// takes the run over when the lease runs out and finishes it. Each resource is created once.
    /// </summary>
    [Fact]
    public async Task A_second_process_on_the_same_run_waits_and_finishes_it_when_the_first_dies()
    {
        Run run;
        int firstExit, secondExit;
        string firstOutput, secondOutput;
        for (var tries = 1; ; tries++)
        {
            run = await NewRunAsync("train-then-deploy", "dynamodb");
            var advancing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = Task.Run(() => Start(run.Arguments + " --kill-at pollEndpoint_poll", line =>
            {
                if (line.StartsWith("WRITE 2 ", StringComparison.Ordinal))
                {
                    advancing.TrySetResult();
                }
            }));
            await advancing.Task.WaitAsync(TimeSpan.FromMinutes(1));
            (secondExit, secondOutput) = await Task.Run(() => Start(run.Arguments));
            (firstExit, firstOutput) = await first;
            // On a loaded machine the endpoint can be InService at its first poll, so the first never dies: run again.
            if (firstExit == 137 || tries == 3 || firstOutput.Contains(" pollEndpoint poll", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(firstExit == 137, firstOutput);
        Assert.True(secondExit == 0, secondOutput);
        Assert.Contains("\"EndpointStatus\":\"InService\"", Outputs(secondOutput));
        // The second process wrote nothing until it took over: its first write is past the first's last step.
        Assert.DoesNotContain("WRITE 1 createTrainingJob", secondOutput);
        var calls = File.ReadAllLines(run.Calls);
        foreach (var create in new[] { "CreateTrainingJob", "CreateModel", "CreateEndpointConfig", "CreateEndpoint" })
        {
            Assert.True(calls.Count(c => c == create) == 1, $"{create} was called {calls.Count(c => c == create)} times");
        }
    }

    private async Task CrashEverywhereAsync(string workflow, string store, string[] creates)
    {
        // One table of runs per test (creating one takes dynalite 1.5 s); each run has its own id.
        _runsTable = null;
        var reference = await NewRunAsync(workflow, store);
        var (exit, output) = Start(reference.Arguments);
        Assert.True(exit == 0, output);
        var expected = Outputs(output).Replace(reference.Table, "<table>");
        var writes = WriteLog().Matches(output).Select(m => m.Groups[2].Value + m.Groups[3].Value).ToList();

        // Each point where the run moves to another step or ends, and each step's first poll (poll counts vary from run to run).
        var killPoints = writes.Distinct().ToList();
        Assert.True(killPoints.Count >= 5, string.Join(", ", writes));
        foreach (var killAt in killPoints)
        {
            foreach (var before in new[] { true, false })
            {
                var run = await KilledRunAsync(workflow, store, killAt, before);

                var (resumedExit, resumed) = Start(run.Arguments);
                var what = $"{workflow} on the {store} store, killed {(before ? "before" : "after")} the first write at '{killAt}'";
                Assert.True(resumedExit == 0, what + ": " + resumed);
                Assert.Equal(expected, Outputs(resumed).Replace(run.Table, "<table>"));
                var calls = File.ReadAllLines(run.Calls);
                foreach (var create in creates)
                {
                    Assert.True(calls.Count(c => c == create) == 1, $"{what}: {create} was called {calls.Count(c => c == create)} times");
                }

                if (workflow == "ensure-table")
                {
                    using var client = _dynalite.CreateClient();
                    var tables = await client.ListTablesAsync(new ListTablesRequest());
                    Assert.Single(tables.TableNames, t => t == run.Table);
                    var items = await client.ScanAsync(new ScanRequest { TableName = run.Table });
                    Assert.Single(items.Items);
                }
            }
        }
    }

    private sealed record Run(string Arguments, string Calls, string Table);

    /// <summary>
    /// A new run, killed at its first write at <paramref name="killAt"/>. A step's first poll happens
    /// only when the job is still running at the first call, which a loaded machine can miss (the
    /// simulated clock runs 3000 times faster): a run that ended without reaching the point is
    /// replaced by a new one, at most twice.
    /// </summary>
    private async Task<Run> KilledRunAsync(string workflow, string store, string killAt, bool before)
    {
        for (var tries = 1; ; tries++)
        {
            var run = await NewRunAsync(workflow, store);
            var (exit, output) = Start(run.Arguments + $" --kill-at {killAt.Replace(' ', '_')}" + (before ? " --kill-before" : string.Empty));
            var reached = output.Split('\n').Any(l => l.Trim().EndsWith(" " + killAt, StringComparison.Ordinal) && l.StartsWith("WRITE ", StringComparison.Ordinal));
            if (exit == 0 && !reached && tries < 3)
            {
                continue;
            }

            Assert.True(exit == 137, $"expected SIGKILL at '{killAt}', got exit {exit}: {output}");
            return run;
        }
    }

    private string? _runsTable;

    private async Task<Run> NewRunAsync(string workflow, string store)
    {
        var folder = Directory.CreateTempSubdirectory("arazzo-crash-").FullName;
        var calls = Path.Combine(folder, "calls");
        File.WriteAllText(calls, string.Empty);
        var id = Guid.NewGuid().ToString("N")[..12];
        var table = "t" + id;
        var arguments = $"\"{Host}\" --workflow {workflow} --run-id run-{id} --calls \"{calls}\" --dynamodb {Endpoint} --table {table} --simulator \"{Path.Combine(folder, "sagemaker.json")}\"";
        if (store == "file")
        {
            return new Run(arguments + $" --store \"{Path.Combine(folder, "runs")}\"", calls, table);
        }

        if (_runsTable is null)
        {
            _runsTable = "runs-" + id;
            using var client = _dynalite.CreateClient();
            await DynamoDbRunStore.CreateTableAsync(client, _runsTable);
        }

        return new Run(arguments + $" --dynamodb-store {_runsTable}", calls, table);
    }

    private static (int ExitCode, string Output) Start(string arguments, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        void Received(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                }

                onLine?.Invoke(line);
            }
        }

        process.OutputDataReceived += Received;
        process.ErrorDataReceived += Received;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + arguments);
        }

        process.WaitForExit(); // the output is read to its end
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string Outputs(string output) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("OUTPUTS ", StringComparison.Ordinal));

    [GeneratedRegex(@"^WRITE (\d+) (\S+)( poll)?\s*$", RegexOptions.Multiline)]
    private static partial Regex WriteLog();
}
