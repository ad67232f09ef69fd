using System.Security.Cryptography;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Clusters.Docker;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>
/// A real Docker cluster for one test: containers made by the real <see cref="DockerClusterProvider"/>
/// under a name prefix and networks of its own, published on ports of its own. Disposing removes
/// every container, volume and network with that prefix, whatever the test did.
/// </summary>
internal sealed class DockerTestCluster : TestCluster
{
    private DockerTestCluster(DockerClusterOptions options, DockerClusterProvider provider, AppTopology topology)
        : base(topology)
    {
        Options = options;
        Provider = provider;
    }

    public DockerClusterOptions Options { get; }

    public DockerClusterProvider Provider { get; private set; }

    public override IClusterProvider Cluster => Provider;

    public string Prefix => Options.NamePrefix;

    /// <summary>
    /// The same fast chain as the Local scenarios, on Docker, under an app name of its own: nodes are
    /// found by their labels, and another test run on the same engine must not find this one's.
    /// </summary>
    public static AppTopology Design(int validators, int? quorum = null, int blockchain = 0, int agreement = 0, int ipfs = 0) =>
        LocalTestCluster.Design(validators, quorum, blockchain, agreement, ipfs) with { Provider = ProviderKind.Docker, Name = UniqueApp() };

    /// <summary>An app name no other test uses (<c>app-3fa9c2</c>).</summary>
    public static string UniqueApp() => "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Options with a fresh prefix, networks and port block.</summary>
    public static DockerClusterOptions NewOptions()
    {
        var prefix = "mnt" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)) + "-";
        var (start, end) = DockerPorts.Next();
        return new DockerClusterOptions
        {
            Endpoint = DockerTestEngine.Socket,
            Image = DockerTestEngine.Image,
            NamePrefix = prefix,
            ClusterNetwork = prefix + "cluster",
            AccessNetwork = prefix + "access",
            PortRangeStart = start,
            PortRangeEnd = end,
            StopTimeout = TimeSpan.FromSeconds(5),
            StartTimeout = TimeSpan.FromSeconds(60),
            StatsInterval = TimeSpan.FromSeconds(1),
        };
    }

    /// <summary>Starts a cluster running <paramref name="topology"/>; skips or fails without an engine.</summary>
    public static async Task<DockerTestCluster> StartAsync(AppTopology topology)
    {
        await DockerTestEngine.RequireAsync();
        var options = NewOptions();
        var cluster = new DockerTestCluster(options, NewProvider(options), topology);
        try
        {
            await cluster.Provider.ConnectAsync([topology.Name], TestContext.Current.CancellationToken);
            await cluster.Provider.ApplyAsync(topology, TestContext.Current.CancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public static DockerClusterProvider NewProvider(DockerClusterOptions options) =>
        new(options, TimeProvider.System, NullLogger<DockerClusterProvider>.Instance);

    /// <summary>Swaps in another provider (a restarted dashboard).</summary>
    public void Replace(DockerClusterProvider provider) => Provider = provider;

    public override async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await DockerTestEngine.RemoveAllAsync(Prefix);
    }
}
