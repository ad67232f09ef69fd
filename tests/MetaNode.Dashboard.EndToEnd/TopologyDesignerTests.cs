using System.Globalization;
using MetaNode.Testing;
using Microsoft.Playwright;

namespace MetaNode.Dashboard.EndToEnd;

/// <summary>
/// The topology designer in a real browser on a real local cluster: a change shows its warnings and
/// what the design then survives at once; a saved design is planned and applied, and the new node
/// appears live in the diagram.
/// </summary>
public sealed class TopologyDesignerTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string App = "design-app";
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Dashboard:Apps:{App}:Provider"] = "Local",
            [$"Dashboard:Apps:{App}:Components:validator:Replicas"] = "5",
            [$"Dashboard:Apps:{App}:Components:blockchain:Replicas"] = "1",
            [$"Dashboard:Apps:{App}:Consensus:BlockTime"] = "00:00:00.500",
            [$"Dashboard:Apps:{App}:EntryPoint:Port"] = "0",
            ["Dashboard:Cluster:Local:PortRangeStart"] = "35400",
            ["Dashboard:Cluster:Local:PortRangeEnd"] = "35499",
        };
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path, UseKestrel = true, Settings = settings }, TestContext.Current.CancellationToken);
        await _host.CreateUserAsync("olivia", "Operator");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task FourValidatorsQuorumTwo_WarnsOfSplitBrainAndTheToleranceTableChanges()
    {
        var page = await OpenDesignerAsync();
        await Assertions.Expect(Tolerance(page, "validator")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=issue][data-rule=quorum-split-brain]")).ToHaveCountAsync(0);

        await SetAsync(page.Locator("[data-testid=component-replicas][data-component=validator] input, input[data-testid=component-replicas][data-component=validator]").First, "4");
        await SetAsync(Policy(page, "ha_policy.consensus.quorum"), "2");

        await Assertions.Expect(page.Locator("[data-testid=issue][data-rule=quorum-split-brain]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=issue][data-rule=quorum-split-brain]")).ToContainTextAsync("2");
        await Assertions.Expect(Tolerance(page, "validator")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=unsaved]")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("designer-split-brain");
    }

    [Fact]
    public async Task SecondBlockchainNode_SavedPlannedAndApplied_AppearsLiveInTheDiagram()
    {
        var page = await OpenDesignerAsync();
        await Assertions.Expect(page.Locator("[data-testid=topology-diagram] [data-node=blockchain-0]")).ToHaveAttributeAsync("data-state", "Up", new() { Timeout = 45_000 });

        await SetAsync(page.Locator("[data-testid=component-replicas][data-component=blockchain] input, input[data-testid=component-replicas][data-component=blockchain]").First, "2");
        await Assertions.Expect(page.Locator("[data-node=blockchain-1]")).ToHaveAttributeAsync("data-state", "Planned");
        await page.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=design-version]")).ToContainTextAsync("version 1");

        await page.Locator("[data-testid=plan]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=plan-steps] li[data-target=blockchain-1]")).ToContainTextAsync("Create and start blockchain-1");
        await page.SaveScreenshotAsync("designer-plan");
        await page.Locator("[data-testid=apply]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-node=blockchain-1]")).ToHaveAttributeAsync("data-state", "Up", new() { Timeout = 45_000 });
        await Assertions.Expect(page.Locator("[data-testid=plan-empty]")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("designer-applied");
    }

    private async Task<IPage> OpenDesignerAsync()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(_host.BaseAddress, "olivia", "topology?app=" + App);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Topology · " + App);
        return page;
    }

    private static ILocator Tolerance(IPage page, string component) =>
        page.Locator($"[data-testid=tolerance-row][data-component={component}] [data-testid=tolerable-losses]");

    private static ILocator Policy(IPage page, string path) =>
        page.Locator($"input[data-testid='policy-{path}'], [data-testid='policy-{path}'] input").First;

    /// <summary>Types a value and leaves the field, as an operator does; the editors commit on change.</summary>
    private static async Task SetAsync(ILocator input, string value)
    {
        await input.FillAsync(value.ToString(CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }
}
