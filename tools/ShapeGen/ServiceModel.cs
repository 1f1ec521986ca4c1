using System.Text.Json;

namespace ShapeGen;

/// <summary>The parts of a botocore service-2.json model the stand-ins need.</summary>
internal sealed class ServiceModel
{
    private readonly JsonElement _shapes;
    private readonly JsonElement _operations;

    public ServiceModel(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonDocument.Parse(stream);
        _shapes = document.RootElement.GetProperty("shapes");
        _operations = document.RootElement.GetProperty("operations");
    }

    public JsonElement Operation(string name) => _operations.GetProperty(name);

    /// <summary>Every operation of the service, in ordinal order.</summary>
    public IReadOnlyList<string> OperationNames => _operations.EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal).ToList();

    public JsonElement Shape(string name) => _shapes.GetProperty(name);

    /// <summary>The shape's type; a structure marked <c>document: true</c> (free-form JSON) is "document", as the SDK treats it.</summary>
    public string Type(string shape) =>
        Shape(shape).TryGetProperty("document", out var document) && document.ValueKind == JsonValueKind.True ? "document" : Shape(shape).GetProperty("type").GetString()!;

    public bool IsEnum(string shape) => Type(shape) == "string" && Shape(shape).TryGetProperty("enum", out _);

    public IEnumerable<string> EnumValues(string shape) => Shape(shape).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!);

    public IEnumerable<(string Name, string Shape)> Members(string shape) =>
        Shape(shape).TryGetProperty("members", out var members)
            ? members.EnumerateObject().Select(m => (m.Name, m.Value.GetProperty("shape").GetString()!))
            : Enumerable.Empty<(string, string)>();

    public HashSet<string> Required(string shape) =>
        Shape(shape).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet()
            : new HashSet<string>();

    public long? Bound(string shape, string name) =>
        Shape(shape).TryGetProperty(name, out var value) && value.TryGetInt64(out var bound) ? bound : null;

    public string ListMember(string shape) => Shape(shape).GetProperty("member").GetProperty("shape").GetString()!;

    public string MapValue(string shape) => Shape(shape).GetProperty("value").GetProperty("shape").GetString()!;

    public bool IsSensitive(string shape) => Shape(shape).TryGetProperty("sensitive", out var s) && s.GetBoolean();
}
