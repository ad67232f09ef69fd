using System.Globalization;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>
/// Reads one mapping of the document: each value by key with a fallback when the key is absent,
/// wrong types reported with the field and line, and at <see cref="Finish"/> every key nobody asked
/// for reported as unknown (a typo must not silently drop a setting).
/// </summary>
internal sealed class MappingReader
{
    private readonly DocumentBinder _binder;
    private readonly Dictionary<string, DocEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly DocMapping _mapping;

    public MappingReader(DocumentBinder binder, DocMapping mapping, string path)
    {
        _binder = binder;
        _mapping = mapping;
        Path = path;
        foreach (var entry in mapping.Entries)
        {
            if (!_entries.TryAdd(entry.Key, entry))
            {
                binder.Report(FieldPath.Key(path, entry.Key), DuplicateField, $"'{entry.Key}' appears twice; keep one", entry);
            }
        }
    }

    public string Path { get; }

    /// <summary>The value at <paramref name="key"/> (null when absent), remembered as asked for.</summary>
    public DocNode? Take(string key, bool required = false)
    {
        _asked.Add(key);
        if (_entries.TryGetValue(key, out var entry))
        {
            _binder.Remember(FieldPath.Key(Path, key), entry);
            return entry.Value;
        }

        if (required)
        {
            _binder.Report(FieldPath.Key(Path, key), MissingField, $"'{key}' is required", _mapping);
        }

        return null;
    }

    public string Text(string key, string fallback, bool required = false) =>
        Take(key, required) switch
        {
            null => fallback,
            DocScalar { Text: { } text } => text,
            var other => Wrong(key, other, fallback, "text"),
        };

    public string? OptionalText(string key, string? fallback) =>
        Take(key) switch
        {
            null => fallback,
            DocScalar scalar => scalar.Text,
            var other => Wrong(key, other, fallback, "text"),
        };

    public int Int(string key, int fallback, bool required = false) => Parse(key, fallback, required, "a whole number", Integer);

    public int? OptionalInt(string key, int? fallback) =>
        Take(key) switch
        {
            null => fallback,
            DocScalar { Text: null } => null,
            var node => Convert(key, node, fallback, "a whole number or null", t => Integer(t) is { } value ? value : (int?)null),
        };

    public long Long(string key, long fallback) =>
        Parse(key, fallback, false, "a whole number", t => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null);

    public bool Bool(string key, bool fallback) =>
        Parse(key, fallback, false, "true or false", t => t.Trim().ToLowerInvariant() switch { "true" => true, "false" => false, _ => (bool?)null });

    public TimeSpan Duration(string key, TimeSpan fallback) =>
        Parse(key, fallback, false, "a duration such as 500ms, 2s, 5m, 1h or 1h30m", t => DurationText.TryParse(t, out var value, out _) ? value : null);

    public T Enum<T>(string key, T fallback, bool required = false)
        where T : struct, System.Enum =>
        Parse(key, fallback, required, $"one of {string.Join(", ", EnumText.Words<T>())}", t => EnumText.TryParse<T>(t, out var value) ? value : null);

    /// <summary>The mapping at <paramref name="key"/>; null (after reporting) when absent or not a mapping.</summary>
    public MappingReader? Mapping(string key) => Take(key) is { } node ? _binder.Mapping(node, FieldPath.Key(Path, key)) : null;

    /// <summary>The list at <paramref name="key"/>; empty (after reporting) when it is not a list.</summary>
    public IReadOnlyList<DocNode> Sequence(string key, bool required = false) =>
        Take(key, required) switch
        {
            null or DocScalar { Text: null } => [],
            DocSequence sequence => sequence.Items,
            var other => Wrong(key, other, (IReadOnlyList<DocNode>)[], "a list"),
        };

    /// <summary>Reports every key that was never asked for, suggesting the nearest known one.</summary>
    public void Finish()
    {
        foreach (var entry in _mapping.Entries.Where(e => !_asked.Contains(e.Key)))
        {
            var nearest = _asked.MinBy(k => Distance(k, entry.Key));
            var hint = nearest is not null && Distance(nearest, entry.Key) <= 2 ? $"; did you mean '{nearest}'?" : $"; known here: {string.Join(", ", _asked)}";
            _binder.Report(FieldPath.Key(Path, entry.Key), UnknownField, $"unknown field '{entry.Key}'{hint}", entry);
        }
    }

    private static int? Integer(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value) ? value : null;

    private T Parse<T>(string key, T fallback, bool required, string expected, Func<string, T?> parse)
        where T : struct =>
        Take(key, required) switch
        {
            null => fallback,
            var node => Convert(key, node, fallback, expected, parse) ?? fallback,
        };

    private T? Convert<T>(string key, DocNode node, T? fallback, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (node is DocScalar { Text: { } text } && parse(text) is { } value)
        {
            return value;
        }

        return Wrong(key, node, fallback, expected);
    }

    private T Wrong<T>(string key, DocNode node, T fallback, string expected)
    {
        var got = node switch
        {
            DocScalar { Text: null } => "null",
            DocScalar { Text: { } text } => $"'{(text.Length > 40 ? text[..40] + "…" : text)}'",
            DocMapping => "a mapping",
            _ => "a list",
        };
        _binder.Report(FieldPath.Key(Path, key), WrongType, $"'{key}' must be {expected}, not {got}", node);
        return fallback;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
