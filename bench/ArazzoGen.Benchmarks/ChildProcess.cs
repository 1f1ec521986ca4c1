using System.Diagnostics;

namespace ArazzoGen.Benchmarks;

/// <summary>The one way the benchmarks start a process and wait for what it prints.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="start"/> (set here to redirect both outputs) to its end and returns its
    /// standard output; throws, with both outputs, when it exits with an error.
    /// </summary>
    public static string Output(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(); // read alongside, so neither pipe fills and blocks the child
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var command = start.ArgumentList.Count > 0 ? string.Join(' ', start.ArgumentList) : start.Arguments;
            throw new InvalidOperationException($"{start.FileName} {command} exited with {process.ExitCode}:\n{output}{error.Result}");
        }

        return output;
    }
}
