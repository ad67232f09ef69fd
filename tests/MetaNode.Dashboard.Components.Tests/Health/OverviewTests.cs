using MetaNode.Dashboard.Components.Health;
using MetaNode.Dashboard.Components.Pages;
using MetaNode.Dashboard.Components.Tests.Support;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Components.Tests.Health;

public sealed class OverviewTests : HealthPageContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<ComponentCard> Card(IRenderedComponent<Overview> page, string component) =>
        page.FindComponents<ComponentCard>().Single(c => c.Instance.Component.Name == component);

    [Fact]
    public void Overview_BeforeFirstHealthCheck_ShowsWaitingNotZeros()
    {
        var page = Render<Overview>();

        Assert.Contains("Waiting for the first health check", page.Find("[data-testid=waiting]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=component-card]"));
    }

    [Fact]
    public void Overview_FirstReportArrives_LeavesWaitingState()
    {
        var page = Render<Overview>();

        Report(HealthData.DefaultNodes());

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=component-card]").Count), Wait);
        Assert.Empty(page.FindAll("[data-testid=waiting]"));
    }

    [Fact]
    public void Overview_Snapshot_ShowsHeaderCardsCountsAndQuorum()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[4] = HealthData.Node("validator", 1, NodeStatus.Down);
        Report(nodes);

        var page = Render<Overview>();

        var header = page.Find("[data-testid=app-header]").TextContent;
        Assert.Contains("my-app", header, StringComparison.Ordinal);
        Assert.Contains("Local", header, StringComparison.Ordinal);
        Assert.Equal("1,000", page.Find("[data-testid=head-height] strong").TextContent);
        Assert.Contains("60 blocks/min", page.Find("[data-testid=block-rate]").TextContent, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:8545/", page.Find("[data-testid=entry-point]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=watched-only]"));

        var cards = page.FindAll("[data-testid=component-card]");
        Assert.Equal(["blockchain", "validator", "agreement", "ipfs"], cards.Select(c => c.GetAttribute("data-component")));

        var blockchain = page.Find("[data-component=blockchain]");
        Assert.Equal("3", blockchain.QuerySelector("[data-testid=healthy-count]")!.TextContent);
        Assert.Contains("/3", blockchain.TextContent, StringComparison.Ordinal);
        Assert.Equal("Healthy", blockchain.QuerySelector(".mn-status")!.GetAttribute("data-status"));
        Assert.Null(blockchain.QuerySelector("[data-testid=quorum]"));

        var validator = page.Find("[data-component=validator]");
        Assert.Equal("4", validator.QuerySelector("[data-testid=healthy-count]")!.TextContent);
        Assert.Equal("Degraded", validator.QuerySelector(".mn-card-head .mn-status")!.GetAttribute("data-status"));
        Assert.Contains("1 down", validator.TextContent, StringComparison.Ordinal);
        var quorum = validator.QuerySelector("[data-testid=quorum]")!;
        Assert.Contains("At risk", quorum.TextContent, StringComparison.Ordinal);
        Assert.Contains("quorum 4 of 5", quorum.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_StatusWords_ComeWithAnIconNotColourAlone()
    {
        Report(HealthData.DefaultNodes());

        var page = Render<Overview>();

        foreach (var status in page.FindAll(".mn-status"))
        {
            Assert.NotNull(status.QuerySelector("svg"));
            Assert.False(string.IsNullOrWhiteSpace(status.QuerySelector(".mn-status-word")!.TextContent));
        }
    }

    [Fact]
    public void Overview_QuorumLost_SaysLost()
    {
        var nodes = HealthData.DefaultNodes();
        for (var i = 3; i < 6; i++)
        {
            nodes[i] = HealthData.Node("validator", i - 3, NodeStatus.Down);
        }

        Report(nodes);

        var page = Render<Overview>();

        var quorum = page.Find("[data-component=validator] [data-testid=quorum]");
        Assert.Equal("Lost", quorum.QuerySelector(".mn-status")!.GetAttribute("data-status"));
    }

    [Fact]
    public void Overview_NodeGoesDown_UpdatesThatCardOnly()
    {
        var nodes = HealthData.DefaultNodes();
        Report(nodes);
        var page = Render<Overview>();
        var ipfsRenders = Card(page, "ipfs").RenderCount;
        var blockchainRenders = Card(page, "blockchain").RenderCount;

        nodes[0] = HealthData.Node("blockchain", 0, NodeStatus.Down);
        State.Apply(nodes: [nodes[0]], apps: [HealthData.AppOf(nodes)]);

        page.WaitForAssertion(
            () =>
            {
                var blockchain = page.Find("[data-component=blockchain]");
                Assert.Equal("2", blockchain.QuerySelector("[data-testid=healthy-count]")!.TextContent);
                Assert.Equal("Degraded", blockchain.QuerySelector(".mn-status")!.GetAttribute("data-status"));
                Assert.Contains("1 down", blockchain.TextContent, StringComparison.Ordinal);
            },
            Wait);
        var card = Card(page, "blockchain");
        card.WaitForAssertion(() => Assert.True(card.RenderCount > blockchainRenders), Wait);
        Assert.Equal(ipfsRenders, Card(page, "ipfs").RenderCount);
    }

    [Fact]
    public void Overview_ActiveFindings_CriticalFirstWithAge()
    {
        var nodes = HealthData.DefaultNodes();
        Report(
            nodes,
            [
                HealthData.Finding(FindingKind.ReplicationLag, Severity.Warning, "blockchain-2", "blockchain-2 is 14 blocks behind the head 1000", TimeSpan.FromSeconds(30)),
                HealthData.Finding(FindingKind.NodeDown, Severity.Critical, "validator-3", "validator-3 stopped answering", TimeSpan.FromSeconds(192)),
                HealthData.Finding(FindingKind.Failover, Severity.Info, "validator", "proposer validator-3 was skipped", TimeSpan.FromMinutes(10), lasted: TimeSpan.FromSeconds(5)),
            ]);

        var page = Render<Overview>();

        var active = page.FindAll("[data-testid=finding]");
        Assert.Equal(2, active.Count);
        Assert.Equal("Critical", active[0].GetAttribute("data-severity"));
        Assert.Contains("validator-3 stopped answering", active[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Node down", active[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("3m 12s", active[0].QuerySelector("[data-testid=finding-age]")!.TextContent);
        Assert.Equal("nodes/my-app/validator-3", active[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Warning", active[1].GetAttribute("data-severity"));
        Assert.Equal("30s", active[1].QuerySelector("[data-testid=finding-age]")!.TextContent);
    }

    [Fact]
    public void Overview_TimePassesWithoutChanges_AgesKeepMoving()
    {
        Report(HealthData.DefaultNodes(), [HealthData.Finding(FindingKind.NodeDown, Severity.Critical, "ipfs-0", "ipfs-0 stopped answering", TimeSpan.FromSeconds(192))]);
        var page = Render<Overview>();
        Assert.Equal("3m 12s", page.Find("[data-testid=finding-age]").TextContent);

        Clock.Now = HealthData.Now.AddMinutes(1);

        page.WaitForAssertion(() => Assert.Equal("4m 12s", page.Find("[data-testid=finding-age]").TextContent), Wait);
    }

    [Fact]
    public void Overview_NoFindings_SaysSo()
    {
        Report(HealthData.DefaultNodes());

        var page = Render<Overview>();

        Assert.Equal("No active findings", page.Find("[data-testid=findings-empty]").TextContent.Trim());
        Assert.Equal("No findings in the last 24 hours", page.Find("[data-testid=timeline-empty]").TextContent.Trim());
    }

    [Fact]
    public void Overview_Timeline_ShowsStartDurationKindAndSummaryOfEndedAndActiveFindings()
    {
        Report(
            HealthData.DefaultNodes(),
            [
                HealthData.Finding(FindingKind.ChainStall, Severity.Critical, "my-app", "no new block for 12 s", TimeSpan.FromHours(2), lasted: TimeSpan.FromSeconds(75)),
                HealthData.Finding(FindingKind.ReplicationLag, Severity.Warning, "blockchain-1", "blockchain-1 is 5 blocks behind", TimeSpan.FromMinutes(4)),
            ]);

        var page = Render<Overview>();

        var entries = page.FindAll("[data-testid=timeline-entry]");
        Assert.Equal(2, entries.Count);
        Assert.Equal("true", entries[0].GetAttribute("data-active"));
        Assert.Contains("ongoing · 4m 00s", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("10:00:00", entries[1].QuerySelector(".mn-timeline-start")!.TextContent);
        Assert.Equal("1m 15s", entries[1].QuerySelector(".mn-timeline-duration")!.TextContent);
        Assert.Contains("Chain stall", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("no new block for 12 s", entries[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_FindingEnds_MovesFromActiveListToTimelineOnly()
    {
        var finding = HealthData.Finding(FindingKind.NodeDown, Severity.Critical, "ipfs-1", "ipfs-1 stopped answering", TimeSpan.FromMinutes(1));
        Report(HealthData.DefaultNodes(), [finding]);
        var page = Render<Overview>();
        Assert.Single(page.FindAll("[data-testid=finding]"));

        State.Apply(findings: [finding with { EndedAt = HealthData.Now }]);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=finding]")), Wait);
        Assert.Equal("false", page.Find("[data-testid=timeline-entry]").GetAttribute("data-active"));
    }

    [Fact]
    public void Overview_WatchedApp_ShowsWatchedOnlyBadge()
    {
        var nodes = HealthData.DefaultNodes();
        State.Apply(nodes: nodes, apps: [HealthData.AppOf(nodes, operable: false)]);

        var page = Render<Overview>();

        Assert.Equal("watched only", page.Find("[data-testid=watched-only]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=entry-point]"));
    }

    [Fact]
    public void Overview_NoAppsConfigured_SaysWhereToAddOne()
    {
        Options.Apps.Clear();

        var page = Render<Overview>();

        var message = page.Find("[data-testid=no-apps]").TextContent;
        Assert.Contains("No apps configured", message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Apps", message, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_UnknownAppInAddress_LinksToTheKnownApps()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?app=nope");

        var page = Render<Overview>();

        var message = page.Find("[data-testid=unknown-app]");
        Assert.Contains("There is no app named “nope”", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("./?app=my-app", message.QuerySelector("a")!.GetAttribute("href"));
    }
}
