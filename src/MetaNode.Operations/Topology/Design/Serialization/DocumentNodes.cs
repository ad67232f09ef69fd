namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>
/// A parsed YAML or JSON document as plain data with positions: both syntaxes read into it and are
/// written from it, so one binder and one writer serve both, and every value knows its line.
/// </summary>
internal abstract record DocNode(int Line, int Column);

/// <summary>What a scalar was written as; writers keep numbers and booleans unquoted.</summary>
internal enum ScalarKind
{
    Null,
    Text,
    Number,
    Boolean,
}

internal sealed record DocScalar(string? Text, ScalarKind Kind, int Line = 0, int Column = 0) : DocNode(Line, Column)
{
    public static DocScalar Null { get; } = new(null, ScalarKind.Null);
}

internal sealed record DocEntry(string Key, DocNode Value, int Line = 0, int Column = 0);

internal sealed record DocMapping(IReadOnlyList<DocEntry> Entries, int Line = 0, int Column = 0) : DocNode(Line, Column);

internal sealed record DocSequence(IReadOnlyList<DocNode> Items, int Line = 0, int Column = 0) : DocNode(Line, Column);

/// <summary>The document cannot be read at all; the rule and position say why and where.</summary>
internal sealed class DocumentException(string rule, string message, int line, int column) : Exception(message)
{
    /// <summary>Deeper than any design needs (the format nests 5 levels); refusing early bounds the reader's recursion.</summary>
    public const int MaxDepth = 32;

    public string Rule { get; } = rule;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
