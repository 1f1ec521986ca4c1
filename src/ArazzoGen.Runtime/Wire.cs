using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace ArazzoGen.Runtime;

/// <summary>
/// Conversions generated code uses where a workflow writes a value as the AWS API sends it (a
/// number, boolean or timestamp as text, a blob as base64, S3's <c>x-amz-copy-source</c>) and the
/// SDK's member has another type. A null stays null. A value that does not convert throws a
/// <see cref="FormatException"/> naming the member, which the run reports as the step's failure.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public static class Wire
{
    /// <summary>Base64 text (how JSON APIs send blobs) as the bytes the SDK sends.</summary>
    public static MemoryStream? Base64(string? text, string member)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return new MemoryStream(Convert.FromBase64String(text), writable: false);
        }
        catch (FormatException)
        {
            throw Invalid(member, "base64 text");
        }
    }

    /// <summary>Text as a raw body (S3 PutObject, UploadPart), UTF-8 encoded.</summary>
    public static MemoryStream? RawText(string? text, string member) =>
        text is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);

    /// <summary>An ISO 8601 timestamp; one without an offset is UTC, as AWS reads it.</summary>
    public static DateTime? Timestamp(string? text, string member) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime
        : throw Invalid(member, "an ISO 8601 timestamp");

    /// <summary>"true" or "false", in any case (S3 headers send "TRUE").</summary>
    public static bool? Boolean(string? text, string member) =>
        text is null ? null : bool.TryParse(text.Trim(), out var value) ? value : throw Invalid(member, "true or false");

    /// <summary>An integer written as text.</summary>
    public static int? Integer(string? text, string member) =>
        text is null ? null : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(member, "an integer");

    /// <summary>A long integer written as text (Neptune's <c>commitNum</c> in a map of strings).</summary>
    public static long? Long(string? text, string member) =>
        text is null ? null : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(member, "an integer");

    /// <summary>A number written as text.</summary>
    public static double? Double(string? text, string member) =>
        text is null ? null : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(member, "a number");

    /// <summary>A C# enum member by name, case-insensitively.</summary>
    public static TEnum? Enum<TEnum>(string? text, string member)
        where TEnum : struct, System.Enum =>
        text is null ? null
        : System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value
        : throw Invalid(member, "one of " + string.Join(", ", System.Enum.GetNames<TEnum>()));

    /// <summary>The bucket of <c>bucket/key?versionId=v</c> (a leading '/' allowed).</summary>
    public static string? CopySourceBucket(string? copySource, string member) => SplitCopySource(copySource, member)?.Bucket;

    /// <summary>The key of <c>bucket/key?versionId=v</c>, URL-decoded (the header carries it encoded; the SDK encodes it again).</summary>
    public static string? CopySourceKey(string? copySource, string member) => SplitCopySource(copySource, member)?.Key;

    /// <summary>The version of <c>bucket/key?versionId=v</c>, or null when it names none.</summary>
    public static string? CopySourceVersionId(string? copySource, string member) => SplitCopySource(copySource, member)?.VersionId;

    private static (string Bucket, string Key, string? VersionId)? SplitCopySource(string? copySource, string member)
    {
        if (copySource is null)
        {
            return null;
        }

        var text = copySource.StartsWith('/') ? copySource[1..] : copySource;
        string? versionId = null;
        var query = text.IndexOf("?versionId=", StringComparison.Ordinal);
        if (query >= 0)
        {
            versionId = Uri.UnescapeDataString(text[(query + "?versionId=".Length)..]);
            text = text[..query];
        }

        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw Invalid(member, "bucket/key (optionally ?versionId=...)");
        }

        return (text[..slash], Uri.UnescapeDataString(text[(slash + 1)..]), versionId);
    }

    private static FormatException Invalid(string member, string expected) =>
        new($"{member} expects {expected} as the API sends it; the value given does not convert.");
}
