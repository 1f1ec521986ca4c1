namespace ArazzoGen.Parse.Yaml;

/// <summary>
/// Bounds on what the generator reads, so a hostile or broken document cannot stall or crash the
/// compiler. Real Arazzo documents are a few hundred lines; these leave ample room.
/// </summary>
internal sealed record YamlLimits(int MaxCharacters, int MaxDepth, long MaxNodes)
{
    public static readonly YamlLimits Default = new(MaxCharacters: 4 * 1024 * 1024, MaxDepth: 64, MaxNodes: 200_000);
}
