using MetaNode.Operations.Clusters.Docker;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>How cuts between nodes become networks (pure: no engine needed).</summary>
public sealed class NetworkPartitionTests
{
    private static readonly string[] Validators = ["v0", "v1", "v2", "v3", "v4"];

    private static HashSet<(string A, string B)> Cut(IEnumerable<string> side, IEnumerable<string> other) =>
        [.. side.SelectMany(a => other.Select(b => NetworkPartition.Pair(a, b)))];

    private static string[][] Names(IReadOnlyList<IReadOnlySet<string>>? groups) =>
        [.. groups!.Select(g => g.Order(StringComparer.Ordinal).ToArray())];

    [Fact]
    public void Groups_NoCuts_EveryoneOnOneNetwork()
    {
        Assert.Equal([Validators], Names(NetworkPartition.Groups(Validators, new HashSet<(string, string)>())));
    }

    [Fact]
    public void Groups_TwoThreeSplit_TwoNetworksLargestFirst()
    {
        var groups = NetworkPartition.Groups(Validators, Cut(["v0", "v1"], ["v2", "v3", "v4"]));

        Assert.Equal([["v2", "v3", "v4"], ["v0", "v1"]], Names(groups));
    }

    [Fact]
    public void Groups_OneNodeCutFromEveryone_IsOnNoNetwork()
    {
        var groups = NetworkPartition.Groups(Validators, Cut(["v0"], ["v1", "v2", "v3", "v4"]));

        Assert.Equal([["v1", "v2", "v3", "v4"]], Names(groups));
    }

    [Fact]
    public void Groups_CutFromSomePeersOnly_NodeInBetweenSitsOnBothNetworks()
    {
        // v0 and v1 cannot talk; v2 talks to both.
        var groups = NetworkPartition.Groups(["v0", "v1", "v2"], Cut(["v0"], ["v1"]));

        Assert.Equal([["v0", "v2"], ["v1", "v2"]], Names(groups));
    }

    [Fact]
    public void CutsOf_NetworksAfterARestart_ReadsBackTheCuts()
    {
        var networks = new Dictionary<string, IReadOnlySet<string>>
        {
            ["v0"] = new HashSet<string> { "p1" },
            ["v1"] = new HashSet<string> { "p1" },
            ["v2"] = new HashSet<string> { "cluster" },
            ["v3"] = new HashSet<string>(),
        };

        var cuts = NetworkPartition.CutsOf(networks);

        Assert.Equal(
            [("v0", "v2"), ("v0", "v3"), ("v1", "v2"), ("v1", "v3"), ("v2", "v3")],
            cuts.Order());
    }

    [Fact]
    public void Groups_TooScattered_RefusedWithNull()
    {
        // Cutting every pair of a perfect matching among 2n nodes needs 2^n groups.
        var nodes = Enumerable.Range(0, 12).Select(i => $"n{i}").ToList();
        var cuts = Enumerable.Range(0, 6).Select(i => NetworkPartition.Pair(nodes[2 * i], nodes[(2 * i) + 1])).ToHashSet();

        Assert.Null(NetworkPartition.Groups(nodes, cuts));
    }
}
