using MetaNode.Operations.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Clusters.Local;

/// <summary>The chain behaviours the dashboard must detect, on real devnet processes.</summary>
[Collection(nameof(LocalClusterCollection))]
public sealed class ConsensusScenarioTests
{
    private static readonly TimeSpan Progress = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FiveValidatorsQuorumFour_LosingOneThenTwoThenRestarting_ContinuesHaltsAndResumes()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 5, quorum: 4));
        await cluster.WaitForProgressAsync("validator-0", 3, Progress);

        await cluster.Provider.KillAsync(cluster.Node("validator-4").Ref, Cancellation);
        await cluster.WaitForProgressAsync("validator-0", 5, Progress);

        await cluster.Provider.KillAsync(cluster.Node("validator-3").Ref, Cancellation);
        await cluster.AssertHaltedAsync("validator-0");

        await cluster.Provider.StartAsync(cluster.Node("validator-3").Ref, Cancellation);
        await cluster.Provider.StartAsync(cluster.Node("validator-4").Ref, Cancellation);
        await cluster.WaitForProgressAsync("validator-0", 3, Progress);
        await Eventually.UntilAsync(
            async () => await cluster.HeightAsync("validator-4") >= await cluster.HeightAsync("validator-0") - 1,
            Progress,
            "the restarted validator to catch up");
    }

    [Fact]
    public async Task FiveValidatorsQuorumThree_PartitionTwoThree_OnlyTheMajoritySideCommits()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 5, quorum: 3));
        await cluster.WaitForProgressAsync("validator-0", 2, Progress);
        var majority = new[] { "validator-2", "validator-3", "validator-4" }.Select(n => cluster.Node(n).Ref).ToList();

        await cluster.Provider.IsolateAsync(cluster.Node("validator-0").Ref, majority, Cancellation);
        await cluster.Provider.IsolateAsync(cluster.Node("validator-1").Ref, majority, Cancellation);

        var minorityHalted = cluster.AssertHaltedAsync("validator-0");
        await cluster.WaitForProgressAsync("validator-2", 4, Progress);
        await minorityHalted;
    }

    [Fact]
    public async Task FourValidatorsQuorumTwo_PartitionTwoTwo_SplitsIntoTwoChainsThatConvergeWhenHealed()
    {
        await using var cluster = await LocalTestCluster.StartAsync(LocalTestCluster.Design(validators: 4, quorum: 2));
        await cluster.WaitForProgressAsync("validator-0", 2, Progress);
        var sideB = new[] { "validator-2", "validator-3" }.Select(n => cluster.Node(n).Ref).ToList();
        var forkedAt = await cluster.HeightAsync("validator-0") + 1;

        await cluster.Provider.IsolateAsync(cluster.Node("validator-0").Ref, sideB, Cancellation);
        await cluster.Provider.IsolateAsync(cluster.Node("validator-1").Ref, sideB, Cancellation);

        // Both sides reach a quorum of two on their own: two different blocks at one height.
        long splitHeight = 0;
        await Eventually.UntilAsync(
            async () =>
            {
                var common = Math.Min(await cluster.HeightAsync("validator-0"), await cluster.HeightAsync("validator-2"));
                for (var height = forkedAt; height <= common; height++)
                {
                    if (await RpcProbe.HashAtAsync(cluster.Node("validator-0").RpcEndpoint, height) != await RpcProbe.HashAtAsync(cluster.Node("validator-2").RpcEndpoint, height))
                    {
                        splitHeight = height;
                        return true;
                    }
                }

                return false;
            },
            Progress,
            "the two sides to commit different blocks at one height");
        Assert.True(splitHeight >= forkedAt);

        foreach (var node in new[] { "validator-0", "validator-1" })
        {
            await cluster.Provider.HealAsync(cluster.Node(node).Ref, Cancellation);
        }

        await Eventually.UntilAsync(
            async () =>
            {
                var hashes = await Task.WhenAll(cluster.NodesOf(MetaNode.Operations.Topology.ComponentRole.Validator)
                    .Select(v => RpcProbe.HashAtAsync(v.RpcEndpoint, splitHeight)));
                return hashes.Distinct().Count() == 1;
            },
            Progress,
            $"all validators to agree on block {splitHeight} after the partition healed");
    }
}
