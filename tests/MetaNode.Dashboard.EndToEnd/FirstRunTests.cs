using System.Text.RegularExpressions;
using MetaNode.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace MetaNode.Dashboard.EndToEnd;

/// <summary>
/// The first run as an operator lives it: the console prints a setup link, the first Admin is
/// created through it, the Admin creates an Operator and a Viewer on the Users page, and the
/// Viewer finds no way to change anything in the browser.
/// </summary>
public sealed partial class FirstRunTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string AdminPassword = "first admin passphrase";
    private const string ViewerPassword = "viewer's own passphrase";
    private readonly TempDirectory _data = new();
    private readonly LogCapture _logs = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await DashboardTestHost.StartAsync(
            new()
            {
                DataDirectory = _data.Path,
                UseKestrel = true,
                Customize = builder => builder.Logging.AddProvider(_logs),
            },
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task SetupLink_AdminCreatesOperatorAndViewer_ViewerSeesNoMutatingAction()
    {
        var page = await browser.NewPageAsync();

        // The link the console printed creates the first Admin and signs them in.
        await page.GotoAsync(await SetupLinkAsync());
        await page.SaveScreenshotAsync("setup");
        await page.Locator("#user-name").FillAsync("admin");
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.Locator("#confirm").FillAsync(AdminPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=user-menu]")).ToContainTextAsync("admin · Admin");

        // The Admin creates an Operator and a Viewer.
        await page.GotoAsync(new Uri(_host.BaseAddress, "admin/users").ToString());
        await page.WaitForInteractiveAsync();
        await CreateUserAsync(page, "olivia", "Operator", "operator's own passphrase");
        await CreateUserAsync(page, "victor", "Viewer", ViewerPassword);
        await Assertions.Expect(page.Locator("[data-testid=user-row][data-user=olivia] [data-testid=user-role]")).ToHaveTextAsync("Operator");
        await Assertions.Expect(page.Locator("[data-testid=user-row][data-user=victor] [data-testid=user-role]")).ToHaveTextAsync("Viewer");
        await page.SaveScreenshotAsync("users-after-first-run");

        // The Viewer signs in in a fresh browser context and reads, but cannot act.
        var viewer = await browser.NewPageAsync();
        await viewer.SignInAsync(_host.BaseAddress, "victor", "watched", ViewerPassword);
        await Assertions.Expect(viewer.Locator("[data-testid=user-menu]")).ToContainTextAsync("victor · Viewer");
        await Assertions.Expect(viewer.Locator("h1")).ToHaveTextAsync("Watched nodes");
        await Assertions.Expect(viewer.Locator("[data-testid=add-node-form]")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("[data-testid=remove-node]")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.Locator("[data-testid=nav-admin]")).ToHaveCountAsync(0);

        foreach (var adminPage in new[] { "admin/users", "admin/api-keys" })
        {
            await viewer.GotoAsync(new Uri(_host.BaseAddress, adminPage).ToString());
            await Assertions.Expect(viewer.Locator("h1")).ToHaveTextAsync("Your role does not open this");
        }

        await viewer.SaveScreenshotAsync("viewer-denied");
    }

    private static async Task CreateUserAsync(IPage page, string userName, string role, string password)
    {
        await page.Locator("[data-testid=new-user]").ClickAsync();
        await page.Locator("input[data-testid=field-user-name]").FillAsync(userName);
        await page.Locator($"[data-testid=field-new-role-{role}]").ClickAsync();
        await page.Locator("input[data-testid=field-password]").FillAsync(password);
        await page.Locator("input[data-testid=field-confirm]").FillAsync(password);
        await page.Locator("[data-testid=create]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=user-row][data-user={userName}]")).ToBeVisibleAsync();
    }

    private async Task<string> SetupLinkAsync()
    {
        string? line = null;
        await Eventually.UntilAsync(
            () => (line = _logs.Lines.FirstOrDefault(l => l.Contains("/setup?token=", StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(20),
            "the setup link in the console");
        return SetupUrl().Match(line!).Value;
    }

    [GeneratedRegex(@"http://\S+/setup\?token=[0-9a-f]+")]
    private static partial Regex SetupUrl();
}
