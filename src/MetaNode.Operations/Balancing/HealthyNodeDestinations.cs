using System.Runtime.CompilerServices;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Balancing;

/// <summary>
/// Entry-point destinations by live health: the blockchain nodes the monitor sees Up (answering,
/// in sync, not lagging). A node that is killed, hangs, syncs or falls behind leaves the rotation
/// as soon as the monitor knows, and returns when it is healthy again.
/// </summary>
internal sealed class HealthyNodeDestinations(IHealthFeed feed, ClusterRegistry clusters) : IEntryPointDestinations
{
    public IReadOnlyList<NodeInfo> Select(string app)
    {
        var snapshot = feed.Current;
        return [.. clusters.For(app).Nodes(app).Where(n =>
            n.Ref.Role == ComponentRole.Blockchain
            && snapshot.Nodes.TryGetValue(n.Ref.Id, out var health)
            && health.Status == NodeStatus.Up)];
    }

    public async IAsyncEnumerable<string> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe(TimeSpan.Zero);
        foreach (var app in subscription.Snapshot.Apps.Keys)
        {
            yield return app;
        }

        await foreach (var batch in subscription.ReadAllAsync(cancellationToken))
        {
            var apps = batch.Nodes.Where(n => n.Node.Role == ComponentRole.Blockchain).Select(n => n.Node.App)
                .Concat(batch.RemovedNodes.Select(id => id[..id.IndexOf('/', StringComparison.Ordinal)]))
                .Distinct(StringComparer.Ordinal);
            foreach (var app in apps)
            {
                yield return app;
            }
        }
    }
}
