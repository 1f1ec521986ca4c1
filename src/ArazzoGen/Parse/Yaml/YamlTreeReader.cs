using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ArazzoGen.Diagnostics;
using ArazzoGen.Helpers;
using ArazzoGen.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ArazzoGen.Parse.Yaml;

/// <summary>
/// Reads YAML (and JSON, which is YAML) into a <see cref="YamlNode"/> tree with source spans.
/// It walks YamlDotNet's event <see cref="Parser"/> with an explicit stack instead of using
/// YamlStream, whose recursive loader can overflow the stack and kill the compiler; and it
/// enforces <see cref="YamlLimits"/>, counting every alias use as its full expansion so an alias
/// bomb is rejected before anything is expanded.
/// </summary>
internal static class YamlTreeReader
{
    public static YamlNode? Read(string text, DiagnosticBag diagnostics, YamlLimits limits, CancellationToken cancellationToken)
    {
        if (text.Length > limits.MaxCharacters)
        {
            diagnostics.Add(DiagnosticDescriptors.DocumentTooLarge, SourceSpan.Empty, text.Length, limits.MaxCharacters);
            return null;
        }

        var replacement = text.IndexOf('\uFFFD');
        if (replacement >= 0)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidCharacters, SpanAt(text, replacement));
        }

        var reader = new Reader(diagnostics, limits, cancellationToken);
        try
        {
            return reader.Run(new Parser(new StringReader(text)));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (YamlException ex)
        {
            var span = ex.Start.Index > 0 || ex.Start.Line > 1 ? ToSpan(ex.Start, ex.End) : SourceSpan.Empty;
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax, span, CleanMessage(ex.Message));
            return null;
        }
        catch (Exception ex)
        {
            // The YAML library can fail in ways it does not describe with a position; the build must go on.
            diagnostics.Add(DiagnosticDescriptors.YamlSyntax, SourceSpan.Empty, ex.Message);
            return null;
        }
    }

    internal static SourceSpan ToSpan(Mark start, Mark end)
    {
        var startIndex = (int)start.Index;
        var endIndex = Math.Max(startIndex, (int)end.Index);
        var endLine = (int)end.Line - 1;
        var endColumn = (int)end.Column - 1;
        if (endIndex == startIndex)
        {
            endLine = (int)start.Line - 1;
            endColumn = (int)start.Column - 1;
        }

        return new SourceSpan(startIndex, endIndex - startIndex, (int)start.Line - 1, (int)start.Column - 1, endLine, endColumn);
    }

    private static SourceSpan SpanAt(string text, int index)
    {
        int line = 0, lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourceSpan(index, 1, line, index - lineStart, line, index - lineStart + 1);
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; the location is reported separately.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(marker + 3) : message;
    }

    private sealed class Frame
    {
        public Frame(bool isMapping, Mark start, string? anchor)
        {
            IsMapping = isMapping;
            Start = start;
            Anchor = anchor;
            End = start;
        }

        public bool IsMapping { get; }

        public Mark Start { get; }

        public Mark End { get; set; }

        public string? Anchor { get; }

        public long ExpandedCount { get; set; } = 1;

        public List<YamlNode> Items { get; } = new();

        public List<YamlEntry> Entries { get; } = new();

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public YamlScalar? PendingKey { get; set; }

        public bool HasPendingKey { get; set; }
    }

    private sealed class Reader
    {
        private readonly DiagnosticBag _diagnostics;
        private readonly YamlLimits _limits;
        private readonly CancellationToken _cancellationToken;
        private readonly Stack<Frame> _stack = new();
        private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
        private long _nodes;
        private long _aliasExpansion;
        private YamlNode? _root;

        public Reader(DiagnosticBag diagnostics, YamlLimits limits, CancellationToken cancellationToken)
        {
            _diagnostics = diagnostics;
            _limits = limits;
            _cancellationToken = cancellationToken;
        }

        public YamlNode? Run(IParser parser)
        {
            var documents = 0;
            var events = 0;
            while (parser.MoveNext())
            {
                if ((++events & 0x3FF) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                switch (parser.Current)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        if (++documents > 1)
                        {
                            _diagnostics.Add(DiagnosticDescriptors.MultipleDocuments, ToSpan(start.Start, start.End));
                            if (_root is not (null or YamlScalar { IsNull: true }))
                            {
                                return _root;
                            }

                            // The documents before were empty ('---' with nothing under it): read this one.
                            _root = null;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case MappingStart mapping:
                        if (!Push(new Frame(isMapping: true, mapping.Start, AnchorOf(mapping.Anchor)), mapping.Start, mapping.End))
                        {
                            return null;
                        }

                        break;
                    case SequenceStart sequence:
                        if (!Push(new Frame(isMapping: false, sequence.Start, AnchorOf(sequence.Anchor)), sequence.Start, sequence.End))
                        {
                            return null;
                        }

                        break;
                    case MappingEnd end:
                        if (!PopMapping(end))
                        {
                            return null;
                        }

                        break;
                    case SequenceEnd end:
                        if (!PopSequence(end))
                        {
                            return null;
                        }

                        break;
                    case Scalar scalar:
                        var node = new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, ToSpan(scalar.Start, scalar.End));
                        var anchor = AnchorOf(scalar.Anchor);
                        if (anchor is not null)
                        {
                            _anchors[anchor] = new Anchored(node, 1);
                        }

                        if (!Complete(node, 1, scalar.End))
                        {
                            return null;
                        }

                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            _diagnostics.Add(DiagnosticDescriptors.YamlSyntax, ToSpan(alias.Start, alias.End), $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
                            return null;
                        }

                        _aliasExpansion += target.Count;
                        if (_aliasExpansion > _limits.MaxAliasExpansion)
                        {
                            _diagnostics.Add(DiagnosticDescriptors.AliasExpansionTooLarge, ToSpan(alias.Start, alias.End), _limits.MaxAliasExpansion);
                            return null;
                        }

                        if (!Complete(target.Node, target.Count, alias.End))
                        {
                            return null;
                        }

                        break;
                }
            }

            return _root;
        }

        private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

        private bool Push(Frame frame, Mark start, Mark end)
        {
            if (_stack.Count >= _limits.MaxDepth)
            {
                _diagnostics.Add(DiagnosticDescriptors.DocumentTooDeep, ToSpan(start, end), _limits.MaxDepth);
                return false;
            }

            if (!Count(1, start, end))
            {
                return false;
            }

            _stack.Push(frame);
            return true;
        }

        private bool PopMapping(MappingEnd end)
        {
            var frame = _stack.Pop();
            var node = new YamlMapping(frame.Entries.ToEquatableArray(), ToSpan(frame.Start, Later(frame.End, end)));
            return Finish(frame, node, end.End);
        }

        private bool PopSequence(SequenceEnd end)
        {
            var frame = _stack.Pop();
            var node = new YamlSequence(frame.Items.ToEquatableArray(), ToSpan(frame.Start, Later(frame.End, end)));
            return Finish(frame, node, end.End);
        }

        // A block collection's end event sits at the next token, possibly lines below; end the span
        // at its last child instead so a diagnostic on the whole collection does not spill over.
        private static Mark Later(Mark lastChildEnd, ParsingEvent end) =>
            end.Start.Index == end.End.Index ? lastChildEnd : end.End;

        /// <summary>The node an anchor names, and how many nodes an alias to it expands to.</summary>
        /// <remarks>A class, not a tuple: a fresh compiler JIT-compiles a dictionary's code for each struct value type.</remarks>
        private sealed class Anchored(YamlNode node, long count)
        {
            public YamlNode Node { get; } = node;

            public long Count { get; } = count;
        }

        private bool Finish(Frame frame, YamlNode node, Mark end)
        {
            if (frame.Anchor is not null)
            {
                _anchors[frame.Anchor] = new Anchored(node, frame.ExpandedCount);
            }

            return AddToParent(node, frame.ExpandedCount, end);
        }

        private bool Complete(YamlNode node, long expandedCount, Mark end)
        {
            if (!Count(expandedCount, end, end))
            {
                return false;
            }

            return AddToParent(node, expandedCount, end);
        }

        private bool Count(long expandedCount, Mark start, Mark end)
        {
            _nodes += expandedCount;
            if (_nodes > _limits.MaxNodes)
            {
                _diagnostics.Add(DiagnosticDescriptors.DocumentTooManyNodes, ToSpan(start, end), _limits.MaxNodes);
                return false;
            }

            return true;
        }

        private bool AddToParent(YamlNode node, long expandedCount, Mark end)
        {
            if (_stack.Count == 0)
            {
                _root ??= node;
                return true;
            }

            var parent = _stack.Peek();
            parent.ExpandedCount += expandedCount;
            parent.End = end;
            if (!parent.IsMapping)
            {
                parent.Items.Add(node);
                return true;
            }

            if (!parent.HasPendingKey)
            {
                parent.HasPendingKey = true;
                if (node is YamlScalar key)
                {
                    parent.PendingKey = key;
                    if (!parent.Keys.Add(key.Value))
                    {
                        _diagnostics.Add(DiagnosticDescriptors.DuplicateKey, key.Span, key.Value);
                        parent.PendingKey = null;
                    }
                }
                else
                {
                    _diagnostics.Add(DiagnosticDescriptors.NonScalarKey, node.Span);
                    parent.PendingKey = null;
                }

                return true;
            }

            if (parent.PendingKey is not null)
            {
                parent.Entries.Add(new YamlEntry(parent.PendingKey, node));
            }

            parent.PendingKey = null;
            parent.HasPendingKey = false;
            return true;
        }
    }
}
