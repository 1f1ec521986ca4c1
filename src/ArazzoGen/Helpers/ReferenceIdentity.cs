using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ArazzoGen.Helpers;

/// <summary>
/// Compares model objects by identity, for a dictionary keyed by the very objects a stage walks.
/// </summary>
/// <remarks>
/// The model's records compare by value, for the incremental driver; as a dictionary key that hashes
/// the whole tree (a workflow: every step, criterion and span) on each lookup, and makes a fresh
/// compiler prepare and JIT-compile the equality code of every model type on its first run.
/// </remarks>
internal sealed class ReferenceIdentity : IEqualityComparer<object>
{
    public static ReferenceIdentity Instance { get; } = new();

    private ReferenceIdentity()
    {
    }

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
}
