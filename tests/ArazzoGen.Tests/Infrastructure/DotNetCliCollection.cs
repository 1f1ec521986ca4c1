namespace ArazzoGen.Tests.Infrastructure;

/// <summary>Tests that run `dotnet build`/`dotnet run` on projects sharing src/ArazzoGen run one at a time, never in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotNetCliCollection
{
    public const string Name = "dotnet CLI";
}
