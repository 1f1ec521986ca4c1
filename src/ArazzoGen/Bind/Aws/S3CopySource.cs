using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Bind.Model;
using ArazzoGen.Model;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind.Aws;

/// <summary>
/// S3's <c>x-amz-copy-source</c> header (CopyObject, UploadPartCopy) is one value on the wire,
/// <c>bucket/key?versionId=v</c>, and three members of the .NET SDK's request; the SDK builds the
/// header from them. The only member ArazzoGen splits: no other API does this.
/// </summary>
internal static class S3CopySource
{
    private static readonly (string Property, WireConversion Part)[] Parts =
    {
        ("SourceBucket", WireConversion.CopySourceBucket),
        ("SourceKey", WireConversion.CopySourceKey),
        ("SourceVersionId", WireConversion.CopySourceVersionId),
    };

    public static bool Splits(AwsMember member, ITypeSymbol request) =>
        member.Name == "CopySource" && SdkTypes.FindProperty(SdkTypes.SettableProperties(request), "SourceBucket") is not null;

    public static IEnumerable<WrittenMember> Members(Parameter parameter) =>
        Parts.Select(p => new WrittenMember(new Located<string>(p.Property, parameter.Name.Span), parameter.Value, null, p.Part));
}
