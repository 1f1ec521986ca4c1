using System.Collections.Generic;
using System.Linq;
using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.Model;

/// <summary>
/// A JSON value of an Amazon States Language definition, as Bind decided it: Emit prints it as it
/// is. Members keep their order (StartAt before States, Type first in a state) so the definition
/// reads like one written by hand.
/// </summary>
internal abstract record AslNode
{
    public static AslNode String(string value) => new AslString(value);

    public static AslNode Number(long value) => new AslNumber(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static AslNode Number(double value) => new AslNumber(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed record AslString(string Value) : AslNode;

/// <summary>A number, in its invariant JSON spelling.</summary>
internal sealed record AslNumber(string Text) : AslNode;

internal sealed record AslBoolean(bool Value) : AslNode;

internal sealed record AslNull : AslNode
{
    public static readonly AslNull Instance = new();
}

internal sealed record AslArray(EquatableArray<AslNode> Items) : AslNode
{
    public static AslArray Of(IEnumerable<AslNode> items) => new(items.ToEquatableArray());
}

internal sealed record AslObject(EquatableArray<AslMember> Members) : AslNode
{
    public static readonly AslObject Empty = new(EquatableArray<AslMember>.Empty);

    public static AslObject Of(params (string Name, AslNode? Value)[] members) =>
        new(members.Where(m => m.Value is not null).Select(m => new AslMember(m.Name, m.Value!)).ToEquatableArray());

    public static AslObject Of(IEnumerable<AslMember> members) => new(members.ToEquatableArray());
}

internal sealed record AslMember(string Name, AslNode Value);
