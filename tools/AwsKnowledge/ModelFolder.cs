using System.Diagnostics;

namespace AwsKnowledge;

/// <summary>The botocore <c>data</c> folder: given directly, or unpacked from the models tarball into a temporary folder.</summary>
internal static class ModelFolder
{
    public static string Open(string input)
    {
        if (Directory.Exists(input))
        {
            return input;
        }

        // .NET reads tar but not xz: the system's tar unpacks it.
        var folder = Path.Combine(Path.GetTempPath(), "arazzogen-botocore-" + Path.GetFileNameWithoutExtension(input));
        if (!Directory.Exists(Path.Combine(folder, "botocore", "data")))
        {
            Directory.CreateDirectory(folder);
            var tar = Process.Start(new ProcessStartInfo("tar", ["-xJf", Path.GetFullPath(input), "-C", folder]))!;
            tar.WaitForExit();
            if (tar.ExitCode != 0)
            {
                throw new InvalidOperationException($"tar could not unpack {input}");
            }
        }

        return Path.Combine(folder, "botocore", "data");
    }

    /// <summary>Each service folder's newest API version that has a service-2.json, in ordinal order.</summary>
    public static IEnumerable<(string Service, string ModelPath)> NewestModels(string data)
    {
        foreach (var service in Directory.GetDirectories(data).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var newest = Directory.GetDirectories(Path.Combine(data, service!))
                .Where(v => File.Exists(Path.Combine(v, "service-2.json")))
                .Order(StringComparer.Ordinal)
                .LastOrDefault();
            if (newest is not null)
            {
                yield return (service!, Path.Combine(newest, "service-2.json"));
            }
        }
    }
}
