using MetaNode.Testing;
using Microsoft.Playwright;

namespace MetaNode.Dashboard.EndToEnd;

/// <summary>Signing in and out in a real browser.</summary>
public sealed class AccountFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path, UseKestrel = true }, TestContext.Current.CancellationToken);
        await _host.CreateUserAsync("viewer", "Viewer");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task SignIn_ThenSignOut_ShowsTheOverviewThenTheSignInPage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(_host.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.SaveScreenshotAsync("sign-in");

        await page.Locator("#user-name").FillAsync("viewer");
        await page.Locator("#password").FillAsync(DashboardTestHost.TestPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-testid=user-menu]")).ToContainTextAsync("viewer · Viewer");
        await Assertions.Expect(page.Locator(".mn-shell h1")).ToBeVisibleAsync();

        await page.Locator("[data-testid=user-menu] button").First.ClickAsync();
        await page.Locator("[data-testid=sign-out]").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync(new Uri(_host.BaseAddress, "nodes").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoWithoutSayingWhichPart()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(_host.BaseAddress, "account/sign-in").ToString());

        await page.Locator("#user-name").FillAsync("viewer");
        await page.Locator("#password").FillAsync("not the password");
        await page.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=sign-in-error]")).ToHaveTextAsync("The user name or password is not right.");
        await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync(string.Empty);
    }
}
