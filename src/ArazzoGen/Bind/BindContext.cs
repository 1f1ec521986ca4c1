namespace ArazzoGen.Bind;

/// <summary>What Bind reads besides the workflow file: the SDK's types, through their fingerprint, and the project's settings.</summary>
/// <remarks>
/// One class, not a tuple: each file is paired with this one value, so Roslyn's node tables carry a pair
/// of classes, whose code a fresh compiler already has. A nested tuple would be generic code it
/// JIT-compiles afresh in every process.
/// </remarks>
internal sealed record BindContext(SdkFingerprint Sdk, GeneratorSettings Settings);
