using System.Diagnostics;
using System.Globalization;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Clusters.Local;

/// <summary>The Local provider against real devnet processes.</summary>
[Collection(nameof(LocalClusterCollection))]
public sealed class LocalClusterProviderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_MixedTopology_StartsEveryNodeServingHealthWithItsFacts()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, blockchain: 1, agreement: 1, ipfs: 1));

        var nodes = cluster.Provider.Nodes(cluster.App);

        Assert.Equal(["blockchain-0", "validator-0", "agreement-0", "ipfs-0"], nodes.Select(n => n.Ref.Name));
        Assert.All(nodes, n => Assert.Equal(NodeRunState.Running, n.State));
        foreach (var node in nodes)
        {
            await TestCluster.WaitUntilHealthyAsync(node, Deadline);
            Assert.True(int.TryParse(node.Facts["PID"], CultureInfo.InvariantCulture, out var pid) && IsAlive(pid), $"{node.Ref} has a live PID");
        }

        await cluster.WaitForProgressAsync("blockchain-0", 2, Deadline);
    }

    [Fact]
    public async Task Kill_ByTheDashboard_ExitedEventArrivesAndNodeIsDown()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, ipfs: 1));
        var ipfs = cluster.Node("ipfs-0");
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var events = cluster.Provider.WatchAsync(watch.Token).GetAsyncEnumerator(watch.Token);
        var next = events.MoveNextAsync().AsTask();

        await cluster.Provider.KillAsync(ipfs.Ref, Cancellation);

        Assert.True(await next.WaitAsync(Deadline, Cancellation));
        Assert.Equal(new ClusterEventKind?(ClusterEventKind.Exited), events.Current?.Kind);
        Assert.Equal("killed (SIGKILL) by the dashboard", events.Current!.Detail);
        Assert.Equal(NodeRunState.Exited, cluster.Node("ipfs-0").State);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetAsync(ipfs.HealthEndpoint, Cancellation));
        await watch.CancelAsync();
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Kill_FromOutsideTheDashboard_ExitedEventArrivesBeforeAnyProbeCould()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, agreement: 1));
        var agreement = cluster.Node("agreement-0");
        var pid = int.Parse(agreement.Facts["PID"], CultureInfo.InvariantCulture);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var events = cluster.Provider.WatchAsync(watch.Token).GetAsyncEnumerator(watch.Token);
        var next = events.MoveNextAsync().AsTask();
        var clock = Stopwatch.StartNew();

        Process.GetProcessById(pid).Kill();

        Assert.True(await next.WaitAsync(Deadline, Cancellation));
        clock.Stop();
        Assert.Equal(ClusterEventKind.Exited, events.Current.Kind);
        Assert.Equal("exited: killed by signal 9", events.Current.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the exit was reported after {clock.ElapsedMilliseconds} ms, later than one health-check interval");
        await watch.CancelAsync();
        await events.DisposeAsync();
    }

    [Fact]
    public async Task PauseThenResume_Node_HangsWhilePausedAndAnswersAfter()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, agreement: 1));

        await ProviderContract.PauseThenResumeAsync(cluster, "agreement-0");
    }

    [Fact]
    public async Task StopStartRestart_Node_ReportsEachAndRestartGivesANewProcess()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, ipfs: 1));
        var before = cluster.Node("ipfs-0");

        await cluster.Provider.StopAsync(before.Ref, Cancellation);
        Assert.Equal(NodeRunState.Stopped, cluster.Node("ipfs-0").State);
        Assert.False(cluster.Node("ipfs-0").Facts.ContainsKey("PID"));

        await cluster.Provider.StartAsync(before.Ref, Cancellation);
        var started = cluster.Node("ipfs-0");
        Assert.Equal(NodeRunState.Running, started.State);

        await cluster.Provider.RestartAsync(before.Ref, Cancellation);
        var restarted = cluster.Node("ipfs-0");
        Assert.Equal(NodeRunState.Running, restarted.State);
        Assert.NotEqual(started.Facts["PID"], restarted.Facts["PID"]);
        Assert.Equal(before.RpcEndpoint, restarted.RpcEndpoint);
    }

    [Fact]
    public async Task IsolateThenHeal_Validator_IsCutOffThenCatchesUp()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 3, quorum: 2));
        await cluster.WaitForProgressAsync("validator-0", 2, Deadline);
        var others = new[] { "validator-1", "validator-2" }.Select(n => cluster.Node(n).Ref).ToList();

        await cluster.Provider.IsolateAsync(cluster.Node("validator-0").Ref, others, Cancellation);

        await Eventually.UntilAsync(
            async () => (await Http.GetAsync(cluster.Node("validator-0").HealthEndpoint, Cancellation)).StatusCode == System.Net.HttpStatusCode.ServiceUnavailable,
            Deadline,
            "the isolated validator to report itself isolated");
        var isolatedAt = await cluster.HeightAsync("validator-0");
        await cluster.WaitForProgressAsync("validator-1", 4, Deadline);
        Assert.True(await cluster.HeightAsync("validator-0") <= isolatedAt + 1);

        await cluster.Provider.HealAsync(cluster.Node("validator-0").Ref, Cancellation);

        await Eventually.UntilAsync(
            async () => await cluster.HeightAsync("validator-0") >= await cluster.HeightAsync("validator-1") - 1,
            Deadline,
            "the healed validator to catch up");
    }

    [Fact]
    public async Task Apply_ScaleValidatorsUpThenDown_NewValidatorJoinsConsensusAndRemovedOneIsGone()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 3, quorum: 2, blockchain: 1));
        await cluster.WaitForProgressAsync("blockchain-0", 2, Deadline);

        await cluster.ApplyAsync(cluster.Topology.WithReplicas("validator", 4) with { Consensus = cluster.Topology.Consensus with { Quorum = 3 } });

        Assert.Equal(4, cluster.NodesOf(ComponentRole.Validator).Count);
        await cluster.WaitForProgressAsync("validator-3", 6, Deadline);
        // With four validators and quorum three, the chain only moves if the others count the new one.
        await cluster.Provider.KillAsync(cluster.Node("validator-0").Ref, Cancellation);
        await cluster.WaitForProgressAsync("blockchain-0", 3, Deadline);

        var removedPid = int.Parse(cluster.Node("validator-3").Facts["PID"], CultureInfo.InvariantCulture);
        await cluster.Provider.StartAsync(cluster.Node("validator-0").Ref, Cancellation);
        await cluster.ApplyAsync(cluster.Topology.WithReplicas("validator", 3) with { Consensus = cluster.Topology.Consensus with { Quorum = 2 } });

        Assert.Equal(["validator-0", "validator-1", "validator-2"], cluster.NodesOf(ComponentRole.Validator).Select(n => n.Ref.Name));
        Assert.False(IsAlive(removedPid), "the removed validator's process is gone");
        await cluster.WaitForProgressAsync("blockchain-0", 3, Deadline);
    }

    [Fact]
    public async Task StopAll_HostStops_LeavesNoProcessBehind()
    {
        var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 2, quorum: 2, ipfs: 1));
        var pids = cluster.Provider.Nodes(cluster.App).Select(n => int.Parse(n.Facts["PID"], CultureInfo.InvariantCulture)).ToList();

        await cluster.DisposeAsync();

        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} outlived the provider"));
    }

    [Fact]
    public async Task Initialize_AfterADashboardCrash_AdoptsRunningNodesAndStillSeesTheirExit()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, agreement: 1));
        var pid = cluster.Node("agreement-0").Facts["PID"];

        // A crash: the provider goes away without stopping anything.
        await cluster.Provider.DisposeAsync();
        var restarted = LocalTestCluster.NewProvider(cluster.Options, cluster.Folder);
        cluster.Replace(restarted);
        await restarted.InitializeAsync([cluster.App], Cancellation);
        await restarted.ApplyAsync(cluster.Topology, Cancellation);

        var adopted = cluster.Node("agreement-0");
        Assert.Equal(NodeRunState.Running, adopted.State);
        Assert.Equal(pid, adopted.Facts["PID"]);
        await cluster.WaitForProgressAsync("validator-0", 2, Deadline);

        using var watch = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var events = restarted.WatchAsync(watch.Token).GetAsyncEnumerator(watch.Token);
        var next = events.MoveNextAsync().AsTask();
        Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)).Kill();
        Assert.True(await next.WaitAsync(Deadline, Cancellation));
        Assert.Equal(ClusterEventKind.Exited, events.Current.Kind);
        await watch.CancelAsync();
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Initialize_StateFileLost_KillsTheNodesItNoLongerKnows()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1, ipfs: 1));
        var pids = cluster.Provider.Nodes(cluster.App).Select(n => int.Parse(n.Facts["PID"], CultureInfo.InvariantCulture)).ToList();
        await cluster.Provider.DisposeAsync();
        File.Delete(Path.Combine(cluster.Options.StateDirectory, "state.json"));

        var restarted = LocalTestCluster.NewProvider(cluster.Options, cluster.Folder);
        cluster.Replace(restarted);
        await restarted.InitializeAsync([cluster.App], Cancellation);

        await Eventually.UntilAsync(() => pids.All(pid => !IsAlive(pid)), Deadline, "the unaccounted nodes to be killed");
    }

    [Fact]
    public async Task Operation_OnUnknownNode_FailsWithASentence()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 1));

        var error = await Assert.ThrowsAsync<ClusterOperationException>(() =>
            cluster.Provider.KillAsync(new NodeRef(cluster.App, "validator", "validator-9", ComponentRole.Validator), Cancellation));

        Assert.Equal("test-app/validator-9 is not a node of the local cluster", error.Message);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var state = File.ReadAllText($"/proc/{pid}/stat");
            return !state[(state.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
