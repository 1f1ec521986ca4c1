using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace ArazzoGen.Bind.Aws;

/// <summary>
/// The models of every AWS service, as written by tools/AwsKnowledge and embedded in the generator:
/// its table of contents read once per process; each service inflated and parsed the first time a
/// compilation calls it.
/// </summary>
internal sealed class AwsApiIndex
{
    private const string ResourceName = "ArazzoGen.aws-apis.bin";
    private const string Format = "arazzogen-aws-apis 2";

    // The .NET SDK's namespaces that are neither the model's serviceId nor its folder name.
    private static readonly Dictionary<string, string> DotNetNamespaces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KeyManagementService"] = "kms",
        ["DynamoDBv2"] = "dynamodb",
        ["SimpleNotificationService"] = "sns",
        ["SimpleEmail"] = "ses",
        ["SimpleEmailV2"] = "sesv2",
        ["SimpleSystemsManagement"] = "ssm",
        ["SimpleWorkflow"] = "swf",
        ["SimpleDB"] = "sdb",
        ["IdentityManagement"] = "iam",
        ["SecurityToken"] = "sts",
        ["ElasticFileSystem"] = "efs",
        ["ElasticLoadBalancing"] = "elb",
        ["ElasticLoadBalancingV2"] = "elbv2",
        ["CloudWatchLogs"] = "logs",
        ["CloudWatchEvents"] = "events",
        ["KinesisFirehose"] = "firehose",
        ["CertificateManager"] = "acm",
        ["ElasticMapReduce"] = "emr",
        ["ECS"] = "ecs",
        ["SageMakerRuntime"] = "sagemaker-runtime",
        ["CognitoIdentityProvider"] = "cognito-idp",
        ["ApplicationAutoScaling"] = "application-autoscaling",
    };

    private static readonly Lazy<AwsApiIndex> SharedIndex = new(Load);

    // The embedded resource; each service's gzip member starts at _membersAt plus its offset.
    private readonly byte[] _resource;
    private readonly int _membersAt;
    private readonly Dictionary<string, Section> _sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byServiceId = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, AwsApi> _parsed = new(StringComparer.OrdinalIgnoreCase);

    private AwsApiIndex(IEnumerable<string> contents, byte[] resource, int membersAt)
    {
        _resource = resource;
        _membersAt = membersAt;
        foreach (var line in contents)
        {
            // service, serviceId, offset, length
            var fields = line.Split('\t');
            _sections[fields[0]] = new Section(int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
            _byServiceId[Normalize(fields[1])] = fields[0];
        }
    }

    public static AwsApiIndex Shared => SharedIndex.Value;

    public int ServiceCount => _sections.Count;

    /// <summary>The service an SDK client namespace (<c>Amazon.S3</c>, <c>Amazon.KeyManagementService</c>) calls, or null when no model has it.</summary>
    public AwsApi? ForNamespace(string clientNamespace)
    {
        var last = clientNamespace.Substring(clientNamespace.LastIndexOf('.') + 1);
        if (DotNetNamespaces.TryGetValue(last, out var known))
        {
            return Service(known);
        }

        if (_sections.ContainsKey(last))
        {
            return Service(last);
        }

        return _byServiceId.TryGetValue(Normalize(last), out var byId) ? Service(byId) : null;
    }

    public AwsApi? Service(string name)
    {
        if (_parsed.TryGetValue(name, out var parsed))
        {
            return parsed;
        }

        if (!_sections.TryGetValue(name, out var section))
        {
            return null;
        }

        return _parsed.GetOrAdd(name, _ => Parse(Inflate(section.Offset, section.Length)));
    }

    private static AwsApi Parse(string section)
    {
        var operations = new List<AwsOperation>();
        var shapes = new List<AwsShape>();
        string[]? header = null;
        string[]? shape = null;
        var members = new List<AwsMember>();

        void FinishShape()
        {
            if (shape is not null)
            {
                var kind = shape[2] switch { "list" => AwsShapeKind.List, "map" => AwsShapeKind.Map, _ => AwsShapeKind.Structure };
                shapes.Add(new AwsShape(shape[1], kind, members.ToArray(), Field(shape, 3), Field(shape, 4), Field(shape, 5) == "flattened"));
                members.Clear();
            }
        }

        foreach (var line in section.Split('\n'))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "service":
                    header = fields;
                    break;
                case "op":
                    operations.Add(new AwsOperation(fields[1], Field(fields, 2) ?? "POST", Field(fields, 3) ?? "/", Field(fields, 4), Field(fields, 5), Field(fields, 6) ?? fields[1], Field(fields, 7) == "deprecated"));
                    break;
                case "shape":
                    FinishShape();
                    shape = fields;
                    break;
                case "member":
                    var flags = Field(fields, 5) ?? string.Empty;
                    members.Add(new AwsMember(fields[1], Field(fields, 2), Field(fields, 3), Field(fields, 4) ?? fields[1], flags.Contains("payload"), flags.Contains("streaming"), Field(fields, 6), flags.Contains("idempotency")));
                    break;
            }
        }

        FinishShape();
        return new AwsApi(header![1], Field(header, 2) ?? header[1], Field(header, 3) ?? "json", operations, shapes);
    }

    private static string? Field(string[] fields, int index) => index < fields.Length && fields[index].Length > 0 ? fields[index] : null;

    private static string Normalize(string name)
    {
        var letters = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(c);
            }
        }

        return letters.ToString();
    }

    private static AwsApiIndex Load()
    {
        try
        {
            return Read();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // Never fail the generator for it: without the models, binding uses the SDK's names only.
            return new AwsApiIndex(Array.Empty<string>(), Array.Empty<byte>(), 0);
        }
    }

    private static AwsApiIndex Read()
    {
        using var resource = typeof(AwsApiIndex).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The generator assembly has no resource {ResourceName}.");
        using var buffer = new MemoryStream();
        resource.CopyTo(buffer);
        var bytes = buffer.ToArray();

        // A table of contents ending in an empty line, then the members it points into.
        var end = IndexOfEmptyLine(bytes);
        var contents = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
        if (contents[0] != Format)
        {
            throw new InvalidDataException($"{ResourceName} is not {Format}.");
        }

        return new AwsApiIndex(contents.Skip(1).Where(line => line.Length > 0), bytes, end + 1);
    }

    private static int IndexOfEmptyLine(byte[] bytes)
    {
        for (var at = 1; at < bytes.Length; at++)
        {
            if (bytes[at] == (byte)'\n' && bytes[at - 1] == (byte)'\n')
            {
                return at;
            }
        }

        throw new InvalidDataException($"{ResourceName} has no table of contents.");
    }

    private string Inflate(int offset, int length)
    {
        using var gzip = new GZipStream(new MemoryStream(_resource, _membersAt + offset, length, writable: false), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Where a service's compressed section is in the index.</summary>
    /// <remarks>A class, not a tuple: generic code over a value type is JIT-compiled afresh in every compiler process (docs/performance.md).</remarks>
    private sealed record Section(int Offset, int Length);
}
