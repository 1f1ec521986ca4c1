namespace ArazzoGen.Testing;

/// <summary>The repository root (the folder holding ArazzoGen.sln), found from the test's output folder.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ArazzoGen.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ArazzoGen.sln not found above " + AppContext.BaseDirectory);
    }
}
