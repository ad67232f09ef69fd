using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MetaNode.Dashboard.EndToEnd;

/// <summary>Live health in a real browser, with a real local cluster behind the dashboard.</summary>
public sealed class NodesPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string App = "e2e-app";
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(
            new()
            {
                DataDirectory = _data.Path,
                UseKestrel = true,
                Settings = new Dictionary<string, string?>
                {
                    [$"Dashboard:Apps:{App}:Provider"] = "Local",
                    [$"Dashboard:Apps:{App}:Components:validator:Replicas"] = "1",
                    [$"Dashboard:Apps:{App}:Components:blockchain:Replicas"] = "2",
                    [$"Dashboard:Apps:{App}:Consensus:BlockTime"] = "00:00:00.500",
                    [$"Dashboard:Apps:{App}:Consensus:Timeout"] = "00:00:01",
                    [$"Dashboard:Apps:{App}:EntryPoint:Port"] = "0",
                    ["Dashboard:Cluster:Local:PortRangeStart"] = "35000",
                    ["Dashboard:Cluster:Local:PortRangeEnd"] = "35999",
                },
            },
            TestContext.Current.CancellationToken);
        var feed = _host.Services.GetRequiredService<IHealthFeed>();
        await Eventually.UntilAsync(
            () => feed.Current.NodesOf(App).Count() == 3 && feed.Current.NodesOf(App).All(n => n.Status == NodeStatus.Up),
            TimeSpan.FromSeconds(60),
            "the app's nodes to be Up");
        await _host.CreateUserAsync("operator", "Operator");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task KilledNode_TurnsRedOnTheNodesPageWithoutAReload()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(_host.BaseAddress, "operator", $"nodes?app={App}");
        var row = page.Locator("[data-testid=node-row][data-node=blockchain-1]");
        await Assertions.Expect(row).ToContainTextAsync("Up");
        await page.EvaluateAsync("() => { window.__beforeKill = true; }");
        await page.SaveScreenshotAsync("nodes-before-kill");

        var provider = _host.Services.GetRequiredService<ClusterRegistry>().For(App);
        await provider.KillAsync(provider.Nodes(App).Single(n => n.Ref.Name == "blockchain-1").Ref, TestContext.Current.CancellationToken);

        await Assertions.Expect(row).ToContainTextAsync("Down");
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mn-tone-bad"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__beforeKill === true"), "the page was not reloaded");
        await Assertions.Expect(page.Locator("[data-testid=node-row][data-node=blockchain-0]")).ToContainTextAsync("Up");
        await page.SaveScreenshotAsync("nodes-after-kill");

        await provider.StartAsync(provider.Nodes(App).Single(n => n.Ref.Name == "blockchain-1").Ref, TestContext.Current.CancellationToken);
        await Assertions.Expect(row).ToContainTextAsync("Up", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Overview_ShowsComponentCardsForTheApp()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(_host.BaseAddress, "operator", $"?app={App}");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(App);
        await Assertions.Expect(page.GetByText("quorum 1 of 1")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("overview");
    }
}
