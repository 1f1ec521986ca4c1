using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    private Process? _process;

    public int Port { get; private set; }

    public AmazonDynamoDBClient CreateClient() =>
        new(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{Port}", AuthenticationRegion = "us-east-1" });

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepoRoot.Path, "tests", "dynalite");
        var cli = Path.Combine(folder, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            Run("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(5));
        }

        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo("node", $"\"{cli}\" --port {Port} --host 127.0.0.1 --createTableMs {(int)CreateTableTime.TotalMilliseconds} --deleteTableMs 50")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"dynalite did not start on port {Port}");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
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
