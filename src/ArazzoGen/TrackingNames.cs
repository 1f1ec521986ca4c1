namespace ArazzoGen;

/// <summary>Names of the incremental pipeline steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string ParseOpenApi = nameof(ParseOpenApi);
    public const string Validate = nameof(Validate);
    public const string SdkFingerprint = nameof(SdkFingerprint);
    public const string Bind = nameof(Bind);
    public const string Emit = nameof(Emit);
    public const string WorkflowsToRegister = nameof(WorkflowsToRegister);
}
