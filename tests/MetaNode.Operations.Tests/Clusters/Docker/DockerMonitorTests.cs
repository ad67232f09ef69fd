using System.Diagnostics;
using System.Globalization;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Clusters.Docker;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>A Docker app in the dashboard's engine: brought up on start and watched by the health monitor like a local one.</summary>
[Collection(nameof(LocalClusterCollection))]
public sealed class DockerMonitorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeBlockchainFiveValidators_AllUpInTheMonitor_AndAKilledContainerIsDownBeforeTheNextProbe()
    {
        await DockerTestEngine.RequireAsync();
        var options = DockerTestCluster.NewOptions();
        var app = DockerTestCluster.UniqueApp();
        var clock = Stopwatch.StartNew();
        // A 5 s probe interval: a Down faster than that came from the engine's event stream.
        await using var cluster = await StartAsync(options, DockerApp(app, validators: 5, blockchain: 3, interval: "00:00:05", timeout: "00:00:01"));
        await cluster.WaitForAsync(s => s.NodesOf(app).Count() == 8 && s.NodesOf(app).All(n => n.Status == NodeStatus.Up), "all 8 Docker nodes Up in the monitor", Deadline);
        TestContext.Current.SendDiagnosticMessage($"dashboard start to 8 Docker nodes Up: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(ProviderKind.Docker, cluster.ProviderOf(app).Kind);
        Assert.All(cluster.Feed.Current.NodesOf(app), n => Assert.Equal(NodeRunState.Running, n.RunState));
        await cluster.WaitForAsync(s => s.NodesOf(app).All(n => n.Resources is not null), "CPU and memory figures for every node in the feed", Deadline);

        using var subscription = cluster.Feed.Subscribe(TimeSpan.Zero);
        clock.Restart();
        await cluster.ProviderOf(app).KillAsync(cluster.Feed.Current.Nodes[$"{app}/validator-4"].Node, Cancellation);
        await foreach (var batch in subscription.ReadAllAsync(Cancellation))
        {
            if (batch.Nodes.Any(n => n.Node.Name == "validator-4" && n.Status == NodeStatus.Down))
            {
                break;
            }
        }

        clock.Stop();
        TestContext.Current.SendDiagnosticMessage($"kill to Down in the feed: {clock.ElapsedMilliseconds} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"down after {clock.ElapsedMilliseconds} ms");
        Assert.Equal("process killed (SIGKILL) by the dashboard", cluster.Feed.Current.Nodes[$"{app}/validator-4"].Reason);
        Assert.Null(cluster.Feed.Current.Nodes[$"{app}/validator-4"].Resources);
    }

    [Fact]
    public async Task LocalAndDockerApps_WatchedAtOnce_EachRunByItsOwnProvider()
    {
        await DockerTestEngine.RequireAsync();
        var options = DockerTestCluster.NewOptions();
        var app = DockerTestCluster.UniqueApp();
        var (start, end) = PortBlocks.Next();
        var settings = DockerApp(app, validators: 1, blockchain: 1, interval: "00:00:01", timeout: "00:00:00.500");
        settings["Dashboard:Cluster:Local:PortRangeStart"] = start.ToString(CultureInfo.InvariantCulture);
        settings["Dashboard:Cluster:Local:PortRangeEnd"] = end.ToString(CultureInfo.InvariantCulture);
        settings["Dashboard:Apps:local-app:Provider"] = "Local";
        settings["Dashboard:Apps:local-app:Components:validator:Replicas"] = "1";
        settings["Dashboard:Apps:local-app:EntryPoint:Port"] = "0";

        await using var cluster = await StartAsync(options, settings);

        await cluster.WaitForAsync(
            s => s.NodesOf(app).Count() == 2 && s.NodesOf("local-app").Count() == 1 && s.NodesOf(app).Concat(s.NodesOf("local-app")).All(n => n.Status == NodeStatus.Up),
            "both apps' nodes Up",
            Deadline);
        var registry = cluster.Services.GetRequiredService<ClusterRegistry>();
        Assert.Equal(ProviderKind.Docker, registry.For(app).Kind);
        Assert.Equal(ProviderKind.Local, registry.For("local-app").Kind);
        Assert.Contains(cluster.ProviderOf("local-app").Nodes("local-app"), n => n.Facts.ContainsKey("PID"));
        Assert.Contains(cluster.ProviderOf(app).Nodes(app), n => n.Facts.ContainsKey("Container"));
    }

    [Fact]
    public async Task EngineRestart_UnderARunningProvider_WatchRecoversAndNoNodeIsLeftWrong()
    {
        await DockerTestEngine.RequireAsync();
        var options = DockerTestCluster.NewOptions();
        var app = DockerTestCluster.UniqueApp();
        await using var cluster = await StartAsync(options, DockerApp(app, validators: 3, blockchain: 1, interval: "00:00:01", timeout: "00:00:00.500"));
        await cluster.WaitForAsync(s => s.NodesOf(app).Count() == 4 && s.NodesOf(app).All(n => n.Status == NodeStatus.Up), "all nodes Up", Deadline);
        var provider = (DockerClusterProvider)cluster.ProviderOf(app);
        var clock = Stopwatch.StartNew();

        await DockerDaemon.RestartAsync(Deadline);
        TestContext.Current.SendDiagnosticMessage($"dockerd restarted in {clock.ElapsedMilliseconds} ms");

        await cluster.WaitForAsync(
            s => provider.Watching
                 && provider.Nodes(app).Count == 4 && provider.Nodes(app).All(n => n.State == NodeRunState.Running)
                 && s.NodesOf(app).Count() == 4 && s.NodesOf(app).All(n => n.Status == NodeStatus.Up && n.RunState == NodeRunState.Running),
            "the watch to recover and every node to be Running and Up again",
            Deadline);
        TestContext.Current.SendDiagnosticMessage($"restart to all Up again: {clock.ElapsedMilliseconds} ms");
        var height = cluster.Feed.Current.Nodes[$"{app}/blockchain-0"].Height;
        await cluster.WaitForAsync(s => s.Nodes[$"{app}/blockchain-0"].Height > height + 2, "the chain to go on after the engine restart", Deadline);

        // The watch is live again: a kill now is still seen at once.
        await provider.KillAsync(cluster.Feed.Current.Nodes[$"{app}/validator-2"].Node, Cancellation);
        await cluster.WaitForAsync(s => s.Nodes[$"{app}/validator-2"].RunState == NodeRunState.Exited, "the kill after the restart to be reported", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TopologyApply_OnDocker_AddsAValidatorAndABlockchainNodeAndTheMonitorCountsThem()
    {
        await DockerTestEngine.RequireAsync();
        var options = DockerTestCluster.NewOptions();
        var app = DockerTestCluster.UniqueApp();
        await using var cluster = await StartAsync(options, DockerApp(app, validators: 3, blockchain: 1, interval: "00:00:01", timeout: "00:00:00.500"));
        await cluster.WaitForAsync(s => s.NodesOf(app).Count(n => n.Status == NodeStatus.Up) == 4, "the 4 Docker nodes Up", Deadline);
        var applier = cluster.Services.GetRequiredService<MetaNode.Operations.Topology.Planning.TopologyApplier>();
        var design = MetaNode.Operations.Topology.Design.TopologyDesign.FromAppTopology(cluster.Services.GetRequiredService<AppCatalog>().Find(app)!);
        design = design with { Components = [.. design.Components.Select(c => c with { Replicas = c.Replicas + 1 })] };
        var actor = new MetaNode.Operations.Security.Actor(MetaNode.Operations.Security.ActorKind.User, "u-1", "olivia", MetaNode.Operations.Security.DashboardRole.Operator, null, null, "docker-apply");

        // The planner refuses while the monitor sees too few healthy validators (right on a machine so
        // loaded that probes time out); the test is about what an allowed apply does, so it waits for one.
        MetaNode.Operations.Topology.Planning.TopologyPlan? plan = null;
        await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    plan = await applier.ApplyAsync(actor, design, Cancellation);
                    return true;
                }
                catch (MetaNode.Operations.Audit.OperationValidationException ex) when (ex.Errors["plan"].Contains("healthy validator", StringComparison.Ordinal))
                {
                    return false;
                }
            },
            Deadline,
            "the planner to allow the apply");

        Assert.Equal(["blockchain-1", "validator-3"], plan!.Steps.Where(s => s.Kind == MetaNode.Operations.Topology.Planning.PlanStepKind.AddNode).Select(s => s.Target).Order(StringComparer.Ordinal));
        await cluster.WaitForAsync(s => s.NodesOf(app).Count(n => n.Status == NodeStatus.Up) == 6, "the 6 Docker nodes Up after the apply", Deadline);
        Assert.Equal(4, cluster.Services.GetRequiredService<AppCatalog>().Find(app)!.ValidatorCount);
        Assert.True(applier.Plan(design).IsEmpty);
    }

    private static Dictionary<string, string?> DockerApp(string app, int validators, int blockchain, string interval, string timeout) => new()
    {
        [$"Dashboard:Apps:{app}:Provider"] = "Docker",
        [$"Dashboard:Apps:{app}:Components:validator:Replicas"] = validators.ToString(CultureInfo.InvariantCulture),
        [$"Dashboard:Apps:{app}:Components:blockchain:Replicas"] = blockchain.ToString(CultureInfo.InvariantCulture),
        [$"Dashboard:Apps:{app}:Consensus:BlockTime"] = "00:00:00.250",
        [$"Dashboard:Apps:{app}:Consensus:Timeout"] = "00:00:00.600",
        [$"Dashboard:Apps:{app}:HealthChecks:Interval"] = interval,
        [$"Dashboard:Apps:{app}:HealthChecks:Timeout"] = timeout,
        [$"Dashboard:Apps:{app}:HealthChecks:Retries"] = "1",
        [$"Dashboard:Apps:{app}:EntryPoint:Port"] = "0",
    };

    private static async Task<MonitoredCluster> StartAsync(DockerClusterOptions options, Dictionary<string, string?> settings)
    {
        settings["Dashboard:Cluster:Docker:Endpoint"] = options.Endpoint;
        settings["Dashboard:Cluster:Docker:Image"] = options.Image;
        settings["Dashboard:Cluster:Docker:NamePrefix"] = options.NamePrefix;
        settings["Dashboard:Cluster:Docker:ClusterNetwork"] = options.ClusterNetwork;
        settings["Dashboard:Cluster:Docker:AccessNetwork"] = options.AccessNetwork;
        settings["Dashboard:Cluster:Docker:PortRangeStart"] = options.PortRangeStart.ToString(CultureInfo.InvariantCulture);
        settings["Dashboard:Cluster:Docker:PortRangeEnd"] = options.PortRangeEnd.ToString(CultureInfo.InvariantCulture);
        settings["Dashboard:Cluster:Docker:StatsInterval"] = "00:00:01";
        try
        {
            var cluster = await MonitoredCluster.StartWithAsync(settings);
            return cluster.ThenCleanUp(() => DockerTestEngine.RemoveAllAsync(options.NamePrefix));
        }
        catch
        {
            await DockerTestEngine.RemoveAllAsync(options.NamePrefix);
            throw;
        }
    }
}
