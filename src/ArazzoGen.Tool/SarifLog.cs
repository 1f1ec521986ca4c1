using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tool;

/// <summary>
/// Diagnostics as a SARIF 2.1.0 log, the format code scanning (GitHub, Azure DevOps) reads: one rule
/// per diagnostic id with its title and help link, one result per diagnostic at its file, line and
/// column. Written with System.Text.Json: the SARIF SDK is not on this feed, and the subset a code
/// scanner needs is this small.
/// </summary>
internal static class SarifLog
{
    public static string Write(IReadOnlyList<Diagnostic> diagnostics)
    {
        var rules = diagnostics
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First().Descriptor)
            .Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id,
                ["shortDescription"] = new JsonObject { ["text"] = d.Title.ToString() },
                ["helpUri"] = d.HelpLinkUri,
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(d.DefaultSeverity) },
            })
            .ToArray();
        var results = diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return (JsonNode)new JsonObject
            {
                ["ruleId"] = d.Id,
                ["level"] = Level(d.Severity),
                ["message"] = new JsonObject { ["text"] = d.GetMessage() },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = new Uri(Path.GetFullPath(span.Path)).AbsoluteUri },
                        ["region"] = new JsonObject
                        {
                            ["startLine"] = span.StartLinePosition.Line + 1,
                            ["startColumn"] = span.StartLinePosition.Character + 1,
                            ["endLine"] = span.EndLinePosition.Line + 1,
                            ["endColumn"] = span.EndLinePosition.Character + 1,
                        },
                    },
                }),
            };
        }).ToArray();
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "ArazzoGen",
                        ["informationUri"] = "https://github.com/arazzogen/arazzogen",
                        ["version"] = typeof(ArazzoGenerator).Assembly.GetName().Version?.ToString(),
                        ["rules"] = new JsonArray(rules),
                    },
                },
                ["results"] = new JsonArray(results),
            }),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
