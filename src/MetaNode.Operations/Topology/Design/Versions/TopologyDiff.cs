using MetaNode.Operations.Topology.Design.Serialization;

namespace MetaNode.Operations.Topology.Design.Versions;

/// <summary>One changed value between two designs.</summary>
/// <param name="Field">Where, as a <see cref="FieldPath"/> (<c>components[validator].replicas</c>).</param>
/// <param name="Before">The old value as written in the YAML format; null when the field (a component, a region) was added.</param>
/// <param name="After">The new value; null when it was removed.</param>
public sealed record DesignChange(string Field, string? Before, string? After);

/// <summary>
/// What changed between two designs, pure: their documents are compared key by key; components and
/// regions are matched by name (so a reorder is not a change), lists of plain values are compared whole.
/// </summary>
public static class TopologyDiff
{
    private const int MaxValueLength = 200;

    /// <summary>Every changed field, in document order; empty when the designs are equal.</summary>
    public static IReadOnlyList<DesignChange> Between(TopologyDesign before, TopologyDesign after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DesignChange>();
        Compare(string.Empty, DesignDocument.From(before), DesignDocument.From(after), changes);
        return changes;
    }

    private static void Compare(string path, DocNode? before, DocNode? after, List<DesignChange> changes)
    {
        switch (before, after)
        {
            case (DocMapping a, DocMapping b):
                foreach (var key in a.Entries.Select(e => e.Key).Union(b.Entries.Select(e => e.Key)))
                {
                    Compare(FieldPath.Key(path, key), Value(a, key), Value(b, key), changes);
                }

                break;
            case (DocSequence a, DocSequence b) when Names(a) is { } namesA && Names(b) is { } namesB:
                foreach (var name in namesA.Union(namesB))
                {
                    var index = namesB.IndexOf(name) is >= 0 and var i ? i : namesA.IndexOf(name);
                    Compare(FieldPath.Item(path, name, index), Named(a, namesA, name), Named(b, namesB, name), changes);
                }

                break;
            case (DocSequence a, DocSequence b) when a.Items.Any(i => i is not DocScalar) || b.Items.Any(i => i is not DocScalar):
                for (var i = 0; i < Math.Max(a.Items.Count, b.Items.Count); i++)
                {
                    Compare(FieldPath.Item(path, null, i), a.Items.ElementAtOrDefault(i), b.Items.ElementAtOrDefault(i), changes);
                }

                break;
            default:
                var (old, @new) = (Render(before), Render(after));
                if (old != @new)
                {
                    changes.Add(new DesignChange(path, old, @new));
                }

                break;
        }
    }

    private static DocNode? Value(DocMapping mapping, string key) => mapping.Entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <summary>The names of a list of named mappings (components, regions), or null when it is not one or names repeat.</summary>
    private static List<string>? Names(DocSequence sequence)
    {
        var names = sequence.Items.Select(i => i is DocMapping m && Value(m, DesignKeys.Name) is DocScalar { Text: { } name } ? name : null).OfType<string>().ToList();
        return names.Count > 0 && names.Count == sequence.Items.Count && names.Distinct(StringComparer.Ordinal).Count() == names.Count ? names : null;
    }

    private static DocNode? Named(DocSequence sequence, List<string> names, string name) =>
        names.IndexOf(name) is >= 0 and var index ? sequence.Items[index] : null;

    /// <summary>A value in one line, as the YAML format writes it (flow style for lists and mappings).</summary>
    private static string? Render(DocNode? node)
    {
        var text = node switch
        {
            null => null,
            DocScalar scalar => scalar.Text ?? "null",
            DocSequence sequence => $"[{string.Join(", ", sequence.Items.Select(Render))}]",
            DocMapping mapping => $"{{{string.Join(", ", mapping.Entries.Select(e => $"{e.Key}: {Render(e.Value)}"))}}}",
            _ => null,
        };
        return text is { Length: > MaxValueLength } ? text[..MaxValueLength] + "…" : text;
    }
}
