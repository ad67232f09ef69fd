using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>
/// Reads YAML with YamlDotNet's event parser, refusing what a design never needs and an attacker
/// would use: anchors and aliases (billion laughs), tags, several documents, deep nesting.
/// </summary>
internal static class YamlDocumentReader
{
    private static readonly HashSet<string> NullWords = new(["", "~", "null", "Null", "NULL"], StringComparer.Ordinal);

    public static DocNode Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        Next(parser);
        Expect<StreamStart>(parser);
        if (parser.Current is StreamEnd)
        {
            throw new DocumentException(DocumentEmpty, "the document is empty", 1, 1);
        }

        Expect<DocumentStart>(parser);
        var root = ReadNode(parser, 1);
        Expect<DocumentEnd>(parser);
        if (parser.Current is DocumentStart next)
        {
            throw new DocumentException(MultipleDocuments, "the file holds more than one YAML document (a second '---'); import one design at a time", (int)next.Start.Line, (int)next.Start.Column);
        }

        return root;
    }

    private static DocNode ReadNode(IParser parser, int depth)
    {
        var current = parser.Current!;
        var (line, column) = ((int)current.Start.Line, (int)current.Start.Column);
        if (depth > DocumentException.MaxDepth)
        {
            throw new DocumentException(NestingTooDeep, $"the document nests deeper than {DocumentException.MaxDepth} levels", line, column);
        }

        if (current is AnchorAlias)
        {
            throw new DocumentException(YamlAliasRefused, "aliases (*name) are not accepted: write the value out", line, column);
        }

        if (current is NodeEvent { Anchor.IsEmpty: false })
        {
            throw new DocumentException(YamlAliasRefused, "anchors (&name) are not accepted: write each value out", line, column);
        }

        if (current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            throw new DocumentException(YamlTagRefused, $"tags ({tagged.Tag}) are not accepted", line, column);
        }

        Next(parser);
        switch (current)
        {
            case Scalar scalar:
                var isNull = scalar.Style == ScalarStyle.Plain && NullWords.Contains(scalar.Value);
                return new DocScalar(isNull ? null : scalar.Value, isNull ? ScalarKind.Null : ScalarKind.Text, line, column);
            case SequenceStart:
                var items = new List<DocNode>();
                while (parser.Current is not SequenceEnd)
                {
                    items.Add(ReadNode(parser, depth + 1));
                }

                Next(parser);
                return new DocSequence(items, line, column);
            case MappingStart:
                var entries = new List<DocEntry>();
                while (parser.Current is not MappingEnd)
                {
                    var key = ReadNode(parser, depth + 1);
                    if (key is not DocScalar { Text: { } name })
                    {
                        throw new DocumentException(WrongType, "a key must be plain text", key.Line, key.Column);
                    }

                    entries.Add(new DocEntry(name, ReadNode(parser, depth + 1), key.Line, key.Column));
                }

                Next(parser);
                return new DocMapping(entries, line, column);
            default:
                throw new DocumentException(YamlSyntax, "the document ends where a value was expected", line, column);
        }
    }

    private static void Expect<T>(IParser parser)
        where T : ParsingEvent
    {
        if (parser.Current is not T)
        {
            var at = parser.Current?.Start ?? Mark.Empty;
            throw new DocumentException(YamlSyntax, $"expected {typeof(T).Name}", (int)at.Line, (int)at.Column);
        }

        Next(parser);
    }

    private static void Next(IParser parser)
    {
        bool moved;
        try
        {
            moved = parser.MoveNext();
        }
        catch (YamlException ex)
        {
            throw new DocumentException(YamlSyntax, Describe(ex), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input (an unclosed flow list running
            // into the next line); for the operator it is the same as any syntax error.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new DocumentException(YamlSyntax, "the YAML is malformed after this point (an unclosed [ or { ?)", (int)at.Line, (int)at.Column);
        }

        if (!moved)
        {
            throw new DocumentException(YamlSyntax, "the document ends too early", (int)(parser.Current?.End.Line ?? 1), (int)(parser.Current?.End.Column ?? 1));
        }
    }

    /// <summary>YamlDotNet's message without its own "(Line: …)" prefix: the issue carries the position.</summary>
    private static string Describe(YamlException ex)
    {
        var message = ex.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
