using System.Text;
using MetaNode.Operations.Topology.Design.Validation;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>The two syntaxes of a design file.</summary>
public enum TopologyFormat
{
    /// <summary>YAML 1.1 block style (YamlDotNet).</summary>
    Yaml,

    /// <summary>JSON (System.Text.Json).</summary>
    Json,
}

/// <summary>What an import gave: the design when the document could be read, and every issue (document errors or validation).</summary>
/// <param name="Design">The design read; null when the document itself had errors.</param>
/// <param name="Issues">Document errors (with line and column), or else the validator's issues (with the line of their field where the document had it).</param>
public sealed record TopologyImportResult(TopologyDesign? Design, IReadOnlyList<TopologyIssue> Issues)
{
    /// <summary>True when a design was read and has no error (warnings allowed).</summary>
    public bool Succeeded => Design is not null && !Issues.Any(i => i.IsError);
}

/// <summary>
/// Export and import of a design as YAML or JSON with snake_case keys, durations as <c>2s</c>, enums
/// as lower-case words. Import is safe on hostile input: at most <see cref="MaxDocumentBytes"/>, no
/// YAML anchors or aliases, at most 32 levels deep, unknown keys refused; it never throws for a bad
/// document, it returns the issues.
/// </summary>
public static class TopologySerializer
{
    /// <summary>The largest document accepted: 256 KB (a full design is about 3 KB).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    /// <summary><paramref name="design"/> as a document in <paramref name="format"/>, every key written.</summary>
    public static string Export(TopologyDesign design, TopologyFormat format)
    {
        ArgumentNullException.ThrowIfNull(design);
        var document = DesignDocument.From(design);
        return format == TopologyFormat.Json ? DocumentWriters.Json(document) : DocumentWriters.Yaml(document);
    }

    /// <summary>Reads and validates a document; <paramref name="format"/> null: JSON when it starts with <c>{</c>, else YAML.</summary>
    public static TopologyImportResult Import(string text, TopologyFormat? format = null)
    {
        var read = Read(text, format);
        if (read.Design is null)
        {
            return new TopologyImportResult(null, read.Issues);
        }

        var issues = TopologyValidator.Validate(read.Design).Select(i => Locate(i, read.Positions)).ToList();
        return new TopologyImportResult(read.Design, issues);
    }

    /// <summary>Reads at most <see cref="MaxDocumentBytes"/> (plus one, to tell a larger stream) of UTF-8 from <paramref name="stream"/>, then <see cref="Import(string, TopologyFormat?)"/>.</summary>
    public static async Task<TopologyImportResult> ImportAsync(Stream stream, TopologyFormat? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[MaxDocumentBytes + 1];
        var length = 0;
        int count;
        while (length < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += count;
        }

        if (length > MaxDocumentBytes)
        {
            return Refused(DocumentTooLarge, $"the document is larger than {MaxDocumentBytes / 1024} KB");
        }

        try
        {
            return Import(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length), format);
        }
        catch (DecoderFallbackException)
        {
            return Refused(WrongType, "the document is not UTF-8 text");
        }
    }

    /// <summary>Reads a document without judging the design (stored versions were judged when saved).</summary>
    internal static (TopologyDesign? Design, IReadOnlyList<TopologyIssue> Issues, IReadOnlyDictionary<string, (int Line, int Column)> Positions) Read(string text, TopologyFormat? format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var empty = new Dictionary<string, (int, int)>();
        // A UTF-16 string never has fewer characters than its UTF-8 encoding has bytes, so the cheap test comes first.
        if (text.Length > MaxDocumentBytes || Encoding.UTF8.GetByteCount(text) > MaxDocumentBytes)
        {
            return (null, Refused(DocumentTooLarge, $"the document is larger than {MaxDocumentBytes / 1024} KB").Issues, empty);
        }

        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Refused(DocumentEmpty, "the document is empty").Issues, empty);
        }

        DocNode root;
        try
        {
            root = (format ?? Detect(text)) == TopologyFormat.Json ? JsonDocumentReader.Read(text) : YamlDocumentReader.Read(text);
        }
        catch (DocumentException ex)
        {
            return (null, [new TopologyIssue(IssueSeverity.Error, string.Empty, ex.Rule, ex.Message) { Line = ex.Line, Column = ex.Column }], empty);
        }

        var binder = new DocumentBinder();
        var design = binder.Bind(root);
        return (design, binder.Issues, binder.Positions);
    }

    /// <summary>JSON when the first non-blank character opens an object, else YAML.</summary>
    public static TopologyFormat Detect(string text) =>
        text.AsSpan().TrimStart().TrimStart('\uFEFF').StartsWith("{") ? TopologyFormat.Json : TopologyFormat.Yaml;

    private static TopologyImportResult Refused(string rule, string message) =>
        new(null, [new TopologyIssue(IssueSeverity.Error, string.Empty, rule, message)]);

    /// <summary>The issue with the line of its field, or of the nearest enclosing field the document has.</summary>
    private static TopologyIssue Locate(TopologyIssue issue, IReadOnlyDictionary<string, (int Line, int Column)> positions)
    {
        for (var field = issue.Field; field.Length > 0; field = Parent(field))
        {
            if (positions.TryGetValue(field, out var at))
            {
                return issue with { Line = at.Line, Column = at.Column };
            }
        }

        return issue;
    }

    private static string Parent(string field)
    {
        var cut = Math.Max(field.LastIndexOf('.'), field.LastIndexOf('['));
        return cut <= 0 ? string.Empty : field[..cut];
    }
}
