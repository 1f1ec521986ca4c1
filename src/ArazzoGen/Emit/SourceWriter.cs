using System;
using System.Text;

namespace ArazzoGen.Emit;

/// <summary>A small indented text writer for generated C# (four spaces, '\n' line ends).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Indents the lines written until the returned scope is disposed, with no braces (a constraint, an expression body).</summary>
    public IDisposable Indented()
    {
        _indent++;
        return new Scope(this, closing: null);
    }

    /// <summary>A line as it is, without indentation: the inside of a verbatim string.</summary>
    public SourceWriter Verbatim(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c> (plus <paramref name="closing"/>).</summary>
    public IDisposable Block(string? header = null, string closing = "")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Scope(this, closing);
    }

    /// <summary>A <c>/// &lt;summary&gt;</c> (and optional remarks) with the text XML-escaped, one line per source line.</summary>
    public SourceWriter Doc(string? summary, string? remarks = null)
    {
        if (!string.IsNullOrWhiteSpace(summary))
        {
            DocElement("summary", summary!);
        }

        if (!string.IsNullOrWhiteSpace(remarks))
        {
            DocElement("remarks", remarks!);
        }

        return this;
    }

    public SourceWriter DocElement(string element, string text, string attributes = "")
    {
        var lines = Text.XmlDoc(text).Split('\n');
        if (lines.Length == 1)
        {
            return Line($"/// <{element}{attributes}>{lines[0]}</{element}>");
        }

        Line($"/// <{element}{attributes}>");
        foreach (var line in lines)
        {
            Line("/// " + line);
        }

        return Line($"/// </{element}>");
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string? _closing;

        /// <param name="closing">After the closing brace; null: no brace at all (an indented run of lines).</param>
        public Scope(SourceWriter writer, string? closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._indent--;
            if (_closing is not null)
            {
                _writer.Line("}" + _closing);
            }
        }
    }
}

/// <summary>Makes document text safe where generated code shows it: XML docs and line comments.</summary>
internal static class Text
{
    /// <summary>XML-escaped, trimmed lines; no document text can close the doc comment or inject markup.</summary>
    public static string XmlDoc(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Trim())
        {
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '\r':
                    break;
                case '\n':
                    builder.Append('\n');
                    break;
                case < ' ' or '\u007F':
                    builder.Append(' ');
                    break;
                case > '\u007E':
                    // Outside printable ASCII (bidi controls and zero-width characters included): a character
                    // reference, so the source reads as it compiles and the docs still show the character.
                    builder.Append("&#x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>XML-escaped text for inside one doc-comment line (line breaks become spaces).</summary>
    public static string XmlInline(string text) => XmlDoc(text).Replace('\n', ' ');

    /// <summary><paramref name="text"/>, or <paramref name="fallback"/> when the document left it empty.</summary>
    public static string OrDefault(string? text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text!;

    /// <summary>Text for a <c>//</c> comment: on one line, whatever the document wrote.</summary>
    public static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            // Outside printable ASCII, written as \uXXXX: no bidi control or zero-width character can make a
            // comment read differently from the code that compiles ("Trojan Source").
            builder.Append(c is < ' ' or '\u007F' ? " " : c > '\u007E' ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        }

        return builder.ToString();
    }
}
