using System.Diagnostics;
using Docker.DotNet.Models;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>The Docker provider against a real engine: containers, events, start/stop, pause, kill.</summary>
[Collection(nameof(LocalClusterCollection))]
public sealed class DockerClusterProviderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_ThreeBlockchainFiveValidators_RunsEachNodeInItsContainerAndTheChainGrows()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 5, blockchain: 3));
        TestContext.Current.SendDiagnosticMessage($"8 containers created, started and serving /health in {clock.ElapsedMilliseconds} ms");

        var nodes = cluster.Provider.Nodes(cluster.App);

        Assert.Equal(
            ["blockchain-0", "blockchain-1", "blockchain-2", "validator-0", "validator-1", "validator-2", "validator-3", "validator-4"],
            nodes.Select(n => n.Ref.Name));
        Assert.All(nodes, n => Assert.Equal(NodeRunState.Running, n.State));
        foreach (var node in nodes)
        {
            Assert.Equal($"{cluster.Prefix}{cluster.App}-{node.Ref.Name}", node.Facts["Container"]);
            Assert.Equal("127.0.0.1", node.RpcEndpoint.Host);
            Assert.InRange(node.RpcEndpoint.Port, cluster.Options.PortRangeStart, cluster.Options.PortRangeEnd);
            await TestCluster.WaitUntilHealthyAsync(node, Deadline);
        }

        await cluster.WaitForProgressAsync("blockchain-2", 3, Deadline);
        await Eventually.UntilAsync(() => cluster.Node("validator-0").Resources is not null, Deadline, "CPU and memory figures for validator-0");
        var resources = cluster.Node("validator-0").Resources!;
        Assert.Equal(1.0, resources.CpuLimitCores);
        Assert.Equal(256L * 1024 * 1024, resources.MemoryLimitBytes);
        Assert.InRange(resources.MemoryBytes, 1, 256L * 1024 * 1024);
    }

    [Fact]
    public async Task Discovery_ContainerStartedByHandWithLabels_IsFoundAndReachedAtItsAddress()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1));
        await using var events = new ProviderEvents(cluster.Provider);
        using var client = DockerTestEngine.Client();

        // Started by hand, as an operator or a compose file would: labels, no published port.
        var created = await client.Containers.CreateContainerAsync(
            new CreateContainerParameters
            {
                Name = cluster.Prefix + "by-hand-ipfs",
                Image = DockerTestEngine.Image,
                Cmd = ["--node-id", "ipfs-7", "--role", "ipfs", "--app", cluster.App, "--listen", "0.0.0.0:8545"],
                Labels = new Dictionary<string, string>
                {
                    ["metanode.app"] = cluster.App,
                    ["metanode.component"] = "ipfs",
                    ["metanode.node"] = "ipfs-7",
                    ["metanode.zone"] = "zone-b",
                    ["metanode.region"] = "eu-west",
                },
                HostConfig = new HostConfig { NetworkMode = cluster.Options.AccessNetwork },
            },
            Cancellation);
        await client.Containers.StartContainerAsync(created.ID, null, Cancellation);

        Assert.Equal(ClusterEventKind.Started, (await events.NextAsync(Deadline)).Kind);
        var found = cluster.Node("ipfs-7");
        Assert.Equal(NodeRunState.Running, found.State);
        Assert.Equal(("zone-b", "eu-west"), (found.Zone, found.Region));
        Assert.Equal("someone else (found by its labels)", found.Facts["Created by"]);
        Assert.NotEqual("127.0.0.1", found.RpcEndpoint.Host);
        await Eventually.UntilAsync(async () => (await Http.GetAsync(found.HealthEndpoint, Cancellation)).IsSuccessStatusCode, Deadline, "the hand-started node to answer /health at its container address");

        // Scaling the app does not remove what the dashboard did not create.
        await cluster.ApplyAsync(cluster.Topology);
        Assert.Equal(NodeRunState.Running, cluster.Node("ipfs-7").State);
    }

    [Fact]
    public async Task Kill_FromOutsideTheDashboard_ExitedEventArrivesBeforeAnyProbeCould()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1, agreement: 1));
        var agreement = cluster.Node("agreement-0");
        await using var events = new ProviderEvents(cluster.Provider);
        using var client = DockerTestEngine.Client();
        var clock = Stopwatch.StartNew();

        await client.Containers.KillContainerAsync(agreement.Facts["Container"], new ContainerKillParameters { Signal = "SIGKILL" }, Cancellation);

        var exited = await events.NextAsync(Deadline);
        clock.Stop();
        TestContext.Current.SendDiagnosticMessage($"docker kill to Exited event: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(ClusterEventKind.Exited, exited.Kind);
        Assert.Equal("killed (SIGKILL) outside the dashboard", exited.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the kill was reported after {clock.ElapsedMilliseconds} ms, later than one health-check interval");
        Assert.Equal(NodeRunState.Exited, cluster.Node("agreement-0").State);
    }

    [Fact]
    public async Task Kill_ByTheDashboard_NodeIsExitedAndItsPortCloses()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1, ipfs: 1));
        var ipfs = cluster.Node("ipfs-0");

        await cluster.Provider.KillAsync(ipfs.Ref, Cancellation);

        Assert.Equal(NodeRunState.Exited, cluster.Node("ipfs-0").State);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetAsync(ipfs.HealthEndpoint, Cancellation));
    }

    [Fact]
    public async Task PauseThenResume_Node_HangsWhilePausedAndAnswersAfter()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1, agreement: 1));

        await ProviderContract.PauseThenResumeAsync(cluster, "agreement-0");
    }

    [Fact]
    public async Task StopStartRestart_Node_ReportsEachAndKeepsItsEndpoint()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1, ipfs: 1));
        var before = cluster.Node("ipfs-0");

        await cluster.Provider.StopAsync(before.Ref, Cancellation);
        Assert.Equal(NodeRunState.Stopped, cluster.Node("ipfs-0").State);

        await cluster.Provider.StartAsync(before.Ref, Cancellation);
        var started = cluster.Node("ipfs-0");
        Assert.Equal(NodeRunState.Running, started.State);

        await cluster.Provider.RestartAsync(before.Ref, Cancellation);
        var restarted = cluster.Node("ipfs-0");
        Assert.Equal(NodeRunState.Running, restarted.State);
        Assert.NotEqual(started.StartedAt, restarted.StartedAt);
        Assert.Equal(before.RpcEndpoint, restarted.RpcEndpoint);
    }

    [Fact]
    public async Task LatencyThenStall_ThroughTheAdminApi_SlowThenSilent()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1, blockchain: 1));
        var follower = cluster.Node("blockchain-0");
        using var shortTimeout = new HttpClient { Timeout = TimeSpan.FromMilliseconds(800) };

        await cluster.Provider.AddLatencyAsync(follower.Ref, TimeSpan.FromMilliseconds(300), Cancellation);
        var clock = Stopwatch.StartNew();
        await RpcProbe.HeightAsync(follower.RpcEndpoint);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered in {clock.ElapsedMilliseconds} ms despite 300 ms latency");

        await cluster.Provider.StallAsync(follower.Ref, Cancellation);
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => shortTimeout.GetAsync(follower.HealthEndpoint, Cancellation));

        await cluster.Provider.HealAsync(follower.Ref, Cancellation);
        await Eventually.UntilAsync(async () => (await Http.GetAsync(follower.HealthEndpoint, Cancellation)).IsSuccessStatusCode, Deadline, "the healed node to answer");
    }

    [Fact]
    public async Task Operation_OnUnknownNode_FailsWithASentence()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1));

        var error = await Assert.ThrowsAsync<ClusterOperationException>(() =>
            cluster.Provider.KillAsync(new NodeRef(cluster.App, "validator", "validator-9", ComponentRole.Validator), Cancellation));

        Assert.Equal($"{cluster.App}/validator-9 is not a node of the Docker cluster (no container labelled metanode.app={cluster.App}, metanode.node=validator-9)", error.Message);
    }

    [Fact]
    public async Task Connect_AfterADashboardRestart_FindsTheSameContainersAndTheChainGoesOn()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 1, blockchain: 1));
        await cluster.WaitForProgressAsync("blockchain-0", 2, Deadline);
        var before = cluster.Provider.Nodes(cluster.App).ToDictionary(n => n.Ref.Name, n => n.Facts["Container id"]);
        var height = await cluster.HeightAsync("blockchain-0");

        // The dashboard goes away; its containers do not.
        await cluster.Provider.DisposeAsync();
        var restarted = DockerTestCluster.NewProvider(cluster.Options);
        cluster.Replace(restarted);
        await restarted.ConnectAsync([cluster.App], Cancellation);
        await restarted.ApplyAsync(cluster.Topology, Cancellation);

        Assert.Equal(before, restarted.Nodes(cluster.App).ToDictionary(n => n.Ref.Name, n => n.Facts["Container id"]));
        Assert.All(restarted.Nodes(cluster.App), n => Assert.Equal(NodeRunState.Running, n.State));
        Assert.True(await cluster.HeightAsync("blockchain-0") >= height, "the chain started over");
        await cluster.WaitForProgressAsync("blockchain-0", 2, Deadline);
    }
}
