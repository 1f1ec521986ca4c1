namespace ArazzoGen.Tool;

/// <summary>Where a command writes one file per workflow: a path is a folder when it exists as one or ends with a separator.</summary>
internal static class OutputPath
{
    public static bool IsFolder(string path) =>
        Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar);
}
