using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Linux perf's CPU samples of a .NET process, with call stacks: the runtime's perf map names the
/// JIT-compiled methods (ReadyToRun code is named only by its module). For proportions of CPU by
/// what runs, which a shared machine's noise leaves readable where wall-clock totals are not.
/// </summary>
internal static partial class PerfSamples
{
    public static void EnsureAvailable(string command)
    {
        if (!File.Exists("/usr/bin/perf"))
        {
            throw new InvalidOperationException($"{command} needs Linux perf (Debian: apt-get install linux-perf).");
        }
    }

    /// <summary>Runs <paramref name="file"/> under perf record and returns its samples and its standard output.</summary>
    public static (List<Sample> Samples, string Output) Record(string file, string arguments, string folder, string data, int frequency)
    {
        var record = new ProcessStartInfo("/usr/bin/perf", $"record -q -F {frequency} -g -o \"{data}\" {file} {arguments}")
        {
            WorkingDirectory = folder,
        };
        // Names for JIT-compiled code (perf-<pid>.map); W^X would hide it behind a double mapping perf cannot read.
        record.Environment["DOTNET_PerfMapEnabled"] = "1";
        record.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        var output = ChildProcess.Output(record);
        var script = ChildProcess.Output(new ProcessStartInfo("/usr/bin/perf", $"script -i \"{data}\" -F tid,ip,sym,dso"));
        File.Delete(data);
        return (Parse(script), output);
    }

    /// <summary>A method's name without its signature and assembly tags.</summary>
    public static string Short(string symbol) => Regex.Replace(Regex.Replace(symbol, @"\(.*$", string.Empty), @"\[[\w.]+\]|\b(class|valuetype|instance) ", string.Empty).Trim();

    /// <summary>perf script's samples: a line with the thread, then one line per frame, innermost first.</summary>
    private static List<Sample> Parse(string script)
    {
        var samples = new List<Sample>();
        List<Frame>? frames = null;
        foreach (var line in script.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]) || ThreadLine().IsMatch(line))
            {
                if (frames is { Count: > 0 })
                {
                    samples.Add(new Sample(frames));
                }

                frames = new List<Frame>();
                continue;
            }

            if (FrameLine().Match(line) is { Success: true } frame)
            {
                frames?.Add(new Frame(frame.Groups[1].Value, frame.Groups[2].Value));
            }
        }

        if (frames is { Count: > 0 })
        {
            samples.Add(new Sample(frames));
        }

        return samples;
    }

    [GeneratedRegex(@"^\s*\d+\s*$")]
    private static partial Regex ThreadLine();

    [GeneratedRegex(@"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")]
    private static partial Regex FrameLine();

    /// <summary>A frame: the method (or [unknown]) and the module its code is in.</summary>
    public sealed record Frame(string Symbol, string Module);

    /// <summary>A sample's stack, innermost frame first.</summary>
    public sealed record Sample(List<Frame> Frames);
}
