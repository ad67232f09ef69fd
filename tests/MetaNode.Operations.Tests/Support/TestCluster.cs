using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Support;

/// <summary>
/// A real cluster for one test, whatever runs its nodes (processes, containers): its nodes as the
/// provider lists them, their chain over JSON-RPC, and the waits and assertions the scenarios use.
/// </summary>
internal abstract class TestCluster(AppTopology topology) : IAsyncDisposable
{
    public AppTopology Topology { get; private set; } = topology;

    public string App => Topology.Name;

    /// <summary>The provider under test, through the interface every provider shares.</summary>
    public abstract IClusterProvider Cluster { get; }

    /// <summary>Applies a changed topology.</summary>
    public async Task ApplyAsync(AppTopology topology)
    {
        Topology = topology;
        await Cluster.ApplyAsync(topology, TestContext.Current.CancellationToken);
    }

    /// <summary>The node named <paramref name="name"/> (e.g. validator-2).</summary>
    public NodeInfo Node(string name) => Cluster.Nodes(App).Single(n => n.Ref.Name == name);

    /// <summary>Every node of <paramref name="role"/>.</summary>
    public IReadOnlyList<NodeInfo> NodesOf(ComponentRole role) => [.. Cluster.Nodes(App).Where(n => n.Ref.Role == role)];

    /// <summary>The node's chain height over JSON-RPC.</summary>
    public Task<long> HeightAsync(string name) => RpcProbe.HeightAsync(Node(name).RpcEndpoint);

    /// <summary>Waits until <paramref name="node"/>'s <c>/health</c> answers 200: a follower may say "syncing" for a moment while its first blocks arrive.</summary>
    public static async Task WaitUntilHealthyAsync(NodeInfo node, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.UntilAsync(
            async () =>
            {
                using var health = await http.GetAsync(node.HealthEndpoint, TestContext.Current.CancellationToken);
                return health.IsSuccessStatusCode;
            },
            timeout,
            $"{node.Ref} /health answers 200");
    }

    /// <summary>Waits until <paramref name="name"/> has committed <paramref name="blocks"/> more blocks.</summary>
    public async Task WaitForProgressAsync(string name, int blocks, TimeSpan timeout)
    {
        // On a loaded machine one answer can miss the client's 2 s timeout: that is "not yet", not a failure.
        long? from = null;
        await Eventually.UntilAsync(async () => (from ??= await RpcProbe.TryHeightAsync(Node(name).RpcEndpoint)) is not null, timeout, $"{name} to answer eth_blockNumber");
        await Eventually.UntilAsync(async () => await RpcProbe.TryHeightAsync(Node(name).RpcEndpoint) >= from + blocks, timeout, $"{name} to commit {blocks} blocks after height {from}");
    }

    /// <summary>
    /// Asserts that <paramref name="name"/> commits nothing while every validator gets
    /// <paramref name="turns"/> turns as proposer (rounds come every proposer timeout): proof that the
    /// chain halted, which by its nature takes watching for a while.
    /// </summary>
    public async Task AssertHaltedAsync(string name, int turns = 2)
    {
        var from = await HeightAsync(name);
        var window = Topology.Consensus.Timeout * Topology.ValidatorCount * turns;
        var until = DateTimeOffset.UtcNow + window;
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(Topology.Consensus.BlockTime, TestContext.Current.CancellationToken);
            Assert.True(await HeightAsync(name) <= from + 1, $"{name} went on from {from} to {await HeightAsync(name)}: the chain did not halt");
        }
    }

    public abstract ValueTask DisposeAsync();
}
