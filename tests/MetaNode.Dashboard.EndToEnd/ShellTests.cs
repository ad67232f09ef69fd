using MetaNode.Testing;
using Microsoft.Playwright;

namespace MetaNode.Dashboard.EndToEnd;

public sealed class ShellTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(45);
    private readonly TempDirectory _data = new();
    private DashboardTestHost? _host;

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(
            new() { DataDirectory = _data.Path, UseKestrel = true }, TestContext.Current.CancellationToken);
        await _host.CreateUserAsync("viewer", "Viewer");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _data.Dispose();
    }

    [Fact]
    public async Task Shell_Opened_BecomesInteractiveAndShowsLiveConnection()
    {
        var page = await browser.NewPageAsync();

        await page.SignInAsync(_host!.BaseAddress, "viewer", "system");

        await Assertions.Expect(page.Locator("#mn-connection")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("System");
        await page.SaveScreenshotAsync("shell-system");
    }

    [Fact]
    public async Task ThemeToggle_ThenReload_KeepsTheChosenTheme()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(_host!.BaseAddress, "viewer");
        var shell = page.Locator(".mn-shell");
        var before = await shell.GetAttributeAsync("data-theme");
        var toggled = before == "dark" ? "light" : "dark";

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Assertions.Expect(shell).ToHaveAttributeAsync("data-theme", toggled);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator(".mn-shell")).ToHaveAttributeAsync("data-theme", toggled);
        await page.SaveScreenshotAsync($"shell-{toggled}");
    }

    [Fact]
    public async Task ServerRestart_WhilePageOpen_PageRecoversWithoutAClick()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(_host!.BaseAddress, "viewer");
        await page.EvaluateAsync("() => { window.__beforeRestart = true; }");
        var port = _host.BaseAddress.Port;

        await _host.DisposeAsync();
        _host = null;
        await Assertions.Expect(page.Locator("#mn-connection")).ToHaveAttributeAsync("data-state", "reconnecting");
        await Assertions.Expect(page.Locator("#mn-reconnect")).ToBeVisibleAsync();
        _host = await DashboardTestHost.StartAsync(
            new() { DataDirectory = _data.Path, UseKestrel = true, Port = port }, TestContext.Current.CancellationToken);

        // The old circuit is gone with the old process: the page must reload itself.
        await Eventually.UntilAsync(
            async () => await page.EvaluateAsync<bool>("() => window.__beforeRestart === undefined"),
            RecoveryDeadline,
            "the page to reload itself after the server came back");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#mn-connection")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.Locator("#mn-reconnect")).ToBeHiddenAsync();
    }
}
