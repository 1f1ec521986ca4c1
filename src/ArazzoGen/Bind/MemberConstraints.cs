namespace ArazzoGen.Bind;

/// <summary>What an SDK member's <c>[AWSProperty]</c> says of its values: required, and its length or range bounds.</summary>
/// <remarks>A class, not a tuple: a value tuple of a bool and two nullable longs is code a fresh compiler JIT-compiles for the generator.</remarks>
internal sealed record MemberConstraints(bool Required, long? Min, long? Max)
{
    /// <summary>Nothing required, no bounds: a map's or list's items, a workflow's inputs.</summary>
    public static MemberConstraints None { get; } = new(false, null, null);
}
