using System.Runtime.CompilerServices;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Balancing;

/// <summary>Entry-point destinations by run state alone: every blockchain node whose process runs.</summary>
internal sealed class RunningNodeDestinations(ClusterRegistry clusters) : IEntryPointDestinations
{
    public IReadOnlyList<NodeInfo> Select(string app) =>
        [.. clusters.For(app).Nodes(app).Where(n => n.Ref.Role == ComponentRole.Blockchain && n.State == NodeRunState.Running)];

    public async IAsyncEnumerable<string> ChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var streams = clusters.Providers.Select(p => p.WatchAsync(cancellationToken)).ToList();
        var merged = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var pumps = streams.Select(async stream =>
        {
            await foreach (var clusterEvent in stream)
            {
                merged.Writer.TryWrite(clusterEvent.Node.App);
            }
        }).ToList();
        await foreach (var app in merged.Reader.ReadAllAsync(cancellationToken))
        {
            yield return app;
        }

        await Task.WhenAll(pumps);
    }
}
