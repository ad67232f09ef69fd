using MetaNode.Operations.Topology.Design.Validation;
using static MetaNode.Operations.Topology.Design.DesignKeys;
using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Serialization;

/// <summary>
/// Turns a read document into a <see cref="TopologyDesign"/>: absent keys take the defaults of a new
/// design, wrong types and unknown keys are reported with their field path and line. It only reads;
/// whether the values make sense is <see cref="TopologyValidator"/>'s to say.
/// </summary>
internal sealed partial class DocumentBinder
{
    /// <summary>A hostile document could hold thousands of bad keys; the first hundred say enough.</summary>
    private const int MaxIssues = 100;

    private readonly List<TopologyIssue> _issues = [];
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public IReadOnlyList<TopologyIssue> Issues => _issues;

    /// <summary>Where each field of the document stands, by field path.</summary>
    public IReadOnlyDictionary<string, (int Line, int Column)> Positions => _positions;

    /// <summary>The design, or null when the document had errors (they are in <see cref="Issues"/>).</summary>
    public TopologyDesign? Bind(DocNode root)
    {
        if (Mapping(root, string.Empty) is not { } document)
        {
            return null;
        }

        var design = new TopologyDesign
        {
            Name = document.Text(Name, string.Empty, required: true),
            Environment = document.Text(DesignKeys.Environment, "production"),
            Provider = document.Enum(Provider, ProviderKind.Local),
            ChainId = document.Long(ChainId, 1337),
            Regions = [.. Items(document, Regions, required: false, Region)],
            Components = [.. Items(document, Components, required: true, Component)],
            Policy = Policy(document.Mapping(DesignKeys.Policy)),
        };
        document.Finish();
        return _issues.Count == 0 ? design : null;
    }

    /// <summary>A reader for <paramref name="node"/>, or null after reporting that it is not a mapping.</summary>
    public MappingReader? Mapping(DocNode node, string path)
    {
        if (node is DocMapping mapping)
        {
            return new MappingReader(this, mapping, path);
        }

        Report(path, WrongType, $"{(path.Length == 0 ? "the document" : $"'{path}'")} must be a mapping of keys to values", node);
        return null;
    }

    public void Report(string field, string rule, string message, DocNode at) => Report(field, rule, message, at.Line, at.Column);

    public void Report(string field, string rule, string message, DocEntry at) => Report(field, rule, message, at.Line, at.Column);

    public void Remember(string field, DocEntry at) => _positions[field] = (at.Line, at.Column);

    private void Report(string field, string rule, string message, int line, int column)
    {
        if (_issues.Count < MaxIssues)
        {
            _issues.Add(new TopologyIssue(TopologyRules.Get(rule).Severity, field, rule, message) { Line = line, Column = column });
        }
    }

    /// <summary>Each item of the list at <paramref name="key"/>, read with its path (named by its <c>name</c> where it has one).</summary>
    private IEnumerable<T> Items<T>(MappingReader parent, string key, bool required, Func<DocNode, string, T?> read)
        where T : class
    {
        var items = parent.Sequence(key, required);
        for (var i = 0; i < items.Count; i++)
        {
            var name = items[i] is DocMapping mapping ? mapping.Entries.FirstOrDefault(e => e.Key == Name)?.Value is DocScalar { Text: { } text } ? text : null : null;
            var path = FieldPath.Item(FieldPath.Key(parent.Path, key), name, i);
            _positions[path] = (items[i].Line, items[i].Column);
            if (read(items[i], path) is { } item)
            {
                yield return item;
            }
        }
    }

    private RegionSpec? Region(DocNode node, string path)
    {
        if (Mapping(node, path) is not { } region)
        {
            return null;
        }

        var spec = new RegionSpec(region.Text(Name, string.Empty, required: true), [.. Strings(region, Zones)]);
        region.Finish();
        return spec;
    }

    private IEnumerable<string> Strings(MappingReader parent, string key)
    {
        var items = parent.Sequence(key);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is DocScalar { Text: { } text })
            {
                yield return text;
            }
            else
            {
                Report(FieldPath.Item(FieldPath.Key(parent.Path, key), null, i), WrongType, $"each of '{key}' must be text", items[i]);
            }
        }
    }
}
