using MetaNode.Dashboard.Components.Health;
using MetaNode.Dashboard.Components.Pages;
using MetaNode.Dashboard.Components.Tests.Support;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Components.Tests.Health;

public sealed class NodesTests : HealthPageContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    // 1,000 nodes: 400 blockchain, 300 validator, 200 agreement, 100 ipfs; three of them down.
    private static List<NodeHealth> ThousandNodes()
    {
        var nodes = new List<NodeHealth>();
        foreach (var (component, count) in new[] { ("blockchain", 400), ("validator", 300), ("agreement", 200), ("ipfs", 100) })
        {
            nodes.AddRange(Enumerable.Range(0, count).Select(i => HealthData.Node(component, i)));
        }

        nodes[10] = HealthData.Node("blockchain", 10, NodeStatus.Down);
        nodes[420] = HealthData.Node("validator", 20, NodeStatus.Down);
        nodes[999] = HealthData.Node("ipfs", 99, NodeStatus.Down);
        return nodes;
    }

    private static IEnumerable<string?> RowNames(IRenderedComponent<Nodes> page) =>
        page.FindAll("[data-testid=node-row]").Select(r => r.GetAttribute("data-node"));

    [Fact]
    public void Nodes_ThousandNodes_CountsAllAndRendersOnlyVisibleRows()
    {
        Report(ThousandNodes());

        var page = Render<Nodes>();

        Assert.Equal("1,000 nodes · 997 up · 3 down", page.Find("[data-testid=node-counts]").TextContent);
        var rows = page.FindAll("[data-testid=node-row]");
        Assert.InRange(rows.Count, 1, 200); // a screenful plus overscan, not a thousand
        Assert.Equal("agreement-0", rows[0].GetAttribute("data-node"));
    }

    [Fact]
    public void Nodes_BeforeFirstHealthCheck_ShowsWaitingState()
    {
        var page = Render<Nodes>();

        Assert.NotNull(page.Find("[data-testid=waiting]"));
        Assert.Empty(page.FindAll("[data-testid=node-row]"));
    }

    [Fact]
    public void Nodes_ClickColumnHeader_SortsAscendingThenDescending()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[0] = nodes[0] with { Lag = 7 };
        nodes[1] = nodes[1] with { Lag = 2 };
        nodes[5] = nodes[5] with { Lag = 30 };
        Report(nodes);
        var page = Render<Nodes>();

        page.Find("[data-testid=sort-Lag]").Click();

        Assert.Equal(["blockchain-2", "validator-0", "validator-1"], RowNames(page).Take(3));
        Assert.Equal(["blockchain-1", "blockchain-0", "validator-2"], RowNames(page).Skip(5).Take(3));
        Assert.Equal(["agreement-0", "agreement-1", "ipfs-0", "ipfs-1", "ipfs-2"], RowNames(page).Skip(8)); // no lag: not chain nodes
        Assert.Equal("ascending", page.Find("[data-testid=sort-Lag]").ParentElement!.GetAttribute("aria-sort"));

        page.Find("[data-testid=sort-Lag]").Click();

        Assert.Equal(["validator-2", "blockchain-0", "blockchain-1"], RowNames(page).Take(3));
        Assert.Equal("descending", page.Find("[data-testid=sort-Lag]").ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public void Nodes_SortByStatus_PutsProblemsFirst()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[12] = HealthData.Node("ipfs", 2, NodeStatus.Down);
        nodes[6] = HealthData.Node("validator", 3, NodeStatus.Degraded);
        Report(nodes);
        var page = Render<Nodes>();

        page.Find("[data-testid=sort-Status]").Click();

        Assert.Equal(["ipfs-2", "validator-3"], RowNames(page).Take(2));
    }

    [Fact]
    public void Nodes_StatusFilter_ShowsOnlyNodesWithThatStatus()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[12] = HealthData.Node("ipfs", 2, NodeStatus.Down);
        nodes[4] = HealthData.Node("validator", 1, NodeStatus.Down);
        Report(nodes);
        var page = Render<Nodes>();

        page.Find("[data-testid=status-Down]").Click();

        Assert.Equal(["ipfs-2", "validator-1"], RowNames(page));
        Assert.Equal("true", page.Find("[data-testid=status-Down]").GetAttribute("aria-pressed"));
        Assert.Contains("Showing 2 of 13", page.Find("[data-testid=filter-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_ComponentFilter_ShowsOnlyThatComponent()
    {
        Report(HealthData.DefaultNodes());
        var page = Render<Nodes>();

        page.Find("[data-testid=component-agreement]").Click();

        Assert.Equal(["agreement-0", "agreement-1"], RowNames(page));
    }

    [Fact]
    public void Nodes_FilterMatchesNothing_SaysSo()
    {
        Report(HealthData.DefaultNodes());
        var page = Render<Nodes>();

        page.Find("[data-testid=status-Down]").Click();

        Assert.Equal("No node matches the filter", page.Find("[data-testid=no-match]").TextContent.Trim());
    }

    [Fact]
    public void Nodes_SearchByName_FiltersAfterTyping()
    {
        Report(ThousandNodes());
        var page = Render<Nodes>();

        page.Find("input[data-testid=node-search]").Input("validator-29");

        page.WaitForAssertion(
            () => Assert.Equal(["validator-29", "validator-290", "validator-291", "validator-292", "validator-293", "validator-294", "validator-295", "validator-296", "validator-297", "validator-298", "validator-299"], RowNames(page)),
            Wait);
    }

    [Fact]
    public void Nodes_BatchChangesOneNode_RedrawsOnlyThatRow()
    {
        var nodes = HealthData.DefaultNodes();
        Report(nodes);
        var page = Render<Nodes>();
        var rows = page.FindComponents<NodeRow>().ToDictionary(r => r.Instance.Node.Node.Name);
        var renders = rows.ToDictionary(r => r.Key, r => r.Value.RenderCount);

        State.Apply(nodes: [nodes[3] with { Height = 1001, Latency = TimeSpan.FromMilliseconds(250) }]);

        page.WaitForAssertion(() => Assert.Contains("250 ms", page.Find("[data-node=validator-0]").TextContent, StringComparison.Ordinal), Wait);
        rows["validator-0"].WaitForAssertion(() => Assert.True(rows["validator-0"].RenderCount > renders["validator-0"]), Wait);
        Assert.Contains("1,001", page.Find("[data-node=validator-0]").TextContent, StringComparison.Ordinal);
        Assert.All(rows.Where(r => r.Key != "validator-0"), r => Assert.Equal(renders[r.Key], r.Value.RenderCount));
        Assert.Equal(HealthData.DefaultNodes().Select(n => n.Node.Name).Order(StringComparer.Ordinal), RowNames(page).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Nodes_NodeGoesDown_UpdatesRowAndCountsKeepingOrder()
    {
        var nodes = HealthData.DefaultNodes();
        Report(nodes);
        var page = Render<Nodes>();
        var before = RowNames(page).ToList();

        State.Apply(nodes: [HealthData.Node("ipfs", 1, NodeStatus.Down)]);

        page.WaitForAssertion(() => Assert.Equal("Down", page.Find("[data-node=ipfs-1] .mn-status").GetAttribute("data-status")), Wait);
        Assert.Equal("13 nodes · 12 up · 1 down", page.Find("[data-testid=node-counts]").TextContent);
        Assert.Equal(before, RowNames(page));
    }

    [Fact]
    public void Nodes_NodeRemoved_LeavesTheGrid()
    {
        Report(HealthData.DefaultNodes());
        var page = Render<Nodes>();

        State.Apply(removedNodes: ["my-app/ipfs-2"]);

        page.WaitForAssertion(() => Assert.DoesNotContain("ipfs-2", RowNames(page)), Wait);
        Assert.Equal("12 nodes · 12 up", page.Find("[data-testid=node-counts]").TextContent);
    }

    [Fact]
    public void Nodes_Peers_NotAvailableWhenUnsupportedDashWhenUnknown()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[0] = nodes[0] with { Peers = null, Unsupported = ["net_peerCount"] };
        nodes[1] = nodes[1] with { Peers = null };
        Report(nodes);

        var page = Render<Nodes>();

        Assert.Equal("n/a", page.Find("[data-node=blockchain-0] [data-testid=peers]").TextContent);
        Assert.Equal("–", page.Find("[data-node=blockchain-1] [data-testid=peers]").TextContent);
        Assert.Equal("4", page.Find("[data-node=blockchain-2] [data-testid=peers]").TextContent);
    }

    [Fact]
    public void Nodes_Row_ShowsFiguresAndLinksToTheNodePage()
    {
        Report(HealthData.DefaultNodes());

        var page = Render<Nodes>();

        var row = page.Find("[data-node=validator-2]");
        Assert.Equal("nodes/my-app/validator-2", row.QuerySelector("a")!.GetAttribute("href"));
        var cells = row.QuerySelectorAll("[role=cell]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Up", "validator-2", "validator", "zone-a", "1,000", "0", "4", "12 ms", "MetaNode.Devnet/1.0", "1h 00m"], cells);
    }

    [Fact]
    public void Nodes_AppChangesInAddress_ShowsThatAppsNodes()
    {
        Options.Apps["other-app"] = new AppOptions { Components = { ["ipfs"] = new ComponentOptions { Replicas = 2 } } };
        var other = new List<NodeHealth> { HealthData.Node("ipfs", 0, app: "other-app"), HealthData.Node("ipfs", 1, NodeStatus.Down, app: "other-app") };
        Report(HealthData.DefaultNodes());
        State.Apply(nodes: other, apps: [HealthData.AppOf(other, app: "other-app")]);
        var page = Render<Nodes>();
        page.Find("[data-testid=component-validator]").Click();

        Services.GetRequiredService<NavigationManager>().NavigateTo("nodes?app=other-app");

        page.WaitForAssertion(() => Assert.Equal(["ipfs-0", "ipfs-1"], RowNames(page)), Wait);
        Assert.Equal("2 nodes · 1 up · 1 down", page.Find("[data-testid=node-counts]").TextContent);
    }
}
