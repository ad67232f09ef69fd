using MetaNode.Operations.Clusters;
using MetaNode.Operations.Clusters.Local;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using MetaNode.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetaNode.Operations.Tests.Support;

/// <summary>
/// A real local cluster for one test: devnet processes started by the real
/// <see cref="LocalClusterProvider"/>, in a temporary state folder and a port range of its own.
/// Disposing stops every node.
/// </summary>
internal sealed class LocalTestCluster : IAsyncDisposable
{
    private LocalTestCluster(TempDirectory folder, LocalClusterOptions options, LocalClusterProvider provider, AppTopology topology)
    {
        Folder = folder;
        Options = options;
        Provider = provider;
        Topology = topology;
    }

    public TempDirectory Folder { get; }

    public LocalClusterOptions Options { get; }

    public LocalClusterProvider Provider { get; private set; }

    public AppTopology Topology { get; private set; }

    public string App => Topology.Name;

    /// <summary>Fast blocks so scenarios take seconds: 250 ms blocks, 600 ms proposer timeout.</summary>
    public static AppTopology Design(int validators, int? quorum = null, int blockchain = 0, int agreement = 0, int ipfs = 0) => new()
    {
        Name = "test-app",
        Provider = ProviderKind.Local,
        Components =
        [
            new ComponentSpec("blockchain", ComponentRole.Blockchain, blockchain),
            new ComponentSpec("validator", ComponentRole.Validator, validators),
            new ComponentSpec("agreement", ComponentRole.Agreement, agreement),
            new ComponentSpec("ipfs", ComponentRole.Ipfs, ipfs),
        ],
        Consensus = new ConsensusPolicy(quorum, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(600)),
    };

    /// <summary>Starts a cluster running <paramref name="topology"/>.</summary>
    public static async Task<LocalTestCluster> StartAsync(AppTopology topology)
    {
        var folder = new TempDirectory("metanode-cluster");
        var (start, end) = PortBlocks.Next();
        var options = new LocalClusterOptions
        {
            StateDirectory = folder.Combine("cluster"),
            PortRangeStart = start,
            PortRangeEnd = end,
            StopTimeout = TimeSpan.FromSeconds(5),
            StartTimeout = TimeSpan.FromSeconds(30),
        };
        var cluster = new LocalTestCluster(folder, options, NewProvider(options, folder), topology);
        await cluster.Provider.InitializeAsync([topology.Name], TestContext.Current.CancellationToken);
        await cluster.Provider.ApplyAsync(topology, TestContext.Current.CancellationToken);
        return cluster;
    }

    /// <summary>A second provider on the same state folder, as a restarted dashboard would create.</summary>
    public static LocalClusterProvider NewProvider(LocalClusterOptions options, TempDirectory folder) =>
        new(options, folder.Path, TimeProvider.System, NullLogger<LocalClusterProvider>.Instance);

    /// <summary>Swaps in another provider (after simulating a dashboard crash).</summary>
    public void Replace(LocalClusterProvider provider) => Provider = provider;

    /// <summary>Applies a changed topology.</summary>
    public async Task ApplyAsync(AppTopology topology)
    {
        Topology = topology;
        await Provider.ApplyAsync(topology, TestContext.Current.CancellationToken);
    }

    /// <summary>The node named <paramref name="name"/> (e.g. validator-2).</summary>
    public NodeInfo Node(string name) => Provider.Nodes(App).Single(n => n.Ref.Name == name);

    /// <summary>Every node of <paramref name="role"/>.</summary>
    public IReadOnlyList<NodeInfo> NodesOf(ComponentRole role) => [.. Provider.Nodes(App).Where(n => n.Ref.Role == role)];

    /// <summary>The node's chain height over JSON-RPC.</summary>
    public Task<long> HeightAsync(string name) => RpcProbe.HeightAsync(Node(name).RpcEndpoint);

    /// <summary>Waits until <paramref name="name"/> has committed <paramref name="blocks"/> more blocks.</summary>
    public async Task WaitForProgressAsync(string name, int blocks, TimeSpan timeout)
    {
        var from = await HeightAsync(name);
        await Eventually.UntilAsync(async () => await HeightAsync(name) >= from + blocks, timeout, $"{name} to commit {blocks} blocks after height {from}");
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

    public async ValueTask DisposeAsync()
    {
        await Provider.StopAllAsync(CancellationToken.None);
        await Provider.DisposeAsync();
        Folder.Dispose();
    }
}
