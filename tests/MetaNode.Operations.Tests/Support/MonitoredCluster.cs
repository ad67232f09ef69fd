using System.Globalization;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Clusters.Docker;
using MetaNode.Operations.Clusters.Local;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;
using MetaNode.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Tests.Support;

/// <summary>
/// The dashboard's engine without the web: store, local cluster, health monitor and entry point,
/// composed by the same registrations the dashboard uses, from configuration.
/// </summary>
internal sealed class MonitoredCluster : IAsyncDisposable
{
    public const string App = "test-app";

    private readonly IHost _host;
    private readonly TempDirectory _folder;
    private Func<Task>? _cleanup;

    private MonitoredCluster(IHost host, TempDirectory folder)
    {
        _host = host;
        _folder = folder;
    }

    public IHealthFeed Feed => _host.Services.GetRequiredService<IHealthFeed>();

    public IClusterProvider Provider => _host.Services.GetRequiredService<ClusterRegistry>().For(App);

    /// <summary>The provider of <paramref name="app"/>.</summary>
    public IClusterProvider ProviderOf(string app) => _host.Services.GetRequiredService<ClusterRegistry>().For(app);

    public IServiceProvider Services => _host.Services;

    public HealthCheckPolicy HealthChecks => _host.Services.GetRequiredService<AppCatalog>().Find(App)!.HealthChecks;

    /// <summary>Starts <paramref name="validators"/> validators (and more) with fast blocks, and waits until all are Up.</summary>
    public static async Task<MonitoredCluster> StartAsync(
        int validators,
        int? quorum = null,
        int blockchain = 0,
        TimeSpan? interval = null,
        TimeSpan? timeout = null,
        int retries = 0)
    {
        var folder = new TempDirectory("metanode-monitor");
        var (start, end) = PortBlocks.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:Storage:Path"] = folder.Combine("metanode.db"),
            ["Dashboard:Cluster:Local:StateDirectory"] = folder.Combine("cluster"),
            ["Dashboard:Cluster:Local:PortRangeStart"] = start.ToString(CultureInfo.InvariantCulture),
            ["Dashboard:Cluster:Local:PortRangeEnd"] = end.ToString(CultureInfo.InvariantCulture),
            [$"Dashboard:Apps:{App}:Provider"] = "Local",
            [$"Dashboard:Apps:{App}:Components:validator:Replicas"] = validators.ToString(CultureInfo.InvariantCulture),
            [$"Dashboard:Apps:{App}:Components:blockchain:Replicas"] = blockchain.ToString(CultureInfo.InvariantCulture),
            [$"Dashboard:Apps:{App}:Consensus:BlockTime"] = "00:00:00.250",
            [$"Dashboard:Apps:{App}:Consensus:Timeout"] = "00:00:00.600",
            [$"Dashboard:Apps:{App}:HealthChecks:Interval"] = (interval ?? TimeSpan.FromSeconds(1)).ToString("c", CultureInfo.InvariantCulture),
            [$"Dashboard:Apps:{App}:HealthChecks:Timeout"] = (timeout ?? TimeSpan.FromMilliseconds(400)).ToString("c", CultureInfo.InvariantCulture),
            [$"Dashboard:Apps:{App}:HealthChecks:Retries"] = retries.ToString(CultureInfo.InvariantCulture),
            [$"Dashboard:Apps:{App}:EntryPoint:Port"] = "0",
        };
        if (quorum is { } q)
        {
            settings[$"Dashboard:Apps:{App}:Consensus:Quorum"] = q.ToString(CultureInfo.InvariantCulture);
        }

        var cluster = await StartHostAsync(folder, settings);
        await cluster.WaitForAsync(s => s.NodesOf(App).Count() == validators + blockchain && s.NodesOf(App).All(n => n.Status == NodeStatus.Up), "every node Up");
        return cluster;
    }

    /// <summary>The engine with only the apps in <paramref name="apps"/> (watched or Docker ones), no local cluster unless they name one.</summary>
    public static Task<MonitoredCluster> StartWithAsync(IReadOnlyDictionary<string, string?> apps)
    {
        var folder = new TempDirectory("metanode-monitor");
        var settings = new Dictionary<string, string?>(apps)
        {
            ["Dashboard:Storage:Path"] = folder.Combine("metanode.db"),
            ["Dashboard:Cluster:Local:StateDirectory"] = folder.Combine("cluster"),
        };
        return StartHostAsync(folder, settings);
    }

    private static async Task<MonitoredCluster> StartHostAsync(TempDirectory folder, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder.Path, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDashboardEngine(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<LocalClusterHost>().Ready.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<DockerClusterHost>().Ready.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        return new MonitoredCluster(host, folder);
    }

    public NodeHealth Node(string name) => Feed.Current.Nodes[$"{App}/{name}"];

    public NodeRef Ref(string name) => Node(name).Node;

    /// <summary>Waits until the feed's snapshot satisfies <paramref name="condition"/>.</summary>
    public Task WaitForAsync(Func<HealthSnapshot, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => condition(Feed.Current), timeout ?? TimeSpan.FromSeconds(30), what);

    /// <summary>The findings of the app of <paramref name="kind"/> (active and ended).</summary>
    public IReadOnlyList<Finding> Findings(FindingKind kind) => [.. Feed.Current.Findings.Where(f => f.App == App && f.Kind == kind)];

    /// <summary>Runs <paramref name="cleanup"/> after the engine stopped (Docker containers outlive the dashboard).</summary>
    public MonitoredCluster ThenCleanUp(Func<Task> cleanup)
    {
        _cleanup = cleanup;
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
            _folder.Dispose();
        }
        finally
        {
            if (_cleanup is not null)
            {
                await _cleanup();
            }
        }
    }
}
