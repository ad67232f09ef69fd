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
internal sealed class LocalTestCluster : TestCluster
{
    private LocalTestCluster(TempDirectory folder, LocalClusterOptions options, LocalClusterProvider provider, AppTopology topology)
        : base(topology)
    {
        Folder = folder;
        Options = options;
        Provider = provider;
    }

    public TempDirectory Folder { get; }

    public LocalClusterOptions Options { get; }

    public LocalClusterProvider Provider { get; private set; }

    public override IClusterProvider Cluster => Provider;

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

    public override async ValueTask DisposeAsync()
    {
        await Provider.StopAllAsync(CancellationToken.None);
        await Provider.DisposeAsync();
        Folder.Dispose();
    }
}
