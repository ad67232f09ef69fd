using System.Diagnostics;
using System.Globalization;
using MetaNode.Operations.Health;
using MetaNode.Operations.Tests.Support;

namespace MetaNode.Operations.Tests.Health;

/// <summary>The health monitor against real devnet processes.</summary>
[Collection(nameof(LocalClusterCollection))]
public sealed class HealthMonitorTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledNode_IsDownInTheFeedBeforeTheNextProbeWouldRun()
    {
        // A 5 s probe interval: anything faster than that came from the provider's exit event.
        await using var cluster = await MonitoredCluster.StartAsync(validators: 1, blockchain: 1, interval: TimeSpan.FromSeconds(5), timeout: TimeSpan.FromSeconds(1));
        using var subscription = cluster.Feed.Subscribe(TimeSpan.Zero);
        var clock = Stopwatch.StartNew();

        await cluster.Provider.KillAsync(cluster.Ref("blockchain-0"), Cancellation);

        await foreach (var batch in subscription.ReadAllAsync(Cancellation))
        {
            if (batch.Nodes.Any(n => n.Node.Name == "blockchain-0" && n.Status == NodeStatus.Down))
            {
                break;
            }
        }

        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"down after {clock.ElapsedMilliseconds} ms");
        var down = cluster.Node("blockchain-0");
        Assert.Equal("process killed (SIGKILL) by the dashboard", down.Reason);
        Assert.Null(down.UpSince);
    }

    [Fact]
    public async Task HungNode_IsDownWithinOneIntervalPlusTimeout()
    {
        await using var cluster = await MonitoredCluster.StartAsync(validators: 1, blockchain: 1, interval: TimeSpan.FromSeconds(1), timeout: TimeSpan.FromMilliseconds(400), retries: 0);
        var pid = int.Parse(cluster.Provider.Nodes(MonitoredCluster.App).Single(n => n.Ref.Name == "blockchain-0").Facts["PID"], CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();

        // Frozen behind the provider's back: no event, only the probes can tell.
        using (var stop = Process.Start("kill", ["-STOP", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync(Cancellation);
        }

        try
        {
            await cluster.WaitForAsync(s => s.Nodes[$"{MonitoredCluster.App}/blockchain-0"].Status == NodeStatus.Down, "the frozen node to be marked down");
            clock.Stop();
            var policy = cluster.HealthChecks;
            Assert.True(clock.Elapsed <= policy.Interval + policy.Timeout + TimeSpan.FromSeconds(1), $"down after {clock.ElapsedMilliseconds} ms");
            Assert.Equal("no answer within 400 ms", cluster.Node("blockchain-0").Reason);
        }
        finally
        {
            using var resume = Process.Start("kill", ["-CONT", pid.ToString(CultureInfo.InvariantCulture)]);
            await resume.WaitForExitAsync(CancellationToken.None);
        }

        await cluster.WaitForAsync(s => s.Nodes[$"{MonitoredCluster.App}/blockchain-0"].Status == NodeStatus.Up, "the thawed node to be up again");
    }

    [Fact]
    public async Task Partition_FourValidatorsQuorumTwo_RaisesSplitBrainThatEndsWhenHealed()
    {
        await using var cluster = await MonitoredCluster.StartAsync(validators: 4, quorum: 2);
        var sideB = new[] { cluster.Ref("validator-2"), cluster.Ref("validator-3") };

        await cluster.Provider.IsolateAsync(cluster.Ref("validator-0"), sideB, Cancellation);
        await cluster.Provider.IsolateAsync(cluster.Ref("validator-1"), sideB, Cancellation);

        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.SplitBrain).Any(f => f.IsActive), "a split-brain finding");
        var finding = cluster.Findings(FindingKind.SplitBrain).Single(f => f.IsActive);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("different blocks at height", finding.Summary, StringComparison.Ordinal);

        await cluster.Provider.HealAsync(cluster.Ref("validator-0"), Cancellation);
        await cluster.Provider.HealAsync(cluster.Ref("validator-1"), Cancellation);

        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.SplitBrain).All(f => !f.IsActive), "the split-brain finding to end");
        Assert.Contains(cluster.Findings(FindingKind.SplitBrain), f => f.Id == finding.Id && f.EndedAt is not null);
    }

    [Fact]
    public async Task HaltedChain_RaisesQuorumLostAtOnceAndStallAfterKBlockTimes()
    {
        await using var cluster = await MonitoredCluster.StartAsync(validators: 3, quorum: 2, blockchain: 1);

        await cluster.Provider.KillAsync(cluster.Ref("validator-1"), Cancellation);
        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.QuorumAtRisk).Any(f => f.IsActive), "quorum at risk");
        await cluster.Provider.KillAsync(cluster.Ref("validator-2"), Cancellation);

        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.QuorumLost).Any(f => f.IsActive), "quorum lost");
        Assert.Equal(QuorumState.Lost, cluster.Feed.Current.Apps[MonitoredCluster.App].Quorum);
        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.ChainStall).Any(f => f.IsActive), "a chain stall");
        Assert.Contains("no new block for", cluster.Findings(FindingKind.ChainStall).Single(f => f.IsActive).Summary, StringComparison.Ordinal);

        await cluster.Provider.StartAsync(cluster.Ref("validator-1"), Cancellation);

        await cluster.WaitForAsync(
            _ => cluster.Findings(FindingKind.ChainStall).All(f => !f.IsActive) && cluster.Findings(FindingKind.QuorumLost).All(f => !f.IsActive),
            "the stall and quorum-lost findings to end once quorum is back");
    }

    [Fact]
    public async Task LaggingNode_HasLagAndAFindingWhileBehind()
    {
        await using var cluster = await MonitoredCluster.StartAsync(validators: 1, blockchain: 1);
        var validators = new[] { cluster.Ref("validator-0") };

        await cluster.Provider.IsolateAsync(cluster.Ref("blockchain-0"), validators, Cancellation);

        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.ReplicationLag).Any(f => f.IsActive && f.Subject == "blockchain-0"), "a replication-lag finding");
        Assert.True(cluster.Node("blockchain-0").Lag > 3);

        await cluster.Provider.HealAsync(cluster.Ref("blockchain-0"), Cancellation);

        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.ReplicationLag).All(f => !f.IsActive) && cluster.Node("blockchain-0").Lag <= 1, "the node to catch up");
    }

    [Fact]
    public async Task KilledValidator_ProducesAFailoverNamingTheSkippedProposer()
    {
        await using var cluster = await MonitoredCluster.StartAsync(validators: 3, quorum: 2);

        await cluster.Provider.KillAsync(cluster.Ref("validator-2"), Cancellation);

        await cluster.WaitForAsync(
            _ => cluster.Findings(FindingKind.Failover).Any(f => f.Summary.Contains("validator-2 missed its turn", StringComparison.Ordinal)),
            "a failover finding naming the killed validator");
        var failover = cluster.Findings(FindingKind.Failover).First(f => f.Summary.Contains("validator-2", StringComparison.Ordinal));
        Assert.Matches(@"^block \d+: validator-2 missed its turn; validator-\d proposed after [\d.]+ s of failover$", failover.Summary);
        Assert.Equal(failover.StartedAt, failover.EndedAt);
    }

    [Fact]
    public async Task SlowNode_RaisesResourceContention()
    {
        await using var cluster = await MonitoredCluster.StartAsync(validators: 2, quorum: 2, blockchain: 2, timeout: TimeSpan.FromMilliseconds(900));

        await cluster.Provider.AddLatencyAsync(cluster.Ref("blockchain-1"), TimeSpan.FromMilliseconds(400), Cancellation);

        await cluster.WaitForAsync(_ => cluster.Findings(FindingKind.ResourceContention).Any(f => f.IsActive && f.Subject == "blockchain-1"), "a contention finding");
        Assert.Contains("× the app's median", cluster.Findings(FindingKind.ResourceContention).Single(f => f.IsActive).Summary, StringComparison.Ordinal);
    }
}
