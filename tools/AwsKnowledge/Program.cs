using System.IO.Compression;
using System.Text;
using AwsKnowledge;

// Usage: dotnet run --project tools/AwsKnowledge [-- <botocore-data tarball or folder> <output file>]
// Reads every service's newest service-2.json and writes the index the generator embeds. The output
// depends only on the models and dotnet-names.tsv: same input, same bytes.
var root = FindRepoRoot();
var input = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "aws-models", "botocore-data-2026-08-07.tar.xz");
var output = args.Length > 1 ? args[1] : Path.Combine(root, "src", "ArazzoGen", "Bind", "Aws", "aws-apis.bin");
var renames = DotNetNames.Load(Path.Combine(root, "tools", "AwsKnowledge", "dotnet-names.tsv"));

var data = ModelFolder.Open(input);
var sections = new List<(string Service, string ServiceId, byte[] Text)>();
foreach (var (service, modelPath) in ModelFolder.NewestModels(data))
{
    var text = new StringBuilder();
    IndexWriter.Write(service, modelPath, renames, text);
    var section = text.ToString();
    var bytes = Encoding.UTF8.GetBytes(section);
    var serviceId = section.Substring(0, section.IndexOf('\n')).Split('\t')[2]; // the service line's
    sections.Add((service, serviceId, bytes));
}

// One gzip member per service after a table of contents, so the generator inflates only the
// services a compilation calls (the whole index inflated took 100+ ms of a fresh compiler process).
var members = new MemoryStream();
var contents = new StringBuilder("arazzogen-aws-apis 2\n"); // the format src/ArazzoGen/Bind/Aws/AwsApiIndex.cs reads
foreach (var (service, serviceId, bytes) in sections)
{
    var offset = members.Length;
    using (var gzip = new GZipStream(members, CompressionLevel.SmallestSize, leaveOpen: true))
    {
        gzip.Write(bytes);
    }

    contents.Append(service).Append('\t').Append(serviceId).Append('\t').Append(offset).Append('\t').Append(members.Length - offset).Append('\n');
}

contents.Append('\n');
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
using (var file = File.Create(output))
{
    file.Write(Encoding.UTF8.GetBytes(contents.ToString()));
    members.Position = 0;
    members.CopyTo(file);
}

Console.WriteLine($"{sections.Count} services, {sections.Sum(s => s.Text.Length):N0} bytes of index, {new FileInfo(output).Length:N0} bytes compressed: {Path.GetRelativePath(root, output)}");
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
