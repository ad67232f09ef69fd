using Docker.DotNet.Models;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>Partitions, healing and scaling on Docker, with the chain behaving as on the local cluster.</summary>
[Collection(nameof(LocalClusterCollection))]
public sealed class DockerPartitionTests
{
    private static readonly TimeSpan Progress = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IsolateThenHeal_Validator_StaysReachableWhileCutOffThenCatchesUp()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 3, quorum: 2));
        await cluster.WaitForProgressAsync("validator-0", 2, Progress);
        var others = new[] { "validator-1", "validator-2" }.Select(n => cluster.Node(n).Ref).ToList();

        await cluster.Provider.IsolateAsync(cluster.Node("validator-0").Ref, others, Cancellation);

        // Its published port still answers: the dashboard's path is on the access network.
        Assert.DoesNotContain(cluster.Options.ClusterNetwork, cluster.Node("validator-0").Facts["Networks"], StringComparison.Ordinal);
        await Eventually.UntilAsync(
            async () => (await Http.GetAsync(cluster.Node("validator-0").HealthEndpoint, Cancellation)).StatusCode == System.Net.HttpStatusCode.ServiceUnavailable,
            Progress,
            "the isolated validator to report itself isolated");
        var isolatedAt = await cluster.HeightAsync("validator-0");
        await cluster.WaitForProgressAsync("validator-1", 4, Progress);
        Assert.True(await cluster.HeightAsync("validator-0") <= isolatedAt + 1);

        await cluster.Provider.HealAsync(cluster.Node("validator-0").Ref, Cancellation);

        Assert.Contains(cluster.Options.ClusterNetwork, cluster.Node("validator-0").Facts["Networks"], StringComparison.Ordinal);
        await Eventually.UntilAsync(
            async () => await cluster.HeightAsync("validator-0") >= await cluster.HeightAsync("validator-1") - 1,
            Progress,
            "the healed validator to catch up");
    }

    [Fact]
    public async Task FiveValidatorsQuorumThree_PartitionTwoThree_OnlyTheMajorityCommitsAndHealingConverges()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 5, quorum: 3));
        await cluster.WaitForProgressAsync("validator-0", 2, Progress);
        var majority = new[] { "validator-2", "validator-3", "validator-4" }.Select(n => cluster.Node(n).Ref).ToList();

        await cluster.Provider.IsolateAsync(cluster.Node("validator-0").Ref, majority, Cancellation);
        await cluster.Provider.IsolateAsync(cluster.Node("validator-1").Ref, majority, Cancellation);

        // Two sides on two networks: the minority still talks to itself, not to the majority.
        Assert.Equal(cluster.Node("validator-0").Facts["Networks"], cluster.Node("validator-1").Facts["Networks"]);
        Assert.NotEqual(cluster.Node("validator-0").Facts["Networks"], cluster.Node("validator-2").Facts["Networks"]);
        var minorityHalted = cluster.AssertHaltedAsync("validator-0");
        await cluster.WaitForProgressAsync("validator-2", 4, Progress);
        await minorityHalted;

        foreach (var node in new[] { "validator-0", "validator-1" })
        {
            await cluster.Provider.HealAsync(cluster.Node(node).Ref, Cancellation);
        }

        await Eventually.UntilAsync(
            async () =>
            {
                var heights = await Task.WhenAll(cluster.NodesOf(ComponentRole.Validator).Select(v => RpcProbe.HeightAsync(v.RpcEndpoint)));
                return heights.Min() >= heights.Max() - 1;
            },
            Progress,
            "the minority to catch up with the majority after healing");
    }

    [Fact]
    public async Task Apply_ScaleValidatorsUpThenDown_NewValidatorJoinsConsensusAndRemovedOneIsGone()
    {
        await using var cluster = await DockerTestCluster.StartAsync(DockerTestCluster.Design(validators: 3, quorum: 2, blockchain: 1));
        await cluster.WaitForProgressAsync("blockchain-0", 2, Progress);

        await cluster.ApplyAsync(cluster.Topology.WithReplicas("validator", 4) with { Consensus = cluster.Topology.Consensus with { Quorum = 3 } });

        Assert.Equal(4, cluster.NodesOf(ComponentRole.Validator).Count);
        await cluster.WaitForProgressAsync("validator-3", 6, Progress);
        // With four validators and quorum three, the chain only moves if the others count the new one.
        await cluster.Provider.KillAsync(cluster.Node("validator-0").Ref, Cancellation);
        await cluster.WaitForProgressAsync("blockchain-0", 3, Progress);

        var removed = cluster.Node("validator-3").Facts["Container"];
        await cluster.Provider.StartAsync(cluster.Node("validator-0").Ref, Cancellation);
        await cluster.ApplyAsync(cluster.Topology.WithReplicas("validator", 3) with { Consensus = cluster.Topology.Consensus with { Quorum = 2 } });

        Assert.Equal(["validator-0", "validator-1", "validator-2"], cluster.NodesOf(ComponentRole.Validator).Select(n => n.Ref.Name));
        using var client = DockerTestEngine.Client();
        var left = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, Cancellation);
        Assert.DoesNotContain(left, c => c.Names.Contains("/" + removed));
        await cluster.WaitForProgressAsync("blockchain-0", 3, Progress);
    }
}
