using System.Diagnostics;
using System.IO.Compression;
using ArazzoGen.Testing;
using ArazzoGen.Workflows.Tests.Infrastructure;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// The package as a user installs it: `dotnet pack` at the repository root, then a project in a
/// temporary folder that restores ArazzoGen from that folder feed (plus the normal feed), builds
/// with a DynamoDB workflow and runs it against dynalite; the arazzogen tool installed from the same feed
/// checks a broken workflow and draws one as SVG. No project-reference shortcut.
/// </summary>
public class PackageTests : IClassFixture<DynaliteFixture>, IDisposable
{
    private static readonly string Root = RepoRoot.Path;
    private readonly DynaliteFixture _dynalite;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "arazzogen-package-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

    public PackageTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    [Fact]
    public async Task The_packed_package_builds_and_runs_a_consumer_reports_a_broken_workflow_at_its_line_and_its_tool_checks_and_draws()
    {
        var feed = Path.Combine(_work, "feed");
        // Pack a copy of the repository: packing with a test version rewrites obj/ files that builds
        // running in parallel (the sample, the fixture consumer) read.
        var repository = CopyRepository(Path.Combine(_work, "repo"));
        var (packed, packOutput) = DotNet.Run($"pack -c Release -o \"{feed}\" -p:Version={_version}", repository);
        Assert.True(packed == 0, packOutput);
        // ArazzoGen (runtime and generator), ArazzoGen.DynamoDB (the run store), ArazzoGen.Hosting (dependency injection), ArazzoGen.Sqs (event-driven waits), ArazzoGen.Tool (the arazzogen tool).
        Assert.Equal(
            new[] { $"ArazzoGen.{_version}.nupkg", $"ArazzoGen.DynamoDB.{_version}.nupkg", $"ArazzoGen.Hosting.{_version}.nupkg", $"ArazzoGen.Sqs.{_version}.nupkg", $"ArazzoGen.Tool.{_version}.nupkg" },
            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // Each package comes with its symbols, for stepping into ArazzoGen's own code.
        Assert.Equal(
            new[] { $"ArazzoGen.{_version}.snupkg", $"ArazzoGen.DynamoDB.{_version}.snupkg", $"ArazzoGen.Hosting.{_version}.snupkg", $"ArazzoGen.Sqs.{_version}.snupkg", $"ArazzoGen.Tool.{_version}.snupkg" },
            Directory.GetFiles(feed, "*.snupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var package = Path.Combine(feed, $"ArazzoGen.{_version}.nupkg");
        AssertLayout(package);

        var consumer = CreateConsumer(feed);
        var (ran, runOutput) = DotNet.Run($"run -- {_dynalite.Port}", consumer);
        Assert.True(ran == 0, runOutput);
        Assert.Contains("stored: written through the packed ArazzoGen", runOutput);
        Assert.Contains("table: ACTIVE", runOutput);
        Assert.Contains("resumed from DynamoDB: ACTIVE", runOutput);
        // The compiler got the generator compiled ahead of time for its machine, when the package has one.
        var sdkRuntime = File.ReadAllLines(Path.Combine(consumer, "obj", "sdk-runtime.txt")).Single();
        var expected = ReadyToRunRuntimes.Contains(sdkRuntime) ? $"readytorun/net10.0/{sdkRuntime}/" : "analyzers/dotnet/cs/";
        AssertGeneratorFrom(consumer, expected);
        // Alpine's SDK names its machine linux-musl-x64: it gets the linux-x64 copy, which crossgen2 writes byte for byte the same.
        var (resolved, resolveOutput) = DotNet.Run("msbuild -nologo -v:q -t:ResolveLockFileAnalyzers;RecordAnalyzers -p:NETCoreSdkRuntimeIdentifier=linux-musl-x64", consumer);
        Assert.True(resolved == 0, resolveOutput);
        AssertGeneratorFrom(consumer, "readytorun/net10.0/linux-x64/");

        // A misspelt request member: the consumer's build fails at the YAML line. Built with the IL
        // generator (ArazzoReadyToRun=false): the same diagnostics either way.
        var workflow = Path.Combine(consumer, "workflows", "ensure-table.yml");
        File.WriteAllText(workflow, File.ReadAllText(workflow).Replace("        ConsistentRead: true", "        ConsistentReed: true"));
        var (built, buildOutput) = DotNet.Run("build -nologo -v:q -p:ArazzoReadyToRun=false", consumer);
        Assert.NotEqual(0, built);
        AssertGeneratorFrom(consumer, "analyzers/dotnet/cs/");
        var line = File.ReadAllLines(workflow).ToList().FindIndex(l => l.Contains("ConsistentReed", StringComparison.Ordinal)) + 1;
        Assert.Contains($"ensure-table.yml({line},9): error ARZ1005: GetItemRequest has no member 'ConsistentReed'; did you mean 'ConsistentRead'?", buildOutput);

        // The tool, installed as a user installs it, finds a Validate error in the same folder without a build.
        var tools = Path.Combine(_work, "tools");
        var (installed, installOutput) = DotNet.Run($"tool install ArazzoGen.Tool --version {_version} --tool-path \"{tools}\" --add-source \"{feed}\"", _work);
        Assert.True(installed == 0, installOutput);
        File.WriteAllText(workflow, File.ReadAllText(workflow).Replace("$inputs.tableName", "$inputs.tabelName", StringComparison.Ordinal));
        var check = Process.Start(new ProcessStartInfo(Path.Combine(tools, "arazzogen"), $"check \"{Path.Combine(consumer, "workflows")}\"") { RedirectStandardOutput = true })!;
        var checkOutput = check.StandardOutput.ReadToEnd();
        check.WaitForExit();
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("error ARZ0209: ", checkOutput);
        Assert.Contains("did you mean 'tableName'", checkOutput);

        // ... and draws train-then-deploy as a picture, through mermaid-cli and the machine's Chromium.
        var mermaid = Path.Combine(Root, "tests", "mermaid");
        await NpmPackages.EnsureInstalledAsync(mermaid);
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: the SVG is drawn by Debian's chromium (apt-get install chromium; .ci/run installs it).");
        var launch = Path.Combine(_work, "puppeteer.json");
        File.WriteAllText(launch, $$"""{"executablePath": "{{Chromium}}", "args": ["--no-sandbox"]}""");
        var svg = Path.Combine(_work, "train-then-deploy.svg");
        var drawn = NpmPackages.Run(
            Path.Combine(tools, "arazzogen"),
            $"graph \"{Path.Combine(Root, "workflows", "amazon-sagemaker-train-then-deploy-workflow.yml")}\" --svg \"{svg}\" --mmdc \"{Path.Combine(mermaid, "node_modules", ".bin", "mmdc")}\" --puppeteer-config \"{launch}\"",
            _work,
            TimeSpan.FromMinutes(3));
        Assert.Contains($"wrote {svg}", drawn);
        var picture = System.Xml.Linq.XDocument.Load(svg);
        Assert.Equal("{http://www.w3.org/2000/svg}svg", picture.Root!.Name.ToString());
        var labels = picture.Root.Value;
        foreach (var step in new[] { "createTrainingJob", "pollTrainingJob", "createModel", "createEndpointConfig", "createEndpoint", "pollEndpoint", "stillTraining (goto)", "trainingFailed (end)", "fails" })
        {
            Assert.Contains(step, labels);
        }
    }

    private const string Chromium = "/usr/bin/chromium";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "arazzogen", "arazzogen.dynamodb", "arazzogen.hosting", "arazzogen.sqs", "arazzogen.tool" })
            {
                var cached = Path.Combine(packages, id, _version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }

    /// <summary>The repository's files without build output, installed packages or test results.</summary>
    private static string CopyRepository(string target)
    {
        var skip = new HashSet<string>(StringComparer.Ordinal) { "bin", "obj", "node_modules", "TestResults", ".git", "BenchmarkDotNet.Artifacts" };
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var destination = Path.Combine(target, Path.GetRelativePath(Root, folder));
            Directory.CreateDirectory(destination);
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }

            foreach (var child in Directory.GetDirectories(folder).Where(d => !skip.Contains(Path.GetFileName(d))))
            {
                pending.Push(child);
            }
        }

        return target;
    }

    /// <summary>The machines the package carries a ReadyToRun generator for, and the PE machine value crossgen2 gives each (the architecture's, XOR the OS's: 0x7B79 Linux, 0x4644 Apple, 0 Windows).</summary>
    private static readonly Dictionary<string, ushort> ReadyToRunMachines = new()
    {
        ["linux-x64"] = 0x8664 ^ 0x7B79,
        ["linux-arm64"] = 0xAA64 ^ 0x7B79,
        ["win-x64"] = 0x8664,
        ["osx-arm64"] = 0xAA64 ^ 0x4644,
    };

    private static IReadOnlyCollection<string> ReadyToRunRuntimes => ReadyToRunMachines.Keys;

    /// <summary>The generator the consumer's last compile was handed (its RecordAnalyzers target), relative to the package.</summary>
    private static void AssertGeneratorFrom(string consumer, string folder)
    {
        var analyzers = File.ReadAllLines(Path.Combine(consumer, "obj", "analyzers.txt")).Select(a => a.Replace('\\', '/')).ToList();
        var ours = analyzers.Where(a => a.Contains("/arazzogen/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, a => Assert.Contains(folder, a, StringComparison.Ordinal));
        Assert.Contains(ours, a => a.EndsWith("/ArazzoGen.Generator.dll", StringComparison.Ordinal));
        Assert.Contains(ours, a => a.EndsWith("/YamlDotNet.dll", StringComparison.Ordinal));
    }

    private static void AssertLayout(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("analyzers/dotnet/cs/ArazzoGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", entries);
        Assert.Contains("build/ArazzoGen.targets", entries);
        // Each ReadyToRun copy is the shipped IL assembly (the same module version id), compiled for its machine.
        var shipped = ReadImage(zip, "analyzers/dotnet/cs/ArazzoGen.Generator.dll").Mvid;
        foreach (var (runtime, machine) in ReadyToRunMachines)
        {
            foreach (var assembly in new[] { "ArazzoGen.Generator.dll", "YamlDotNet.dll" })
            {
                var image = ReadImage(zip, $"readytorun/net10.0/{runtime}/{assembly}");
                Assert.True(image.ReadyToRun, $"{runtime}/{assembly} has no ReadyToRun code");
                Assert.Equal(machine, image.Machine);
            }

            Assert.Equal(shipped, ReadImage(zip, $"readytorun/net10.0/{runtime}/ArazzoGen.Generator.dll").Mvid);
        }

        Assert.Equal(ReadyToRunRuntimes.Count * 2, entries.Count(e => e.StartsWith("readytorun/", StringComparison.Ordinal)));
        Assert.Contains("lib/net8.0/ArazzoGen.Runtime.dll", entries);
        Assert.Contains("build/ArazzoGen.props", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.Contains("StandIns", StringComparison.OrdinalIgnoreCase) || e.Contains("SageMaker", StringComparison.OrdinalIgnoreCase));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = nuspec.ReadToEnd();
        foreach (var dependency in new[] { "AWSSDK.Core", "Polly.Core", "Microsoft.Extensions.Logging.Abstractions" })
        {
            Assert.Contains($"id=\"{dependency}\"", manifest);
        }

        Assert.DoesNotContain("YamlDotNet", manifest);
        Assert.Contains("<readme>README.md</readme>", manifest);
        Assert.Contains("<repository type=\"git\" url=\"https://github.com/arazzogen/arazzogen\"", manifest);
    }

    /// <summary>An assembly in the package: its module version id, whether it has ReadyToRun code, and its PE machine value.</summary>
    private static (Guid Mvid, bool ReadyToRun, ushort Machine) ReadImage(ZipArchive zip, string entry)
    {
        using var copy = new MemoryStream();
        using (var stream = zip.GetEntry(entry)?.Open() ?? throw new Xunit.Sdk.XunitException($"the package has no {entry}"))
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var headers = pe.PEHeaders;
        return (metadata.GetGuid(metadata.GetModuleDefinition().Mvid), headers.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, (ushort)headers.CoffHeader.Machine);
    }

    private string CreateConsumer(string feed)
    {
        var consumer = Path.Combine(_work, "Consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "workflows"));
        File.Copy(Path.Combine(Root, "workflows", "amazon-dynamodb-ensure-table-write-read-workflow.yml"), Path.Combine(consumer, "workflows", "ensure-table.yml"));
        var sources = File.ReadAllText(Path.Combine(Root, "nuget.config"))
            .Replace("<clear />", $"<clear />\n    <add key=\"local\" value=\"{feed}\" />");
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), sources);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ArazzoGen" Version="{_version}" />
                <PackageReference Include="ArazzoGen.DynamoDB" Version="{_version}" />
                <PackageReference Include="AWSSDK.DynamoDBv2" Version="4.0.103.2" />
                <AdditionalFiles Include="workflows/*.yml" />
              </ItemGroup>
              <!-- What the compiler is handed, for the test to read. -->
              <Target Name="RecordAnalyzers" BeforeTargets="CoreCompile">
                <WriteLinesToFile File="$(BaseIntermediateOutputPath)analyzers.txt" Lines="@(Analyzer)" Overwrite="true" />
                <WriteLinesToFile File="$(BaseIntermediateOutputPath)sdk-runtime.txt" Lines="$(NETCoreSdkRuntimeIdentifier)" Overwrite="true" />
              </Target>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Amazon.DynamoDBv2;
            using Amazon.Runtime;
            using ArazzoGen.DynamoDB;
            using ArazzoGen.Runtime;
            using Consumer.Workflows;

            var client = new AmazonDynamoDBClient(
                new BasicAWSCredentials("test", "test"),
                new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{args[0]}", AuthenticationRegion = "us-east-1" });
            var runs = "runs-" + Guid.NewGuid().ToString("N")[..8];
            await DynamoDbRunStore.CreateTableAsync(client, runs);
            var options = new WorkflowOptions
            {
                Store = new DynamoDbRunStore(client, runs),
                Polls = { ["waitForTable"] = new PollOptions { Delay = TimeSpan.FromMilliseconds(100) } },
            };
            var workflow = new EnsureTableWriteReadWorkflow(new EnsureTableWriteReadWorkflow.Clients(client), options);
            var outputs = await workflow.RunAsync(new EnsureTableWriteReadWorkflow.Inputs
            {
                TableName = "consumer-" + Guid.NewGuid().ToString("N")[..8],
                ItemId = "package-check",
                Payload = "written through the packed ArazzoGen",
            });
            Console.WriteLine($"table: {outputs.TableStatus}");
            Console.WriteLine($"stored: {outputs.StoredPayload}");
            Console.WriteLine($"resumed from DynamoDB: {(await workflow.ResumeAsync(outputs.RunId!)).TableStatus}");
            """);
        return consumer;
    }
}
