using System;
using System.Linq;
using ArazzoGen.Model;

namespace ArazzoGen.Bind;

internal static class ValueNodes
{
    /// <summary>True when two values are written the same (where they are written does not matter).</summary>
    public static bool SameValue(ValueNode a, ValueNode b) => (a, b) switch
    {
        (LiteralValue x, LiteralValue y) => x.Kind == y.Kind && x.Text == y.Text,
        (ExpressionValue x, ExpressionValue y) => x.Expression.Text == y.Expression.Text,
        (TemplateValue x, TemplateValue y) => x.Parts.Count == y.Parts.Count
            && x.Parts.Zip(y.Parts, (p, q) => p.Text == q.Text && p.Expression?.Text == q.Expression?.Text).All(same => same),
        (ArrayValue x, ArrayValue y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items, SameValue).All(same => same),
        (ObjectValue x, ObjectValue y) => x.Members.Count == y.Members.Count
            && x.Members.Zip(y.Members, (p, q) => string.Equals(p.Key.Value, q.Key.Value, StringComparison.Ordinal) && SameValue(p.Value, q.Value)).All(same => same),
        _ => false,
    };
}
