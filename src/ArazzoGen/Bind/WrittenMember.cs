using ArazzoGen.Bind.Model;
using ArazzoGen.Model;

namespace ArazzoGen.Bind;

/// <summary>A request member as the workflow writes it: a payload key, or a parameter with its location (<c>uri</c>, <c>querystring</c>, <c>header</c>).</summary>
/// <remarks><see cref="Part"/> converts the value into one of several members the SDK splits it into (S3's x-amz-copy-source).</remarks>
internal sealed record WrittenMember(Located<string> Key, ValueNode Value, string? In, WireConversion? Part = null);
