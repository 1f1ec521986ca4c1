using System.Diagnostics;
using System.Reflection;

namespace ArazzoGen.Benchmarks;

/// <summary>This benchmark program, run again in a fresh process (a measure of peak memory or of allocations needs one of its own).</summary>
internal static class ThisProgram
{
    /// <summary>Runs it with <paramref name="arguments"/> and returns what it printed; throws, with its output, when it fails.</summary>
    public static string Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return ChildProcess.Output(start);
    }
}
