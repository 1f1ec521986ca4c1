using System;
using System.Collections.Generic;
using System.Globalization;
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
        if (!isCurrent && Peek("[?"))
        {
            _position += 2;
            _filterDepth++;
            var predicate = Nest(ParseOr);
            _filterDepth--;
            if (!Match("]"))
            {
                throw Fail("missing ']' to close the filter");
            }

            return new FilterCondition(predicate, Span(start, _position));
        }

        var segments = new List<PathSegment>();
        while (_position < _text.Length && _text[_position] is '.' or '[')
        {
            segments.Add(ReadSegment());
        }

        // `.length` is the size of what precedes it, not a member named "length".
        if (segments.Count > 0 && segments[segments.Count - 1] is { Kind: PathSegmentKind.Member, Name: "length" })
        {
            segments[segments.Count - 1] = PathSegment.Length;
        }

        return new PathOperand(isCurrent, segments.ToEquatableArray(), Span(start, _position));
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
