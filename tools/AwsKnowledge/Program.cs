using System.IO.Compression;
using System.Text;
using AwsKnowledge;

// Usage: dotnet run --project tools/AwsKnowledge [-- <botocore-data tarball or folder> <output file>]
// Reads every service's newest service-2.json and writes the index the generator embeds. The output
// depends only on the models and dotnet-names.tsv: same input, same bytes.
var root = FindRepoRoot();
var input = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "aws-models", "botocore-data-2026-08-07.tar.xz");
var output = args.Length > 1 ? args[1] : Path.Combine(root, "src", "ArazzoGen", "Bind", "Aws", "aws-apis.txt.gz");
var renames = DotNetNames.Load(Path.Combine(root, "tools", "AwsKnowledge", "dotnet-names.tsv"));

var data = ModelFolder.Open(input);
var text = new StringBuilder();
var services = 0;
foreach (var (service, modelPath) in ModelFolder.NewestModels(data))
{
    IndexWriter.Write(service, modelPath, renames, text);
    services++;
}

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var bytes = Encoding.UTF8.GetBytes(text.ToString());
using (var file = File.Create(output))
using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
{
    gzip.Write(bytes);
}

Console.WriteLine($"{services} services, {bytes.Length:N0} bytes of index, {new FileInfo(output).Length:N0} bytes compressed: {Path.GetRelativePath(root, output)}");
foreach (var unused in renames.Unused())
{
    Console.Error.WriteLine($"dotnet-names.tsv: '{unused}' matched nothing in the models");
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
