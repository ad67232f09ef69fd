using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters;

/// <summary>What applying a topology means for every provider that creates nodes.</summary>
internal static class ClusterApply
{
    /// <summary>True when <paramref name="desired"/> has a place for <paramref name="node"/> (its component, an ordinal below the replicas).</summary>
    public static bool IsWanted(AppTopology desired, NodeRef node) =>
        desired.Component(node.Component) is { } component && node.Ordinal < component.Replicas;

    /// <summary>
    /// Starts <paramref name="nodes"/> together; one that does not start does not stop the others.
    /// Returns the failures' sentences.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StartAllAsync<TNode>(IEnumerable<TNode> nodes, Func<TNode, Task> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var failures = new List<string>();
        await Task.WhenAll(nodes.Select(async node =>
        {
            try
            {
                await start(node);
            }
            catch (ClusterOperationException ex)
            {
                lock (failures)
                {
                    failures.Add(ex.Message);
                }
            }
        }));
        return failures;
    }

    /// <summary>Fails the apply of <paramref name="app"/> with every start failure, once the rest is done.</summary>
    public static void ThrowIfAnyFailed(string app, IReadOnlyList<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count > 0)
        {
            throw new ClusterOperationException($"{failures.Count} node(s) of {app} did not start: " + string.Join(" | ", failures));
        }
    }
}
