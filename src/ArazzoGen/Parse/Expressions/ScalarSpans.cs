using ArazzoGen.Model;
using ArazzoGen.Parse.Yaml;

namespace ArazzoGen.Parse.Expressions;

/// <summary>
/// Maps an offset inside a scalar's value to its place in the file. Exact for single-line
/// scalars written plain or quoted without escapes; otherwise the whole scalar's span (a folded
/// or escaped scalar's characters are not where its value's characters are).
/// </summary>
internal readonly struct ScalarSpans
{
    private readonly SourceSpan _span;
    private readonly int _lead;
    private readonly bool _exact;

    public ScalarSpans(YamlScalar scalar)
    {
        _span = scalar.Span;
        var singleLine = scalar.Span.StartLine == scalar.Span.EndLine;
        if (singleLine && scalar.IsPlain && scalar.Value.Length == scalar.Span.Length)
        {
            _lead = 0;
            _exact = true;
        }
        else if (singleLine && !scalar.IsPlain && scalar.Value.Length == scalar.Span.Length - 2)
        {
            _lead = 1;
            _exact = true;
        }
        else
        {
            _lead = 0;
            _exact = false;
        }
    }

    public ScalarSpans(SourceSpan span, bool exact)
    {
        _span = span;
        _lead = 0;
        _exact = exact;
    }

    public SourceSpan Whole => _span;

    public SourceSpan At(int offset, int length) => _exact ? _span.Slice(_lead + offset, length) : _span;
}
