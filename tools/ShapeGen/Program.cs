using ShapeGen;

// Usage: dotnet run --project tools/ShapeGen [-- <aws-models folder> <standins folder>]
var root = FindRepoRoot();
var models = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "aws-models");
var output = args.Length > 1 ? args[1] : Path.Combine(root, "standins");

foreach (var spec in ServiceSpec.All)
{
    var model = new ServiceModel(Path.Combine(models, spec.ModelFile));
    var folder = Path.Combine(output, spec.ProjectFolder, "Generated");
    Directory.CreateDirectory(folder);
    foreach (var (file, text) in new ShapeEmitter(model, spec).Files())
    {
        File.WriteAllText(Path.Combine(folder, file), text.Replace("\r\n", "\n"));
        Console.WriteLine($"wrote {Path.GetRelativePath(root, Path.Combine(folder, file))}");
    }
}

static string FindRepoRoot()
{
    var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArazzoGen.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}
