using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArazzoGen.Testing;

/// <summary>
/// A Node.js test server from npm (dynalite, s3rver) on a free loopback port: installed with
/// `npm ci` from its folder under tests/ when missing, started, stopped.
/// </summary>
internal sealed class NodeServer : IDisposable
{
    private readonly string _name;
    private readonly string _folder;
    private readonly Func<int, string> _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <param name="name">The folder under tests/ with its package.json and package-lock.json.</param>
    /// <param name="arguments">node's arguments for a port: the script under node_modules and its options.</param>
    public NodeServer(string name, Func<int, string> arguments)
    {
        _name = name;
        _folder = Path.Combine(RepoRoot.Path, "tests", name);
        _arguments = arguments;
    }

    public int Port { get; private set; }

    public string Folder => _folder;

    public async Task StartAsync()
    {
        await NpmPackages.EnsureInstalledAsync(_folder);

        // A port found free can be taken by someone else before the server binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync())
            {
                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"{_name} did not start (last port {Port}); it printed:\n{Output()}");
            }
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    private async Task<bool> TryStartAsync()
    {
        Dispose();
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo("node", _arguments(Port))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
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

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
