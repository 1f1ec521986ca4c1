using System.Runtime.CompilerServices;

namespace ArazzoGen.Tests.Infrastructure;

/// <summary>
/// Approved-file snapshots (Verify is not on this feed): the text must equal
/// Snapshots/NAME.verified.cs beside the tests. A difference writes NAME.received.cs and fails;
/// accepting it is a deliberate act: review the diff, then move received over verified.
/// </summary>
internal static class Snapshot
{
    // The package version changes with every release; a snapshot approves the code, not the version.
    private static string ScrubVersion(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"GeneratedCode\(""ArazzoGen"", ""[^""]*""\)", @"GeneratedCode(""ArazzoGen"", ""{version}"")");

    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "") => MatchFile(name, actual, "cs", callerPath);

    /// <summary>As <see cref="Match"/>, for text that is not C# (<paramref name="extension"/>: json).</summary>
    public static void MatchFile(string name, string actual, string extension, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verified = Path.Combine(folder, name + ".verified." + extension);
        var received = Path.Combine(folder, name + ".received." + extension);
        actual = ScrubVersion(actual.Replace("\r\n", "\n"));
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n") == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"Generated source differs from {verified}. Review `diff {verified} {received}` and move it over if the change is intended."
            : $"No approved snapshot yet: review {received} and rename it to {Path.GetFileName(verified)} to approve it.");
    }
}
