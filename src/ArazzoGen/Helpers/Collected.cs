using System;
using System.Linq;

namespace ArazzoGen.Helpers;

/// <summary>
/// The values a pipeline node collected, as one class: a node combined with a collected
/// <c>ImmutableArray</c> makes a fresh compiler JIT-compile Roslyn's node-table code for that struct
/// pair, while over a class it shares code the compiler already has.
/// </summary>
internal sealed record Collected<T>(EquatableArray<T> All)
    where T : IEquatable<T>
{
    /// <summary>These values and <paramref name="others"/>.</summary>
    public Collected<T> With(Collected<T> others) =>
        others.All.IsEmpty ? this : All.IsEmpty ? others : new(All.Concat(others.All).ToEquatableArray());
}
