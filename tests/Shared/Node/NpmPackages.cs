using System.Diagnostics;

namespace ArazzoGen.Testing;

/// <summary>The npm packages of a folder under tests/ (package.json and package-lock.json), installed with `npm ci` when missing.</summary>
internal static class NpmPackages
{
    // Several test classes use these packages and xunit runs them in parallel. `npm ci` starts by deleting
    // node_modules, so a second install would pull a package out from under a server another class has
    // just started: install once per process, behind this gate.
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static async Task EnsureInstalledAsync(string folder)
    {
        await InstallGate.WaitAsync();
        try
        {
            // npm writes node_modules/.package-lock.json after everything else, so its presence means
            // a finished install (a package's script alone could be a half-finished one).
            if (!File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json")))
            {
                Run("npm", "ci --no-audit --no-fund", folder, TimeSpan.FromMinutes(5));
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs a program to its end and returns what it printed; throws with its output when it fails or does not end in time.</summary>
    public static string Run(string file, string arguments, string folder, TimeSpan timeout, bool allowFailure = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {arguments} did not end within {timeout} in {folder}: {output.Result}{error.Result}");
        }

        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} {arguments} failed in {folder}: {output.Result}{error.Result}");
        }

        return output.Result;
    }
}
