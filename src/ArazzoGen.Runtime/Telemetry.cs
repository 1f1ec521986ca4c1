using System.Diagnostics;

namespace ArazzoGen.Runtime;

/// <summary>
/// The <see cref="ActivitySource"/> generated workflows trace on: a span per run and per step call.
/// OpenTelemetry picks it up with <c>AddSource("ArazzoGen")</c>; no other dependency is needed.
/// </summary>
public static class Telemetry
{
    /// <summary>The source's name.</summary>
    public const string SourceName = "ArazzoGen";

    /// <summary>The source itself.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(Telemetry).Assembly.GetName().Version?.ToString());
}
