using System.Collections.Immutable;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>
/// The node grid of one app: every node, the query, and the rows it selects. Applying a change
/// batch replaces changed nodes in place and keeps the row order, unless a change moves a node in
/// or out of the filter or changes its sort key: only then are the rows selected again.
/// </summary>
public sealed record NodeGridView
{
    /// <summary>The app.</summary>
    public required string App { get; init; }

    /// <summary>Every node of the app, by id.</summary>
    public required ImmutableDictionary<string, NodeHealth> Nodes { get; init; }

    /// <summary>Filter and sort.</summary>
    public required NodeQuery Query { get; init; }

    /// <summary>The nodes the query selects, in order.</summary>
    public required ImmutableArray<NodeHealth> Rows { get; init; }

    /// <summary>All nodes of the app, counted by status.</summary>
    public required NodeCounts Counts { get; init; }

    /// <summary>The grid of <paramref name="app"/>'s nodes in <paramref name="snapshot"/>.</summary>
    public static NodeGridView Of(HealthSnapshot snapshot, string app, NodeQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        var nodes = snapshot.Nodes.Values.Where(n => n.Node.App == app).ToImmutableDictionary(n => n.Node.Id, StringComparer.Ordinal);
        return new NodeGridView
        {
            App = app,
            Nodes = nodes,
            Query = query,
            Rows = query.Select(nodes.Values),
            Counts = NodeCounts.Of(nodes.Values),
        };
    }

    /// <summary>The same nodes under another query.</summary>
    public NodeGridView With(NodeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return this with { Query = query, Rows = query.Select(Nodes.Values) };
    }

    /// <summary>This grid after <paramref name="batch"/>; the same instance when the batch does not touch the app's nodes.</summary>
    public NodeGridView Apply(HealthBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var nodes = Nodes.ToBuilder();
        var inPlace = new Dictionary<string, NodeHealth>(StringComparer.Ordinal);
        var reselect = false;
        foreach (var node in batch.Nodes)
        {
            if (node.Node.App != App)
            {
                continue;
            }

            if (nodes.TryGetValue(node.Node.Id, out var before))
            {
                if (ReferenceEquals(before, node))
                {
                    continue;
                }

                if (Query.KeepsPlace(before, node))
                {
                    inPlace[node.Node.Id] = node;
                }
                else
                {
                    reselect = true;
                }
            }
            else
            {
                reselect = true;
            }

            nodes[node.Node.Id] = node;
        }

        foreach (var id in batch.RemovedNodes)
        {
            reselect |= nodes.Remove(id);
        }

        if (!reselect && inPlace.Count == 0)
        {
            return this;
        }

        var all = nodes.ToImmutable();
        return this with
        {
            Nodes = all,
            Rows = reselect ? Query.Select(all.Values) : Replace(Rows, inPlace),
            Counts = NodeCounts.Of(all.Values),
        };
    }

    private static ImmutableArray<NodeHealth> Replace(ImmutableArray<NodeHealth> rows, Dictionary<string, NodeHealth> changed)
    {
        var builder = rows.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            if (changed.TryGetValue(builder[i].Node.Id, out var node))
            {
                builder[i] = node;
            }
        }

        return builder.MoveToImmutable();
    }
}
