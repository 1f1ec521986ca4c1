using System.Text;
using System.Text.Json;

namespace AwsKnowledge;

/// <summary>
/// One service's part of the index, tab-separated lines (the generator's <c>AwsApiIndex</c> reads them):
/// <code>
/// service  dir  serviceId  protocol  targetPrefix
/// op       Name  METHOD  requestUri  inputShape  outputShape  dotnetName  deprecated
/// shape    Name  structure|list|map  [list/map: element shape  element locationName  flattened]
/// member   Name  targetShape  location  locationName  flags (payload, streaming, idempotency)  dotnetName
/// </code>
/// Empty fields mean "none" or "same as the model". Only what binding by wire name needs is kept:
/// a member is written when it has a location, a wire name or a .NET name of its own, a streaming
/// or payload role, or leads to a shape that has such members; a shape when it has members written.
/// </summary>
internal static class IndexWriter
{
    public static void Write(string service, string modelPath, DotNetNames renames, StringBuilder text)
    {
        using var stream = File.OpenRead(modelPath);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var metadata = root.GetProperty("metadata");
        var shapes = root.GetProperty("shapes");
        var operations = root.GetProperty("operations");

        Line(text, "service", service, Text(metadata, "serviceId"), Text(metadata, "protocol"), Text(metadata, "targetPrefix"));

        var roots = new List<string>();
        foreach (var operation in operations.EnumerateObject().OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            var http = operation.Value.TryGetProperty("http", out var h) ? h : default;
            var inputShape = ShapeOf(operation.Value, "input");
            var outputShape = ShapeOf(operation.Value, "output");
            roots.Add(inputShape);
            roots.Add(outputShape);
            Line(text, "op", operation.Name, Text(http, "method"), Text(http, "requestUri"), inputShape, outputShape, renames.Operation(service, operation.Name) ?? string.Empty, Flag(operation.Value, "deprecated") ? "deprecated" : string.Empty);
        }

        var relevant = RelevantShapes(shapes, service, renames);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots.Where(r => r.Length > 0).Distinct().Reverse());
        var order = new List<string>();
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!relevant.Contains(name) || !written.Add(name))
            {
                continue;
            }

            order.Add(name);
            foreach (var child in Children(shapes.GetProperty(name)).Reverse())
            {
                pending.Push(child);
            }
        }

        foreach (var name in order.Order(StringComparer.Ordinal))
        {
            WriteShape(text, service, name, shapes, relevant, renames);
        }
    }

    private static void WriteShape(StringBuilder text, string service, string name, JsonElement shapes, HashSet<string> relevant, DotNetNames renames)
    {
        var shape = shapes.GetProperty(name);
        var type = Text(shape, "type");
        switch (type)
        {
            case "list":
                var member = shape.GetProperty("member");
                Line(text, "shape", name, type, Text(member, "shape"), Text(member, "locationName"), Flag(shape, "flattened") ? "flattened" : string.Empty);
                return;
            case "map":
                Line(text, "shape", name, type, Text(shape.GetProperty("value"), "shape"), string.Empty, Flag(shape, "flattened") ? "flattened" : string.Empty);
                return;
        }

        Line(text, "shape", name, type);
        var payload = Text(shape, "payload");
        foreach (var m in shape.GetProperty("members").EnumerateObject())
        {
            var target = Text(m.Value, "shape");
            var flags = new List<string>();
            if (m.Name == payload)
            {
                flags.Add("payload");
            }

            if (Flag(shapes.GetProperty(target), "streaming") || Flag(m.Value, "streaming"))
            {
                flags.Add("streaming");
            }

            // A token the service uses to recognise a repeated request: durable runs send one of their own.
            if (Flag(m.Value, "idempotencyToken"))
            {
                flags.Add("idempotency");
            }

            var dotnet = renames.Member(service, name, m.Name);
            if (!IsWireRelevant(m.Value, m.Name) && flags.Count == 0 && dotnet is null && !relevant.Contains(target))
            {
                continue;
            }

            Line(text, "member", m.Name, relevant.Contains(target) ? target : string.Empty, Text(m.Value, "location"), WireName(m.Value, m.Name), string.Join(",", flags), dotnet ?? string.Empty);
        }
    }

    /// <summary>Composite shapes with something to say, to a fixpoint: a structure with a wire-relevant member, or one leading to such a shape.</summary>
    private static HashSet<string> RelevantShapes(JsonElement shapes, string service, DotNetNames renames)
    {
        var relevant = new HashSet<string>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var shape in shapes.EnumerateObject())
            {
                if (relevant.Contains(shape.Name))
                {
                    continue;
                }

                var type = Text(shape.Value, "type");
                var isRelevant = type switch
                {
                    "structure" => shape.Value.GetProperty("members").EnumerateObject().Any(m =>
                        IsWireRelevant(m.Value, m.Name)
                        || Text(shape.Value, "payload") == m.Name
                        || Flag(shapes.GetProperty(Text(m.Value, "shape")), "streaming")
                        || Flag(m.Value, "idempotencyToken")
                        || renames.Member(service, shape.Name, m.Name) is not null
                        || relevant.Contains(Text(m.Value, "shape"))),
                    "list" => relevant.Contains(Text(shape.Value.GetProperty("member"), "shape")) || Text(shape.Value.GetProperty("member"), "locationName").Length > 0 || Flag(shape.Value, "flattened"),
                    "map" => relevant.Contains(Text(shape.Value.GetProperty("value"), "shape")),
                    _ => false,
                };
                if (isRelevant)
                {
                    relevant.Add(shape.Name);
                    changed = true;
                }
            }
        }
        while (changed);
        return relevant;
    }

    private static bool IsWireRelevant(JsonElement member, string name) =>
        Text(member, "location").Length > 0 || (Text(member, "locationName") is { Length: > 0 } wire && wire != name);

    private static string WireName(JsonElement member, string name) => Text(member, "locationName") is { Length: > 0 } wire && wire != name ? wire : string.Empty;

    private static IEnumerable<string> Children(JsonElement shape) => Text(shape, "type") switch
    {
        "structure" => shape.GetProperty("members").EnumerateObject().Select(m => Text(m.Value, "shape")),
        "list" => [Text(shape.GetProperty("member"), "shape")],
        "map" => [Text(shape.GetProperty("value"), "shape")],
        _ => [],
    };

    private static string ShapeOf(JsonElement operation, string part) =>
        operation.TryGetProperty(part, out var p) ? Text(p, "shape") : string.Empty;

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static void Line(StringBuilder text, params string[] fields)
    {
        // Trailing empty fields are dropped: most members say only their wire name.
        var count = fields.Length;
        while (count > 1 && fields[count - 1].Length == 0)
        {
            count--;
        }

        text.Append(string.Join('\t', fields, 0, count)).Append('\n');
    }
}
