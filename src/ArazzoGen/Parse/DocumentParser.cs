using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse;

/// <summary>Reads the root Arazzo object: version, info, source descriptions, components, workflows.</summary>
internal static class DocumentParser
{
    private static readonly Regex SupportedVersion = new(@"^1\.[01]\.\d+$", RegexOptions.CultureInvariant);

    public static ArazzoDocument? Parse(string filePath, YamlMapping root, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(root, "The Arazzo document", "(root)", diagnostics, "arazzo", "$self", "info", "sourceDescriptions", "workflows", "components")!;
        var version = reader.String("arazzo", required: true);
        if (version is not null && !SupportedVersion.IsMatch(version.Value))
        {
            diagnostics.Add(DiagnosticDescriptors.UnsupportedVersion, version.Span, version.Value);
        }

        var info = ParseInfo(reader, diagnostics);
        var sources = (reader.Sequence("sourceDescriptions", required: true, nonEmpty: true)?.Items ?? EquatableArray<YamlNode>.Empty)
            .Select(n => ParseSourceDescription(n, diagnostics))
            .Where(s => s is not null)
            .Select(s => s!)
            .ToEquatableArray();
        var componentsNode = reader.Node("components");
        var inputSchemas = new InputSchemaReader((componentsNode as YamlMapping)?["inputs"] as YamlMapping, diagnostics);
        var components = componentsNode is null ? Components.Empty : ComponentsParser.Parse(componentsNode, inputSchemas, diagnostics);
        var workflows = (reader.Sequence("workflows", required: true, nonEmpty: true)?.Items ?? EquatableArray<YamlNode>.Empty)
            .Select((n, i) => WorkflowParser.Parse(n, i, inputSchemas, diagnostics))
            .Where(w => w is not null)
            .Select(w => w!)
            .ToEquatableArray();

        return new ArazzoDocument(
            filePath,
            version ?? new Located<string>(string.Empty, reader.KeySpan),
            reader.String("$self"),
            info,
            sources,
            workflows,
            components,
            root.Span);
    }

    private static Info ParseInfo(ObjectReader root, DiagnosticBag diagnostics)
    {
        var node = root.Node("info", required: true);
        var reader = node is null ? null : ObjectReader.For(node, "The info object", "info", diagnostics, "title", "summary", "description", "version");
        if (reader is null)
        {
            return new Info(null, null, null, null, node?.Span ?? root.Span);
        }

        return new Info(
            reader.String("title", required: true),
            reader.Text("summary"),
            reader.Text("description"),
            reader.String("version", required: true),
            reader.Span);
    }

    private static SourceDescription? ParseSourceDescription(YamlNode node, DiagnosticBag diagnostics)
    {
        var reader = ObjectReader.For(node, "A source description", "sourceDescriptions[]", diagnostics, "name", "url", "type");
        var name = reader?.String("name", required: true);
        if (reader is null || name is null)
        {
            return null;
        }

        NameRules.CheckRecommended("Source description name", name, diagnostics);
        var type = reader.String("type");
        if (type is not null && type.Value is not ("openapi" or "arazzo" or "asyncapi"))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidEnumValue, type.Span, type.Value, "source description type", "openapi, asyncapi (Arazzo 1.1), arazzo");
        }

        return new SourceDescription(name, reader.String("url", required: true), type, reader.Span);
    }
}
