using MetaNode.Dashboard.Components.Pages;
using MetaNode.Dashboard.Components.Tests.Support;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;
using MudBlazor.Interop;

namespace MetaNode.Dashboard.Components.Tests.Health;

public sealed class NodeDetailTests : HealthPageContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public NodeDetailTests()
    {
        // MudBlazor draws a time series only after measuring its axis labels in the browser.
        JSInterop.Setup<ElementSize>("mudGetSvgBBox", _ => true).SetResult(new ElementSize { Width = 40, Height = 16 });
        Provider.Listed.Add(new NodeInfo(
            new NodeRef(HealthData.App, "validator", "validator-2", ComponentRole.Validator),
            NodeRunState.Running,
            new Uri("http://127.0.0.1:18502/"),
            "zone-a",
            null,
            HealthData.Now.AddHours(-1),
            new Dictionary<string, string> { ["PID"] = "4242", ["Log file"] = "data/cluster/my-app/validator-2.log" }));
    }

    private IRenderedComponent<NodeDetail> RenderNode(string name = "validator-2", string app = HealthData.App) =>
        Render<NodeDetail>(parameters => parameters.Add(p => p.App, app).Add(p => p.Name, name));

    private static string Fact(IRenderedComponent<NodeDetail> page, string list, string label)
    {
        var terms = page.FindAll($"[data-testid={list}] dt");
        var term = terms.Single(t => t.TextContent == label);
        return term.NextElementSibling!.TextContent;
    }

    private void SampleValidator2(int minutes)
    {
        History.Samples["my-app/validator-2"] =
        [
            .. Enumerable.Range(0, minutes * 12).Select(i => new NodeSample(
                HealthData.Now.AddSeconds(-5 * ((minutes * 12) - i)),
                NodeStatus.Up,
                900 + i,
                i % 3,
                10 + (i % 7),
                4)),
        ];
    }

    [Fact]
    public void NodeDetail_KnownNode_ShowsHealthFactsAndProviderFacts()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[5] = nodes[5] with
        {
            Status = NodeStatus.Degraded,
            Reason = "syncing: 120 blocks behind",
            Lag = 120,
            Syncing = new SyncProgress(800, 880, 1000),
            Peers = null,
            Unsupported = ["net_peerCount"],
        };
        Report(nodes);

        var page = RenderNode();

        Assert.Equal("Degraded", page.Find("[data-testid=node-header] .mn-status").GetAttribute("data-status"));
        Assert.Equal("syncing: 120 blocks behind", page.Find("[data-testid=node-reason]").TextContent);
        Assert.Equal("http://127.0.0.1:18502/", Fact(page, "health-facts", "Endpoint"));
        Assert.Equal("MetaNode.Devnet/1.0", Fact(page, "health-facts", "Client"));
        Assert.Equal("1337", Fact(page, "health-facts", "Chain id"));
        Assert.Equal("1,000", Fact(page, "health-facts", "Height"));
        Assert.Equal("0x3f2a…9c1d", Fact(page, "health-facts", "Head hash"));
        Assert.Equal(nodes[5].HeadHash, page.FindAll("[data-testid=health-facts] dd").Single(d => d.TextContent == "0x3f2a…9c1d").GetAttribute("title"));
        Assert.Equal("120 blocks", Fact(page, "health-facts", "Lag"));
        Assert.Equal("n/a", Fact(page, "health-facts", "Peers"));
        Assert.Equal("block 880 of 1,000 (40%)", Fact(page, "health-facts", "Syncing"));
        Assert.Equal("12 ms", Fact(page, "health-facts", "Latency"));
        Assert.Equal("ok", Fact(page, "health-facts", "Health check"));
        Assert.Equal("1h 00m", Fact(page, "health-facts", "Uptime"));
        Assert.Equal("Running", Fact(page, "health-facts", "Run state"));
        Assert.Equal("4242", Fact(page, "provider-facts", "PID"));
        Assert.Equal("data/cluster/my-app/validator-2.log", Fact(page, "provider-facts", "Log file"));
        Assert.Equal("Local", Fact(page, "provider-facts", "Provider"));
    }

    [Fact]
    public void NodeDetail_ContainerWithResourceStats_ShowsCpuAndMemoryAgainstItsLimits()
    {
        var nodes = HealthData.DefaultNodes();
        nodes[5] = nodes[5] with { Resources = new ResourceUsage(12.34, 1, 40L * 1024 * 1024, 256L * 1024 * 1024, HealthData.Now) };
        Report(nodes);

        var page = RenderNode();

        Assert.Equal("12.3% of one core (limit 1 core)", Fact(page, "health-facts", "CPU"));
        Assert.Equal("40 MiB of 256 MiB (16%)", Fact(page, "health-facts", "Memory"));
    }

    [Fact]
    public void NodeDetail_NoResourceStats_ShowsNoCpuOrMemory()
    {
        Report(HealthData.DefaultNodes());

        var page = RenderNode();

        Assert.DoesNotContain(page.FindAll("[data-testid=health-facts] dt"), t => t.TextContent is "CPU" or "Memory");
    }

    [Fact]
    public void NodeDetail_History_DrawsHeightLagAndLatencyCharts()
    {
        Report(HealthData.DefaultNodes());
        SampleValidator2(minutes: 15);

        var page = RenderNode();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=chart]").Count), Wait);
        page.WaitForAssertion(
            () =>
            {
                foreach (var chart in page.FindAll("[data-testid=chart]"))
                {
                    Assert.NotNull(chart.QuerySelector("path.mud-chart-line"));
                }
            },
            Wait);
        var height = page.Find("[data-metric=Height]");
        Assert.Contains("last 1,079", height.TextContent, StringComparison.Ordinal);
        Assert.Equal(("my-app/validator-2", HealthData.Now.AddMinutes(-15), HealthData.Now), History.SeriesRequests.First());
    }

    [Fact]
    public void NodeDetail_NoSamples_SaysSoInsteadOfAnEmptyChart()
    {
        Report(HealthData.DefaultNodes());

        var page = RenderNode();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=chart-empty]").Count), Wait);
        Assert.Equal("No samples in the last 15m", page.Find("[data-testid=chart-empty]").TextContent);
    }

    [Fact]
    public void NodeDetail_SwitchToOneHour_ReadsTheLongerPeriod()
    {
        Report(HealthData.DefaultNodes());
        SampleValidator2(minutes: 60);
        var page = RenderNode();
        page.WaitForAssertion(() => Assert.NotEmpty(History.SeriesRequests), Wait);

        page.Find("[data-testid=range-1h]").Click();

        page.WaitForAssertion(() => Assert.Contains(History.SeriesRequests, r => r.From == HealthData.Now.AddHours(-1)), Wait);
        Assert.Equal("true", page.Find("[data-testid=range-1h]").GetAttribute("aria-pressed"));
        page.WaitForAssertion(() => Assert.Contains("last 1,619", page.Find("[data-metric=Height]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void NodeDetail_Findings_ShowsStoredAndLiveFindingsAboutTheNode()
    {
        History.Findings.Add(HealthData.Finding(FindingKind.ReplicationLag, Severity.Warning, "validator-2", "validator-2 was 9 blocks behind", TimeSpan.FromHours(3), lasted: TimeSpan.FromMinutes(2)));
        History.Findings.Add(HealthData.Finding(FindingKind.NodeDown, Severity.Critical, "validator-3", "validator-3 stopped answering", TimeSpan.FromHours(1), lasted: TimeSpan.FromMinutes(1)));
        Report(HealthData.DefaultNodes(), [HealthData.Finding(FindingKind.ResourceContention, Severity.Warning, "validator-2", "validator-2 answers in 900 ms, 40 times the median", TimeSpan.FromSeconds(40))]);

        var page = RenderNode();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=timeline-entry]").Count), Wait);
        var entries = page.FindAll("[data-testid=timeline-entry]");
        Assert.Contains("Resource contention", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("true", entries[0].GetAttribute("data-active"));
        Assert.Contains("validator-2 was 9 blocks behind", entries[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("2m 00s", entries[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeDetail_NodeChangesOnTheFeed_UpdatesItsFacts()
    {
        var nodes = HealthData.DefaultNodes();
        Report(nodes);
        var page = RenderNode();

        State.Apply(nodes: [HealthData.Node("validator", 2, NodeStatus.Down)]);

        page.WaitForAssertion(() => Assert.Equal("Down", page.Find("[data-testid=node-header] .mn-status").GetAttribute("data-status")), Wait);
        Assert.Equal("no answer within 500 ms", page.Find("[data-testid=node-reason]").TextContent);
        Assert.Equal("–", Fact(page, "health-facts", "Height"));
    }

    [Fact]
    public void NodeDetail_StoreFails_ShowsLiveFactsAndSaysHistoryIsUnavailable()
    {
        History.Failure = new TimeoutException("the store did not answer within 30 s");
        Report(HealthData.DefaultNodes());

        var page = RenderNode();

        page.WaitForAssertion(() => Assert.Contains("the store did not answer within 30 s", page.Find("[data-testid=history-problem]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("1,000", Fact(page, "health-facts", "Height"));
    }

    [Fact]
    public void NodeDetail_UnknownNode_SaysNotFoundWithLinkBack()
    {
        Report(HealthData.DefaultNodes());

        var page = RenderNode(name: "validator-9");

        var message = page.Find("[data-testid=not-found]");
        Assert.Contains("There is no node named “validator-9” in my-app", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("nodes?app=my-app", message.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void NodeDetail_UnknownApp_SaysNotFound()
    {
        Report(HealthData.DefaultNodes());

        var page = RenderNode(app: "nope");

        Assert.Contains("There is no app named “nope”", page.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeDetail_ProviderKnowsNodeBeforeFirstCheck_ShowsProviderFactsAndWaits()
    {
        var page = RenderNode();

        Assert.Equal("4242", Fact(page, "provider-facts", "PID"));
        Assert.NotNull(page.Find("[data-testid=waiting]"));
    }
}
