using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.DynamoDBv2;
using ArazzoGen.Testing;
using Amazon.Runtime;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// dynalite (a DynamoDB implementation, npm) on a free loopback port, for end-to-end tests of the
/// real AWSSDK.DynamoDBv2 client over HTTP. Installs it with `npm ci` when it is missing, starts it
/// with table creation taking real time (so CREATING -> ACTIVE polling is real), stops it after.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    /// <summary>How long dynalite keeps a new table CREATING.</summary>
    public static readonly TimeSpan CreateTableTime = TimeSpan.FromMilliseconds(1500);

    private static readonly string Folder = Path.Combine(RepoRoot.Path, "tests", "dynalite");

    // Several test classes use this fixture and xunit runs them in parallel. `npm ci` starts by deleting
    // node_modules, so a second install would pull dynalite out from under a server the first class has
    // just started: install once per process, behind this gate.
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private Process? _process;
    private readonly StringBuilder _output = new();

    public int Port { get; private set; }

    public AmazonDynamoDBClient CreateClient() =>
        new(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{Port}", AuthenticationRegion = "us-east-1" });

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();

        // A port found free can be taken by someone else before dynalite binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync())
            {
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"dynalite did not start (last port {Port}); it printed:\n{Output()}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            // npm writes node_modules/.package-lock.json after everything else, so its presence means
            // a finished install (dynalite's cli.js alone could be a half-finished one).
            if (!File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")))
            {
                Run("npm", "ci --no-audit --no-fund", Folder, TimeSpan.FromMinutes(5));
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private async Task<bool> TryStartAsync()
    {
        Stop();
        Port = FreePort();
        var cli = Path.Combine(Folder, "node_modules", "dynalite", "cli.js");
        _process = Process.Start(new ProcessStartInfo("node", $"\"{cli}\" --port {Port} --host 127.0.0.1 --createTableMs {(int)CreateTableTime.TotalMilliseconds} --deleteTableMs 50")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        })!;
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var i = 0; i < 150 && !_process.HasExited; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.Length == 0 ? "(nothing)" : _output.ToString();
        }
    }

    private void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string file, string arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed in {folder}: {output.Result}{error.Result}");
        }
    }
}
