namespace ArazzoGen.Parse.Yaml;

/// <summary>
/// Bounds on what the generator reads, so a hostile or broken document cannot stall or crash the
/// compiler. Real Arazzo documents are a few hundred lines; these leave ample room.
/// </summary>
/// <param name="MaxNodes">Nodes as written (a 4 MiB document has fewer than this; a generated one with thousands of workflows fits).</param>
/// <param name="MaxAliasExpansion">Nodes that alias uses add once expanded: what an alias bomb inflates.</param>
internal sealed record YamlLimits(int MaxCharacters, int MaxDepth, long MaxNodes, long MaxAliasExpansion)
{
    public static readonly YamlLimits Default = new(MaxCharacters: 4 * 1024 * 1024, MaxDepth: 64, MaxNodes: 2_000_000, MaxAliasExpansion: 200_000);
}
