namespace AwsKnowledge;

/// <summary>
/// The AWS SDK for .NET's own names where they differ from the model's (dotnet-names.tsv): S3's
/// client is hand-written, so its operations and members are renamed; other services follow the model.
/// </summary>
internal sealed class DotNetNames
{
    private readonly Dictionary<(string Service, string Kind, string Name), string> _names = new();
    private readonly HashSet<(string, string, string)> _used = new();

    public static DotNetNames Load(string path)
    {
        var names = new DotNetNames();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 4)
            {
                throw new FormatException($"{path}: expected service, kind, model name, .NET name: '{line}'");
            }

            names._names[(fields[0], fields[1], fields[2])] = fields[3];
        }

        return names;
    }

    /// <summary>The SDK's name of an operation, or null when it is the model's.</summary>
    public string? Operation(string service, string operation) => Find(service, "operation", operation);

    /// <summary>
    /// The SDK's name of a member of <paramref name="shape"/>: as written for that shape, else for
    /// shapes whose name ends as a <c>*Suffix.Member</c> entry says (the longest suffix wins).
    /// </summary>
    public string? Member(string service, string shape, string member)
    {
        if (Find(service, "member", $"{shape}.{member}") is { } exact)
        {
            return exact;
        }

        var pattern = _names.Keys
            .Where(k => k.Service == service && k.Kind == "member" && k.Name.StartsWith('*') && k.Name.EndsWith("." + member, StringComparison.Ordinal))
            .Select(k => k.Name)
            .Where(name => shape.EndsWith(name.Substring(1, name.Length - member.Length - 2), StringComparison.Ordinal))
            .OrderByDescending(name => name.Length)
            .FirstOrDefault();
        return pattern is null ? null : Find(service, "member", pattern);
    }

    public IEnumerable<string> Unused() =>
        _names.Keys.Where(k => !_used.Contains(k)).Select(k => $"{k.Service} {k.Kind} {k.Name}");

    private string? Find(string service, string kind, string name)
    {
        if (_names.TryGetValue((service, kind, name), out var found))
        {
            _used.Add((service, kind, name));
            return found;
        }

        return null;
    }
}
