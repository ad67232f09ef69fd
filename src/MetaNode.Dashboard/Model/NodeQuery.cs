using System.Collections.Immutable;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>What the node grid shows: a filter (status, component, name search) and a sort.</summary>
public sealed record NodeQuery
{
    // Uptime ascending means the shortest first: the node that came up last.
    private static readonly Comparer<DateTimeOffset?> LaterFirst = Comparer<DateTimeOffset?>.Create((x, y) => Nullable.Compare(y, x));

    /// <summary>All nodes, by name.</summary>
    public static NodeQuery Default { get; } = new();

    /// <summary>Only nodes with this status; null for all.</summary>
    public NodeStatus? Status { get; init; }

    /// <summary>Only nodes of this component; null for all.</summary>
    public string? Component { get; init; }

    /// <summary>Only nodes whose name contains this (case-insensitive); empty for all.</summary>
    public string Search { get; init; } = string.Empty;

    /// <summary>The sort column.</summary>
    public NodeColumn SortBy { get; init; } = NodeColumn.Name;

    /// <summary>True to sort descending.</summary>
    public bool Descending { get; init; }

    /// <summary>True when any filter is set.</summary>
    public bool IsFiltered => Status is not null || Component is not null || Search.Length > 0;

    /// <summary>Sorted by <paramref name="column"/>: ascending first, then toggling the direction.</summary>
    public NodeQuery SortedBy(NodeColumn column) =>
        this with { SortBy = column, Descending = column == SortBy && !Descending };

    /// <summary>True when <paramref name="node"/> passes the filter.</summary>
    public bool Matches(NodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return (Status is null || node.Status == Status)
            && (Component is null || node.Node.Component == Component)
            && (Search.Length == 0 || node.Node.Name.Contains(Search, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The rows to show: filtered, sorted by the column then by name.</summary>
    public ImmutableArray<NodeHealth> Select(IEnumerable<NodeHealth> nodes)
    {
        var rows = nodes.Where(Matches).ToList();
        rows.Sort(Compare);
        return [.. rows];
    }

    /// <summary>
    /// True when <paramref name="after"/> takes the same row as <paramref name="before"/>: same filter
    /// verdict and same sort key. Then it can be replaced in place, without reordering the grid.
    /// </summary>
    public bool KeepsPlace(NodeHealth before, NodeHealth after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var matched = Matches(before);
        return matched == Matches(after) && (!matched || CompareKeys(before, after) == 0);
    }

    /// <summary>Row order: the sort column (nulls last either way), then name.</summary>
    public int Compare(NodeHealth x, NodeHealth y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byKey = CompareKeys(x, y);
        return byKey != 0 ? byKey : CompareNames(x, y);
    }

    private int CompareKeys(NodeHealth x, NodeHealth y) =>
        SortBy switch
        {
            NodeColumn.Status => Directed(StatusRank(x.Status).CompareTo(StatusRank(y.Status))),
            NodeColumn.Name => Directed(CompareNames(x, y)),
            NodeColumn.Component => Directed(string.CompareOrdinal(x.Node.Component, y.Node.Component)),
            NodeColumn.Zone => NullsLast(x.Zone, y.Zone, StringComparer.Ordinal),
            NodeColumn.Height => NullsLast(x.Height, y.Height, Comparer<long?>.Default),
            NodeColumn.Lag => NullsLast(x.Lag, y.Lag, Comparer<long?>.Default),
            NodeColumn.Peers => NullsLast(x.Peers, y.Peers, Comparer<int?>.Default),
            NodeColumn.Latency => NullsLast(x.Latency, y.Latency, Comparer<TimeSpan?>.Default),
            NodeColumn.Client => NullsLast(x.ClientVersion, y.ClientVersion, StringComparer.Ordinal),
            NodeColumn.Uptime => NullsLast(x.UpSince, y.UpSince, LaterFirst),
            _ => 0,
        };

    private int Directed(int comparison) => Descending ? -comparison : comparison;

    // Unknown values sort after known ones in both directions: an operator sorting by lag wants
    // the numbers, not a block of blanks, at the top.
    private int NullsLast<T>(T? x, T? y, IComparer<T?> comparer) =>
        x is null && y is null ? 0
            : x is null ? 1
            : y is null ? -1
            : Directed(comparer.Compare(x, y));

    private static int CompareNames(NodeHealth x, NodeHealth y)
    {
        var byComponent = string.CompareOrdinal(x.Node.Component, y.Node.Component);
        if (byComponent != 0)
        {
            return byComponent;
        }

        var byOrdinal = NameOrdinal(x).CompareTo(NameOrdinal(y));
        return byOrdinal != 0 ? byOrdinal : string.CompareOrdinal(x.Node.Name, y.Node.Name);
    }

    private static int NameOrdinal(NodeHealth node) =>
        int.TryParse(node.Node.Name.AsSpan(node.Node.Name.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture, out var ordinal) ? ordinal : int.MaxValue;

    // Ascending status puts problems first: down, degraded, unknown, up.
    private static int StatusRank(NodeStatus status) => status switch
    {
        NodeStatus.Down => 0,
        NodeStatus.Degraded => 1,
        NodeStatus.Unknown => 2,
        _ => 3,
    };
}
