namespace ArazzoGen.Bind.Aws;

/// <summary>Arazzo's parameter <c>in</c> values and the AWS model's member locations.</summary>
internal static class Locations
{
    /// <summary>The model location a parameter's <c>in</c> means: path is uri, query is querystring; null for cookie or none.</summary>
    public static string? FromParameterIn(string? parameterIn) => parameterIn switch
    {
        "path" => "uri",
        "query" => "querystring",
        "header" => "header",
        _ => null,
    };

    public static string Describe(string location) => location switch
    {
        "uri" => "path parameter",
        "querystring" => "query parameter",
        "header" => "header",
        _ => location,
    };
}
