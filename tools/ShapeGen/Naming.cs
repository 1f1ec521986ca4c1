using System.Text;

namespace ShapeGen;

/// <summary>The AWS SDK for .NET v4 naming rules (shared/aws-models/README.md).</summary>
internal static class Naming
{
    public static string Member(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    public static string Exception(string shape) => shape.EndsWith("Exception", StringComparison.Ordinal) ? shape : shape + "Exception";

    /// <summary>"ml.m5.large" -> MlM5Large, "InProgress" -> InProgress, "ACTIVE" -> ACTIVE.</summary>
    public static string EnumField(string value)
    {
        if (value.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_') && char.IsLetter(value[0]))
        {
            return value;
        }

        var builder = new StringBuilder();
        foreach (var part in value.Split(c => !char.IsLetterOrDigit(c)))
        {
            if (part.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
            }
        }

        var name = builder.ToString();
        return name.Length == 0 || char.IsDigit(name[0]) ? "Value" + name : name;
    }

    private static IEnumerable<string> Split(this string text, Func<char, bool> separator)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || separator(text[i]))
            {
                yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }
    }
}
