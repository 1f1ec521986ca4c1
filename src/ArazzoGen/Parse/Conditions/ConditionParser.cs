using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using ArazzoGen.Parse.Expressions;

namespace ArazzoGen.Parse.Conditions;

internal enum ConditionDialect
{
    /// <summary>Arazzo's simple conditions: runtime expressions, literals and the spec's operator table.</summary>
    Simple,

    /// <summary>The JSONPath the workflows write (<c>$.A.B == "x"</c>, <c>.length</c>) and RFC 9535 filters (<c>$[?@.a == 'x']</c>).</summary>
    JsonPath,
}

/// <summary>
/// Recursive-descent parser for criterion conditions. Precedence from loosest: <c>||</c>,
/// <c>&amp;&amp;</c>, comparisons, <c>!</c>, then operands and parentheses. Nesting is bounded so
/// a hostile condition cannot overflow the compiler's stack.
/// </summary>
internal sealed class ConditionParser
{
    private const int MaxNesting = 32;

    private readonly string _text;
    private readonly ScalarSpans _spans;
    private readonly ConditionDialect _dialect;
    private int _position;
    private int _nesting;
    private int _filterDepth;

    private ConditionParser(string text, ScalarSpans spans, ConditionDialect dialect)
    {
        _text = text;
        _spans = spans;
        _dialect = dialect;
    }

    public static ConditionNode? TryParse(string text, ScalarSpans spans, ConditionDialect dialect, out string? error)
    {
        var parser = new ConditionParser(text, spans, dialect);
        try
        {
            var node = parser.ParseOr();
            parser.SkipSpace();
            if (parser._position < text.Length)
            {
                throw parser.Fail($"unexpected '{text.Substring(parser._position, Math.Min(12, text.Length - parser._position))}'");
            }

            error = null;
            return node;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (Match("||"))
        {
            var right = ParseAnd();
            left = new BinaryCondition(ConditionOperator.Or, left, right, Join(left, right));
        }

        return left;
    }

    private ConditionNode ParseAnd()
    {
        var left = ParseComparison();
        while (Match("&&"))
        {
            var right = ParseComparison();
            left = new BinaryCondition(ConditionOperator.And, left, right, Join(left, right));
        }

        return left;
    }

    private ConditionNode ParseComparison()
    {
        var left = ParseUnary();
        var op = MatchComparison();
        if (op is null)
        {
            return left;
        }

        var right = ParseUnary();
        if (MatchComparison() is not null)
        {
            throw Fail("comparisons cannot be chained; use && between them");
        }

        return new BinaryCondition(op.Value, left, right, Join(left, right));
    }

    private ConditionOperator? MatchComparison()
    {
        if (Match("=="))
        {
            return ConditionOperator.Equal;
        }

        if (Match("!="))
        {
            return ConditionOperator.NotEqual;
        }

        if (Match("<="))
        {
            return ConditionOperator.LessOrEqual;
        }

        if (Match(">="))
        {
            return ConditionOperator.GreaterOrEqual;
        }

        if (Match("<"))
        {
            return ConditionOperator.Less;
        }

        if (Match(">"))
        {
            return ConditionOperator.Greater;
        }

        if (Peek("=") )
        {
            throw Fail("'=' is not an operator; use '==' to compare");
        }

        return null;
    }

    private ConditionNode ParseUnary()
    {
        SkipSpace();
        var start = _position;
        if (Peek("!") && !Peek("!="))
        {
            _position++;
            var operand = Nest(ParseUnary);
            return new NotCondition(operand, Span(start, _position));
        }

        return ParsePrimary();
    }

    private ConditionNode ParsePrimary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Fail("the condition ends where a value was expected");
        }

        var start = _position;
        var c = _text[_position];
        switch (c)
        {
            case '(':
                _position++;
                var inner = Nest(ParseOr);
                if (!Match(")"))
                {
                    throw Fail("missing ')'");
                }

                return inner;
            case '\'' or '"':
                return new LiteralOperand(LiteralKind.String, ReadString(), Span(start, _position));
            case '$' when _dialect == ConditionDialect.Simple:
                return ParseExpressionOperand();
            case '$' or '@' when _dialect == ConditionDialect.JsonPath:
                return ParsePath();
        }

        if (c == '-' || char.IsDigit(c))
        {
            return ParseNumber();
        }

        if (char.IsLetter(c))
        {
            var word = ReadWhile(ch => char.IsLetterOrDigit(ch) || ch == '_');
            if (_dialect == ConditionDialect.JsonPath && Peek("("))
            {
                return ParseFunction(word, start);
            }

            return word switch
            {
                "true" or "false" => new LiteralOperand(LiteralKind.Boolean, word, Span(start, _position)),
                "null" => new LiteralOperand(LiteralKind.Null, string.Empty, Span(start, _position)),
                _ => throw Fail($"'{word}' is not a value; quote strings ('{word}')", start),
            };
        }

        throw Fail($"unexpected '{c}'");
    }

    private ConditionNode ParseExpressionOperand()
    {
        var start = _position;
        var text = ReadWhile(ch => !char.IsWhiteSpace(ch) && ch is not ('=' or '!' or '<' or '>' or '&' or '|' or '(' or ')' or '['));
        // '.' is the condition's property de-reference: '$response.body.Status' is '$response.body', then
        // its member, which the parser reads as the pointer '$response.body#/Status' (with no warning here).
        var expression = RuntimeExpressionParser.TryParse(text, Span(start, _position), out var error);
        if (expression is null)
        {
            throw Fail($"'{text}': {error}", start);
        }

        var accessors = new List<PathSegment>();
        while (_position < _text.Length && (_text[_position] == '[' || (_text[_position] == '.' && accessors.Count > 0)))
        {
            accessors.Add(ReadSegment());
        }

        return new ExpressionOperand(expression, accessors.ToEquatableArray(), Span(start, _position));
    }

    private ConditionNode ParsePath()
    {
        var start = _position;
        var isCurrent = _text[_position] == '@';
        if (isCurrent && _filterDepth == 0)
        {
            throw Fail("'@' is only meaningful inside a filter $[?...]");
        }

        _position++;
        var segments = new List<JsonPathSegment>();
        var lengthAtEnd = false;
        while (_position < _text.Length)
        {
            var segmentStart = _position;
            if (Peek(".."))
            {
                _position += 2;
                var selectors = _position < _text.Length && _text[_position] == '[' ? ReadBracket() : new List<JsonPathSelector> { ReadShorthand() };
                segments.Add(new JsonPathSegment(true, selectors.ToEquatableArray(), _text.Substring(segmentStart, _position - segmentStart)));
            }
            else if (Peek("."))
            {
                _position++;
                var selector = ReadShorthand();
                if (selector is { Kind: JsonPathSelectorKind.Name, Name: "length" } && !StartsSegment())
                {
                    // The workflows' `.length`: the size of what precedes it, not a member named "length".
                    lengthAtEnd = true;
                    break;
                }

                segments.Add(new JsonPathSegment(false, new[] { selector }.ToEquatableArray(), _text.Substring(segmentStart, _position - segmentStart)));
            }
            else if (Peek("["))
            {
                var selectors = ReadBracket();
                segments.Add(new JsonPathSegment(false, selectors.ToEquatableArray(), _text.Substring(segmentStart, _position - segmentStart)));
            }
            else
            {
                break;
            }
        }

        var span = Span(start, _position);
        if (!isCurrent && !lengthAtEnd && segments.Count == 1 && !segments[0].IsDescendant && segments[0].Selectors is { Count: 1 } only && only[0].Kind == JsonPathSelectorKind.Filter)
        {
            // `$[?predicate]`: true when the context satisfies the predicate (ARAZZO-NOTES: `@` is the context).
            return new FilterCondition(only[0].Filter!, span);
        }

        if (segments.All(IsSingular))
        {
            var path = segments.Select(s => s.Selectors[0]).Select(s => s.Kind == JsonPathSelectorKind.Name ? PathSegment.Member(s.Name) : PathSegment.At((int)s.Index)).ToList();
            if (lengthAtEnd)
            {
                path.Add(PathSegment.Length);
            }

            return new PathOperand(isCurrent, path.ToEquatableArray(), span);
        }

        if (lengthAtEnd)
        {
            throw Fail("'.length' follows a query that can select several nodes; use count(...) for how many nodes, or length(...) of one value");
        }

        return new QueryOperand(new JsonPathQuery(isCurrent, segments.ToEquatableArray(), _text.Substring(start, _position - start)), span);
    }

    /// <summary>A plain name or a non-negative index, one per segment: what <see cref="PathOperand"/> navigates.</summary>
    private static bool IsSingular(JsonPathSegment segment) =>
        !segment.IsDescendant && segment.Selectors.Count == 1
        && segment.Selectors[0] is { Kind: JsonPathSelectorKind.Name } or { Kind: JsonPathSelectorKind.Index, Index: >= 0 and <= int.MaxValue };

    private bool StartsSegment() => _position < _text.Length && _text[_position] is '.' or '[';

    /// <summary>After '.' or '..': a member name or '*'.</summary>
    private JsonPathSelector ReadShorthand()
    {
        if (Peek("*"))
        {
            _position++;
            return JsonPathSelector.Wildcard;
        }

        var name = ReadWhile(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '$' || ch > 0x7F);
        if (name.Length == 0)
        {
            throw Fail("expected a member name or '*' after '.'");
        }

        return JsonPathSelector.NameOf(name);
    }

    /// <summary><c>[sel, sel, ...]</c>: names, '*', indexes, slices and filters.</summary>
    private List<JsonPathSelector> ReadBracket()
    {
        _position++; // '['
        var selectors = new List<JsonPathSelector>();
        do
        {
            SkipSpace();
            selectors.Add(ReadSelector());
            SkipSpace();
        }
        while (Match(","));

        if (!Match("]"))
        {
            throw Fail("missing ']'");
        }

        return selectors;
    }

    private JsonPathSelector ReadSelector()
    {
        if (_position >= _text.Length)
        {
            throw Fail("the query ends inside [ ]");
        }

        switch (_text[_position])
        {
            case '\'' or '"':
                return JsonPathSelector.NameOf(ReadString());
            case '*':
                _position++;
                return JsonPathSelector.Wildcard;
            case '?':
                _position++;
                _filterDepth++;
                var predicate = Nest(ParseOr);
                _filterDepth--;
                return JsonPathSelector.Where(predicate);
        }

        var first = ReadInteger();
        SkipSpace();
        if (!Peek(":"))
        {
            return first is { } index ? JsonPathSelector.At(index) : throw Fail("expected a name, '*', an index, a slice or a filter inside [ ]");
        }

        _position++;
        SkipSpace();
        var end = ReadInteger();
        SkipSpace();
        long? step = null;
        if (Match(":"))
        {
            SkipSpace();
            step = ReadInteger();
        }

        return JsonPathSelector.SliceOf(first, end, step);
    }

    /// <summary>An optional integer (RFC 9535: -0 and leading zeros are not allowed, and it must fit in ±(2^53 - 1)).</summary>
    private long? ReadInteger()
    {
        var start = _position;
        var text = ReadWhile(ch => char.IsDigit(ch) || (ch == '-' && _position == start));
        if (text.Length == 0)
        {
            return null;
        }

        if (text == "-0" || (text.TrimStart('-').Length > 1 && text.TrimStart('-')[0] == '0')
            || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || Math.Abs(value) > 9007199254740991L)
        {
            throw Fail($"'{text}' is not an index (an integer without leading zeros, within ±(2^53 - 1))", start);
        }

        return value;
    }

    private ConditionNode ParseFunction(string name, int start)
    {
        if (name is not ("length" or "count" or "match" or "search" or "value"))
        {
            throw Fail($"'{name}' is not a function; RFC 9535 defines length, count, match, search and value", start);
        }

        _position++; // '('
        var arguments = new List<ConditionNode>();
        if (!Match(")"))
        {
            do
            {
                arguments.Add(Nest(ParseOr));
            }
            while (Match(","));

            if (!Match(")"))
            {
                throw Fail($"missing ')' after the arguments of {name}()");
            }
        }

        return new FunctionCall(name, arguments.ToEquatableArray(), Span(start, _position));
    }

    private PathSegment ReadSegment()
    {
        if (_text[_position] == '.')
        {
            _position++;
            var name = ReadWhile(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '$');
            if (name.Length == 0)
            {
                throw Fail("expected a member name after '.'");
            }

            return PathSegment.Member(name);
        }

        _position++; // '['
        SkipSpace();
        PathSegment segment;
        if (_position < _text.Length && _text[_position] is '\'' or '"')
        {
            segment = PathSegment.Member(ReadString());
        }
        else
        {
            var digits = ReadWhile(char.IsDigit);
            if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw Fail("expected a non-negative index or a quoted name inside [ ]");
            }

            segment = PathSegment.At(index);
        }

        SkipSpace();
        if (!Match("]"))
        {
            throw Fail("missing ']'");
        }

        return segment;
    }

    private ConditionNode ParseNumber()
    {
        var start = _position;
        var text = ReadWhile(ch => char.IsDigit(ch) || ch is '-' or '+' or '.' or 'e' or 'E');
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new LiteralOperand(LiteralKind.Integer, integer.ToString(CultureInfo.InvariantCulture), Span(start, _position));
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number))
        {
            return new LiteralOperand(LiteralKind.Number, number.ToString("R", CultureInfo.InvariantCulture), Span(start, _position));
        }

        throw Fail($"'{text}' is not a number", start);
    }

    /// <summary>'single' ('' or \' escape a quote, as in the spec and RFC 9535) or "double" (\" and \\).</summary>
    private string ReadString()
    {
        var quote = _text[_position++];
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                if (quote == '\'' && _position < _text.Length && _text[_position] == '\'')
                {
                    builder.Append('\'');
                    _position++;
                    continue;
                }

                return builder.ToString();
            }

            if (c == '\\' && _position < _text.Length)
            {
                var escaped = _text[_position++];
                builder.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                continue;
            }

            builder.Append(c);
        }

        throw Fail($"a string starting with {quote} is never closed");
    }

    private T Nest<T>(Func<T> parse)
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail($"nested more than {MaxNesting} levels deep");
        }

        var result = parse();
        _nesting--;
        return result;
    }

    private bool Match(string token)
    {
        SkipSpace();
        if (!Peek(token))
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    private bool Peek(string token) => string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0;

    private string ReadWhile(Func<char, bool> predicate)
    {
        var start = _position;
        while (_position < _text.Length && predicate(_text[_position]))
        {
            _position++;
        }

        return _text.Substring(start, _position - start);
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private SourceSpan Span(int start, int end) => _spans.At(start, end - start);

    private static SourceSpan Join(ConditionNode left, ConditionNode right) =>
        left.Span.StartLine == right.Span.EndLine && right.Span.Start >= left.Span.Start
            ? new SourceSpan(left.Span.Start, right.Span.Start + right.Span.Length - left.Span.Start, left.Span.StartLine, left.Span.StartColumn, right.Span.EndLine, right.Span.EndColumn)
            : left.Span;

    private FormatException Fail(string message, int? at = null) =>
        new($"{message} (at character {(at ?? _position) + 1})");
}
