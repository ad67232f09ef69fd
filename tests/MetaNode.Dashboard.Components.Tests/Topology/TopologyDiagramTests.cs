using MetaNode.Dashboard.Components.Topology;
using MetaNode.Dashboard.Model;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Dashboard.Components.Tests.Topology;

/// <summary>The architecture drawing: zones side by side, tiers in order, each node in its health's colour.</summary>
public sealed class TopologyDiagramTests : BunitContext
{
    private static readonly TopologyDesign Design = new()
    {
        Name = "my-app",
        Regions = [new RegionSpec("eu-west-1", ["a", "b", "c"]), new RegionSpec("us-east-1", ["a"])],
        Components =
        [
            ComponentDesign.Default("blockchain", ComponentRole.Blockchain, 3),
            ComponentDesign.Default("validator", ComponentRole.Validator, 5) with { Zones = [new ZoneRef("eu-west-1", "a"), new ZoneRef("eu-west-1", "b"), new ZoneRef("eu-west-1", "c")] },
            ComponentDesign.Default("ipfs", ComponentRole.Ipfs, 2),
        ],
    };

    [Fact]
    public void Model_PlacesReplicasRoundRobinOverTheirZones()
    {
        var model = TopologyDiagramModel.Of(Design, new Dictionary<string, NodeHealth>());

        var eu = model.Regions.Single(r => r.Name == "eu-west-1");
        Assert.True(eu.Primary);
        Assert.Equal(["validator-0", "validator-3"], eu.Zones.Single(z => z.Name == "a").Tiers[1].Nodes.Select(n => n.Name));
        Assert.Equal(["blockchain-0"], eu.Zones.Single(z => z.Name == "a").Tiers[0].Nodes.Select(n => n.Name));
        Assert.Equal(["blockchain-2"], [.. model.Regions.Single(r => r.Name == "eu-west-1").Zones.Single(z => z.Name == "c").Tiers[0].Nodes.Select(n => n.Name)]);
        Assert.Empty(model.Regions.Single(r => r.Name == "us-east-1").Zones.Single().Tiers[1].Nodes);
        Assert.Equal(10, model.NodeCount);
        Assert.All(model.Regions.SelectMany(r => r.Zones).SelectMany(z => z.Tiers).SelectMany(t => t.Nodes), n => Assert.Equal(DiagramNodeState.Planned, n.State));
    }

    [Fact]
    public void Rendered_NodesCarryTheirLiveState()
    {
        var health = new Dictionary<string, NodeHealth>
        {
            ["validator-0"] = Node("validator-0", NodeStatus.Up),
            ["validator-1"] = Node("validator-1", NodeStatus.Down),
            ["blockchain-0"] = Node("blockchain-0", NodeStatus.Degraded),
        };

        var diagram = Render<TopologyDiagram>(p => p.Add(d => d.Model, TopologyDiagramModel.Of(Design, health)));

        Assert.Equal("Up", diagram.Find("[data-node=validator-0]").GetAttribute("data-state"));
        Assert.Equal("Down", diagram.Find("[data-node=validator-1]").GetAttribute("data-state"));
        Assert.Equal("Degraded", diagram.Find("[data-node=blockchain-0]").GetAttribute("data-state"));
        Assert.Equal("Planned", diagram.Find("[data-node=ipfs-1]").GetAttribute("data-state"));
        Assert.Contains("10 nodes in 2 region(s) and 4 zone(s); 1 up, 1 down, 7 not running", diagram.Find("title").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_ManyNodesInOneZone_ShowsACountInsteadOfSquares()
    {
        var big = new TopologyDesign { Name = "big", Components = [ComponentDesign.Default("validator", ComponentRole.Validator, 40)] };

        var diagram = Render<TopologyDiagram>(p => p.Add(d => d.Model, TopologyDiagramModel.Of(big, new Dictionary<string, NodeHealth>())));

        Assert.Empty(diagram.FindAll("[data-node]"));
        Assert.Contains("40 validators · 0 up", diagram.Markup, StringComparison.Ordinal);
    }

    private static NodeHealth Node(string name, NodeStatus status) => new()
    {
        Node = new NodeRef("my-app", name[..name.IndexOf('-', StringComparison.Ordinal)], name, name.StartsWith('v') ? ComponentRole.Validator : ComponentRole.Blockchain),
        Status = status,
    };
}
