using System.Net;
using System.Text.RegularExpressions;
using MetaNode.Operations.Audit;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.SingleSignOn;

/// <summary>
/// One test provider and one dashboard (on Kestrel, loopback) that trusts it, with the role map
/// ops-admins → Admin, ops-operators → Operator, ops-viewers → Viewer and no default role.
/// Tests use accounts of their own, so they do not disturb each other.
/// </summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    /// <summary>The button's words on the sign-in page.</summary>
    public const string ProviderName = "Test SSO";

    private readonly TempDirectory _data = new("metanode-sso");
    private readonly List<DashboardTestHost> _dashboards = [];

    /// <summary>The OpenID provider.</summary>
    public TestOpenIdProvider Provider { get; private set; } = null!;

    /// <summary>The dashboard trusting <see cref="Provider"/>.</summary>
    public DashboardTestHost Dashboard { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Provider = await TestOpenIdProvider.StartAsync(Directory.CreateDirectory(_data.Combine("provider")).FullName, TestContext.Current.CancellationToken);
        Dashboard = await StartDashboardAsync("dashboard", defaultRole: null);
    }

    /// <summary>Starts another dashboard on this provider (with its own store and client registration).</summary>
    public async Task<DashboardTestHost> StartDashboardAsync(string name, string? defaultRole)
    {
        var clientId = $"metanode-{name}";
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:Security:OpenIdConnect:Enabled"] = "true",
            ["Dashboard:Security:OpenIdConnect:DisplayName"] = ProviderName,
            ["Dashboard:Security:OpenIdConnect:Authority"] = Provider.Authority.ToString(),
            ["Dashboard:Security:OpenIdConnect:ClientId"] = clientId,
            ["Dashboard:Security:OpenIdConnect:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            ["Dashboard:Security:OpenIdConnect:Scopes:0"] = TestOpenIdProvider.RolesClaim,
            ["Dashboard:Security:OpenIdConnect:RoleClaim"] = TestOpenIdProvider.RolesClaim,
            ["Dashboard:Security:OpenIdConnect:RoleMap:ops-admins"] = "Admin",
            ["Dashboard:Security:OpenIdConnect:RoleMap:ops-operators"] = "Operator",
            ["Dashboard:Security:OpenIdConnect:RoleMap:ops-viewers"] = "Viewer",
            ["Dashboard:Security:OpenIdConnect:DefaultRole"] = defaultRole,
            ["Dashboard:Security:OpenIdConnect:RequireHttpsMetadata"] = "false",
            // Many sign-ins from one loopback address in a few seconds: above the per-client limit.
            ["Dashboard:Security:SignInRequestsPerMinute"] = "1000",
        };
        var dashboard = await DashboardTestHost.StartAsync(
            new DashboardTestHostOptions
            {
                DataDirectory = Directory.CreateDirectory(_data.Combine(name)).FullName,
                UseKestrel = true,
                Settings = settings,
            },
            TestContext.Current.CancellationToken);
        _dashboards.Add(dashboard);

        // The redirect URI holds the dashboard's port, known only now; the dashboard asks the
        // provider for nothing before the first sign-in.
        await Provider.RegisterClientAsync(clientId, dashboard.BaseAddress, TestContext.Current.CancellationToken);
        return dashboard;
    }

    /// <summary>The <c>user.sign-in</c> entries of <paramref name="userName"/> on <paramref name="dashboard"/>, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> SignInAuditAsync(DashboardTestHost dashboard, string userName) =>
        [.. (await dashboard.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = "user.sign-in", Actor = userName, Limit = 100 }, TestContext.Current.CancellationToken))
            .Where(e => e.ActorName == userName)];

    public async ValueTask DisposeAsync()
    {
        foreach (var dashboard in _dashboards)
        {
            await dashboard.DisposeAsync();
        }

        await Provider.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>What the browser ended on after following every redirect.</summary>
/// <param name="Client">The browser (its cookies), for further requests.</param>
/// <param name="Path">The dashboard path (with query) it ended on.</param>
/// <param name="Status">The final status code.</param>
/// <param name="Html">The final page.</param>
public sealed record SignInOutcome(HttpClient Client, string Path, HttpStatusCode Status, string Html);

/// <summary>A browser that signs in through single sign-on: a cookie jar, and redirects followed by hand.</summary>
public static class SingleSignOnBrowser
{
    /// <summary>
    /// Opens the sign-in page, presses "Sign in with …" (the form post), and follows the redirects:
    /// to the provider (saying who signs in with <c>login_hint</c>, as a user would type it),
    /// back to <c>/signin-oidc</c>, to the callback, and on to where the dashboard sends it.
    /// </summary>
    public static async Task<SignInOutcome> SignInAsync(DashboardTestHost dashboard, string subject, string returnUrl = "/nodes", HttpClient? client = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        client ??= dashboard.CreateClient(new CookieContainer());
        var page = await client.GetStringAsync(new Uri("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative), cancellationToken);
        var (action, fields) = ExternalSignInForm(page);
        using var challenge = await client.PostAsync(new Uri(dashboard.BaseAddress, action), new FormUrlEncodedContent(fields), cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var next = new Uri(challenge.Headers.Location + "&login_hint=" + Uri.EscapeDataString(subject));
        Assert.DoesNotContain("response_mode=form_post", next.Query, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", next.Query, StringComparison.Ordinal);

        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await client.GetAsync(next, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                next = new Uri(next, response.Headers.Location!);
                continue;
            }

            Assert.Equal(dashboard.BaseAddress.Authority, next.Authority);
            return new SignInOutcome(client, next.PathAndQuery, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        throw new InvalidOperationException($"more than 10 redirects, the last to {next}");
    }

    /// <summary>The "Sign in with …" form of the sign-in page: where it posts and its fields, as a browser would send them.</summary>
    private static (string Action, Dictionary<string, string> Fields) ExternalSignInForm(string page)
    {
        var form = Regex.Matches(page, "<form[^>]*action=\"(?<action>[^\"]+)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)
            .SingleOrDefault(m => m.Groups["body"].Value.Contains($"Sign in with {SingleSignOnFixture.ProviderName}", StringComparison.Ordinal));
        Assert.NotNull(form);
        var fields = Regex.Matches(form.Groups["body"].Value, "<input[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        return (WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
    }
}
