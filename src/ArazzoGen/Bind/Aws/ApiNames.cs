using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Bind.Aws;

/// <summary>
/// The SDK property a name means, whether the workflow writes it as the SDK does or as the API does:
/// one rule for request members and response paths alike.
/// </summary>
internal static class ApiNames
{
    /// <summary>
    /// The property among <paramref name="properties"/> that <paramref name="name"/> sets or reads,
    /// and the model member it is (when the model has something to say of it): the member at
    /// <paramref name="location"/> under that wire name when a location is given (a parameter's
    /// <c>in</c>); else the SDK property of that name; else the member of that model or wire name.
    /// </summary>
    public static (IPropertySymbol? Property, AwsMember? Member) Resolve(string name, string? location, AwsShape? shape, IReadOnlyList<IPropertySymbol> properties)
    {
        if (location is not null && shape?.AtLocation(location, name) is { } located)
        {
            return (located.PropertyIn(properties), located);
        }

        if (SdkTypes.FindProperty(properties, name) is { } property)
        {
            return (property, shape?.ForProperty(property.Name));
        }

        return shape?.FindMember(name) is { IsInlined: false } member ? (member.PropertyIn(properties), member) : (null, null);
    }

    /// <summary>The model's name of <paramref name="member"/> when the SDK property has another (S3 renames many); null when they agree.</summary>
    public static string? RenamedFrom(AwsMember? member, string property) =>
        member is { IsInlined: false } && !string.Equals(member.Name, property, System.StringComparison.Ordinal) ? member.Name : null;
}
