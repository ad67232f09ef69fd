using MetaNode.Dashboard.Components.Tests.Support;
using MetaNode.Dashboard.Model;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Components.Tests.Health;

public sealed class NodeGridViewTests
{
    private static HealthSnapshot Snapshot(IReadOnlyList<NodeHealth> nodes)
    {
        var state = new HealthState(new ManualClock(HealthData.Now));
        return state.Apply(nodes: nodes, apps: [HealthData.AppOf(nodes)]);
    }

    private static HealthBatch Batch(params NodeHealth[] nodes) => new(2, nodes, [], [], []);

    private static IEnumerable<string> Names(NodeGridView view) => view.Rows.Select(r => r.Node.Name);

    [Fact]
    public void Apply_ChangeThatKeepsTheSortKey_ReplacesTheRowInPlace()
    {
        var nodes = HealthData.DefaultNodes();
        var view = NodeGridView.Of(Snapshot(nodes), HealthData.App, NodeQuery.Default);
        var changed = nodes[4] with { Latency = TimeSpan.FromMilliseconds(90) };

        var after = view.Apply(Batch(changed));

        Assert.Equal(Names(view), Names(after));
        Assert.Same(changed, after.Rows.Single(r => r.Node.Name == "validator-1"));
        Assert.All(after.Rows.Where(r => r.Node.Name != "validator-1"), r => Assert.Same(view.Nodes[r.Node.Id], r));
    }

    [Fact]
    public void Apply_ChangeOfTheSortKey_Reorders()
    {
        var nodes = HealthData.DefaultNodes();
        var view = NodeGridView.Of(Snapshot(nodes), HealthData.App, NodeQuery.Default with { SortBy = NodeColumn.Latency, Descending = true });

        var after = view.Apply(Batch(nodes[12] with { Latency = TimeSpan.FromMilliseconds(400) }));

        Assert.Equal("ipfs-2", after.Rows[0].Node.Name);
    }

    [Fact]
    public void Apply_NodeLeavesTheFilter_DropsItsRowAndCountsIt()
    {
        var nodes = HealthData.DefaultNodes();
        var view = NodeGridView.Of(Snapshot(nodes), HealthData.App, NodeQuery.Default with { Status = NodeStatus.Up });

        var after = view.Apply(Batch(HealthData.Node("agreement", 1, NodeStatus.Down)));

        Assert.DoesNotContain("agreement-1", Names(after));
        Assert.Equal(new NodeCounts(13, 12, 0, 1, 0), after.Counts);
    }

    [Fact]
    public void Apply_BatchOfAnotherApp_ReturnsTheSameView()
    {
        var view = NodeGridView.Of(Snapshot(HealthData.DefaultNodes()), HealthData.App, NodeQuery.Default);

        var after = view.Apply(Batch(HealthData.Node("blockchain", 0, NodeStatus.Down, app: "other-app")));

        Assert.Same(view, after);
    }

    [Fact]
    public void Query_UnknownValues_SortLastInBothDirections()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[0] = nodes[0] with { Peers = null };
        nodes[1] = nodes[1] with { Peers = 9 };
        var view = NodeGridView.Of(Snapshot(nodes), HealthData.App, NodeQuery.Default with { SortBy = NodeColumn.Peers });

        Assert.Equal("blockchain-0", view.Rows[^1].Node.Name);
        Assert.Equal("blockchain-1", view.Rows[^2].Node.Name);

        var descending = view.With(view.Query.SortedBy(NodeColumn.Peers));

        Assert.True(descending.Query.Descending);
        Assert.Equal("blockchain-1", descending.Rows[0].Node.Name);
        Assert.Equal("blockchain-0", descending.Rows[^1].Node.Name);
    }

    [Fact]
    public void Query_ByName_OrdersOrdinalsNumerically()
    {
        var nodes = Enumerable.Range(0, 12).Select(i => HealthData.Node("validator", i)).ToList();

        var view = NodeGridView.Of(Snapshot(nodes), HealthData.App, NodeQuery.Default);

        Assert.Equal(["validator-0", "validator-1", "validator-2"], Names(view).Take(3));
        Assert.Equal("validator-11", view.Rows[^1].Node.Name);
    }

    [Fact]
    public void Counts_Summary_NamesEveryStatusPresent()
    {
        var counts = new NodeCounts(1000, 990, 4, 3, 3);

        Assert.Equal("1,000 nodes · 990 up · 4 degraded · 3 down · 3 not checked yet", counts.Summary);
    }
}
