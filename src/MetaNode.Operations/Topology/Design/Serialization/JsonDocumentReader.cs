using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>Reads strict JSON (no comments, no trailing commas) with <see cref="Utf8JsonReader"/>, keeping each value's line and column.</summary>
internal static partial class JsonDocumentReader
{
    public static DocNode Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = LineStarts(bytes);
        // The reader's own limit sits above ours so that ours, with its clearer message, is met first.
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = DocumentException.MaxDepth + 2 });
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, bytes, lines, 1);
            while (reader.Read())
            {
                // Drains trailing whitespace; a second value makes the reader throw.
            }

            return root;
        }
        catch (JsonException ex)
        {
            throw new DocumentException(JsonSyntax, PositionSuffix().Replace(ex.Message, string.Empty), (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        }
    }

    private static DocNode ReadValue(ref Utf8JsonReader reader, byte[] bytes, List<int> lines, int depth)
    {
        var (line, column) = Position(bytes, lines, (int)reader.TokenStartIndex);
        if (depth > DocumentException.MaxDepth)
        {
            throw new DocumentException(NestingTooDeep, $"the document nests deeper than {DocumentException.MaxDepth} levels", line, column);
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<DocEntry>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var (keyLine, keyColumn) = Position(bytes, lines, (int)reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    reader.Read();
                    entries.Add(new DocEntry(key, ReadValue(ref reader, bytes, lines, depth + 1), keyLine, keyColumn));
                }

                return new DocMapping(entries, line, column);
            case JsonTokenType.StartArray:
                var items = new List<DocNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, bytes, lines, depth + 1));
                }

                return new DocSequence(items, line, column);
            case JsonTokenType.String:
                return new DocScalar(reader.GetString(), ScalarKind.Text, line, column);
            case JsonTokenType.Number:
                return new DocScalar(Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number, line, column);
            case JsonTokenType.True or JsonTokenType.False:
                return new DocScalar(reader.GetBoolean() ? "true" : "false", ScalarKind.Boolean, line, column);
            default:
                return new DocScalar(null, ScalarKind.Null, line, column);
        }
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    private static (int Line, int Column) Position(byte[] bytes, List<int> lines, int offset)
    {
        var index = lines.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, Encoding.UTF8.GetCharCount(bytes, lines[line], offset - lines[line]) + 1);
    }

    /// <summary>System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; the issue carries the position itself.</summary>
    [GeneratedRegex(@"\s*(Path: .*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?$")]
    private static partial Regex PositionSuffix();
}
