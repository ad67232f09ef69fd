using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>Writes a document tree as block YAML (lists of plain words in flow style) or as indented JSON.</summary>
internal static class DocumentWriters
{
    /// <summary>Plain scalars a YAML reader would take for null, a boolean or a number; text like that is quoted.</summary>
    private static readonly HashSet<string> ReservedWords = new(
        ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", ".nan"], StringComparer.OrdinalIgnoreCase);

    public static string Yaml(DocNode root)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    public static string Json(DocNode root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, root);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Emit(IEmitter emitter, DocNode node)
    {
        switch (node)
        {
            case DocMapping mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var entry in mapping.Entries)
                {
                    emitter.Emit(new Scalar(entry.Key));
                    Emit(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case DocSequence sequence:
                var flat = sequence.Items.All(i => i is DocScalar);
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, flat ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in sequence.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case DocScalar scalar:
                var style = scalar.Kind != ScalarKind.Text ? ScalarStyle.Plain : LooksTyped(scalar.Text!) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Text ?? "null", style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    private static bool LooksTyped(string text) =>
        ReservedWords.Contains(text) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static void Write(Utf8JsonWriter writer, DocNode node)
    {
        switch (node)
        {
            case DocMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case DocSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case DocScalar { Kind: ScalarKind.Null }:
                writer.WriteNullValue();
                break;
            case DocScalar { Kind: ScalarKind.Number } number:
                writer.WriteNumberValue(long.Parse(number.Text!, CultureInfo.InvariantCulture));
                break;
            case DocScalar { Kind: ScalarKind.Boolean } flag:
                writer.WriteBooleanValue(flag.Text == "true");
                break;
            case DocScalar text:
                writer.WriteStringValue(text.Text);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }
}
