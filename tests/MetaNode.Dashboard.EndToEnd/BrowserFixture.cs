using MetaNode.Testing;
using Microsoft.Playwright;

namespace MetaNode.Dashboard.EndToEnd;

/// <summary>
/// One headless Debian chromium for the whole assembly, started through Playwright with the
/// flags this machine's closed network needs. Each test opens its own browser context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs chromium; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The shared browser; null when chromium is not installed.</summary>
    public IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh context (own cookies) and page; fails or skips when chromium is missing.</summary>
    public async Task<IPage> NewPageAsync()
    {
        Prerequisite.Require(Browser is not null, $"chromium is not installed at {ChromiumPath} (apt-get install chromium)");
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Helpers every page test uses.</summary>
public static class PageExtensions
{
    /// <summary>
    /// Waits until the circuit is live. Clicks sent before that are lost about one time in five,
    /// because the prerendered page has no event handlers yet.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Signs in through the sign-in form, then lands on <paramref name="path"/>.</summary>
    public static async Task SignInAsync(this IPage page, Uri baseAddress, string userName, string path = "", string password = MetaNode.Testing.DashboardTestHost.TestPassword)
    {
        await page.GotoAsync(new Uri(baseAddress, "account/sign-in?returnUrl=" + Uri.EscapeDataString("/" + path)).ToString());
        await page.Locator("#user-name").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Saves a screenshot when <c>METANODE_SCREENSHOTS</c> names a folder (for docs and reviews).</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("METANODE_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
