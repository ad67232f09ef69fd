using System.Net;
using System.Text.Json;
using MetaNode.Dashboard.Security.SingleSignOn;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using MetaNode.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.SingleSignOn;

/// <summary>
/// Single sign-on end to end: a real OpenID provider, the real dashboard on loopback, and a browser
/// made of an HttpClient with cookies that follows every redirect itself.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnFixture fixture) : IClassFixture<SingleSignOnFixture>
{
    private DashboardTestHost Dashboard => fixture.Dashboard;

    [Fact]
    public async Task SignIn_OpsAdminsAccount_BecomesAdminAndReachesViewerPage()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-alice", "alice", ["ops-admins", "building-7"]));

        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-alice");

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("/nodes", outcome.Path);
        var account = await outcome.Client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Matches("<b>alice</b>[^<]*Admin", account);
        var (user, roles) = await LinkedUserAsync(Dashboard, "sub-alice");
        Assert.Equal("alice", user?.UserName);
        Assert.Equal(SingleSignOnFixture.ProviderName, user?.ExternalProvider);
        Assert.Equal([DashboardRoles.Admin], roles);
    }

    [Fact]
    public async Task SignIn_FirstTime_AuditsSucceededSignInWithProviderAndRole()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-olga", "olga", ["ops-operators"]));

        await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-olga");

        var entry = Assert.Single(await SingleSignOnFixture.SignInAuditAsync(Dashboard, "olga"));
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Equal(ActorKind.User, entry.ActorKind);
        Assert.Equal("olga", entry.Target);
        Assert.Equal("127.0.0.1", entry.SourceAddress);
        Assert.False(string.IsNullOrEmpty(entry.CorrelationId));
        using var parameters = JsonDocument.Parse(entry.Parameters!);
        Assert.Equal(SingleSignOnFixture.ProviderName, parameters.RootElement.GetProperty("provider").GetString());
        Assert.Equal("Operator", parameters.RootElement.GetProperty("role").GetString());
        Assert.True(parameters.RootElement.GetProperty("created").GetBoolean());
    }

    [Fact]
    public async Task SignIn_RolesMapToNothing_IsRefusedWithMessageAndAuditedDenied()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-bob", "bob", ["contractors"]));

        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-bob");

        Assert.Equal("/account/sign-in?external=no-role&returnUrl=%2Fnodes", outcome.Path);
        Assert.Contains("has no role in this dashboard", outcome.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("metanode.auth", Dashboard.Cookies(outcome.Client) ?? string.Empty, StringComparison.Ordinal);
        using var nodes = await outcome.Client.GetAsync(new Uri("/nodes", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, nodes.StatusCode);
        Assert.StartsWith("/account/sign-in", nodes.Headers.Location!.IsAbsoluteUri ? nodes.Headers.Location.AbsolutePath : nodes.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.Null((await LinkedUserAsync(Dashboard, "sub-bob")).User);
        var entry = Assert.Single(await SingleSignOnFixture.SignInAuditAsync(Dashboard, "bob"));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Contains("contractors", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RolesMapToNothingWithDefaultRoleViewer_BecomesViewer()
    {
        var dashboard = await fixture.StartDashboardAsync("default-viewer", defaultRole: "Viewer");
        fixture.Provider.SetAccount(new TestAccount("sub-frank", "frank", ["contractors"]));

        var outcome = await SingleSignOnBrowser.SignInAsync(dashboard, "sub-frank");

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("/nodes", outcome.Path);
        Assert.Equal([DashboardRoles.Viewer], (await LinkedUserAsync(dashboard, "sub-frank")).Roles);
    }

    [Fact]
    public async Task SignIn_ProviderRolesChanged_NextSignInChangesTheRoleAndEndsOtherSessions()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-carol", "carol", ["ops-operators"]));
        await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-carol");
        var (first, firstRoles) = await LinkedUserAsync(Dashboard, "sub-carol");
        await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-carol");
        var (same, _) = await LinkedUserAsync(Dashboard, "sub-carol");

        fixture.Provider.SetAccount(new TestAccount("sub-carol", "carol", ["ops-viewers"]));
        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-carol");

        Assert.Equal("/nodes", outcome.Path);
        var (changed, changedRoles) = await LinkedUserAsync(Dashboard, "sub-carol");
        Assert.Equal([DashboardRoles.Operator], firstRoles);
        Assert.Equal([DashboardRoles.Viewer], changedRoles);
        Assert.Equal(first!.Id, changed!.Id);
        Assert.Equal(first.SecurityStamp, same!.SecurityStamp);
        Assert.NotEqual(first.SecurityStamp, changed.SecurityStamp);
        var latest = (await SingleSignOnFixture.SignInAuditAsync(Dashboard, "carol"))[0];
        using var parameters = JsonDocument.Parse(latest.Parameters!);
        Assert.Equal("Operator", parameters.RootElement.GetProperty("previousRole").GetString());
        Assert.Equal("Viewer", parameters.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task SignIn_ProviderRolesRemoved_IsRefusedAndLosesItsDashboardRole()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-dave", "dave", ["ops-admins"]));
        await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-dave");
        var (before, _) = await LinkedUserAsync(Dashboard, "sub-dave");

        fixture.Provider.SetAccount(new TestAccount("sub-dave", "dave", []));
        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-dave");

        Assert.StartsWith("/account/sign-in?external=no-role", outcome.Path, StringComparison.Ordinal);
        var (after, roles) = await LinkedUserAsync(Dashboard, "sub-dave");
        Assert.Empty(roles);
        Assert.NotEqual(before!.SecurityStamp, after!.SecurityStamp);
        Assert.Equal(AuditOutcome.Denied, (await SingleSignOnFixture.SignInAuditAsync(Dashboard, "dave"))[0].Outcome);
    }

    [Fact]
    public async Task SignIn_LocalAccountHasTheSameName_GetsItsOwnAccountAndLeavesTheLocalOneAlone()
    {
        await Dashboard.CreateUserAsync("erin", DashboardRoles.Viewer);
        fixture.Provider.SetAccount(new TestAccount("sub-erin", "erin", ["ops-admins"]));

        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-erin");

        Assert.Equal("/nodes", outcome.Path);
        var (linked, roles) = await LinkedUserAsync(Dashboard, "sub-erin");
        Assert.Equal("erin-2", linked?.UserName);
        Assert.Equal([DashboardRoles.Admin], roles);
        await using var scope = Dashboard.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var local = await users.FindByNameAsync("erin");
        Assert.Equal([DashboardRoles.Viewer], await users.GetRolesAsync(local!));
        Assert.Empty(await users.GetLoginsAsync(local!));
    }

    [Fact]
    public async Task SignIn_RolesOnlyFromUserInfo_AreMappedToo()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-ivan", "ivan", ["ops-operators"], RolesInIdentityToken: false));

        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-ivan");

        Assert.Equal("/nodes", outcome.Path);
        Assert.Equal([DashboardRoles.Operator], (await LinkedUserAsync(Dashboard, "sub-ivan")).Roles);
    }

    [Fact]
    public async Task ManagePage_ExternalUser_OffersNoPasswordChangeAndLocalSignInFails()
    {
        fixture.Provider.SetAccount(new TestAccount("sub-gina", "gina", ["ops-viewers"]));
        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-gina");

        var account = await outcome.Client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("through single sign-on", account, StringComparison.Ordinal);
        Assert.DoesNotContain("Change password", account, StringComparison.Ordinal);
        Assert.DoesNotContain("change-password", account, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Dashboard.SignedInClientAsync("gina", DashboardTestHost.TestPassword));
    }

    [Fact]
    public async Task SignIn_ProviderRefusesTheAccount_ShowsWhyOnTheSignInPage()
    {
        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-nobody");

        Assert.Equal("/account/sign-in?external=failed", outcome.Path);
        Assert.Contains($"Sign-in with {SingleSignOnFixture.ProviderName} did not complete", outcome.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("metanode.auth", Dashboard.Cookies(outcome.Client) ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task SignIn_ReturnUrlOnAnotherSite_LandsOnTheDashboardRoot(string returnUrl)
    {
        fixture.Provider.SetAccount(new TestAccount("sub-harry", "harry", ["ops-viewers"]));

        var outcome = await SingleSignOnBrowser.SignInAsync(Dashboard, "sub-harry", returnUrl);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal("/", outcome.Path);
    }

    [Fact]
    public async Task ExternalSignIn_PostWithoutAntiforgeryToken_IsRejected()
    {
        using var client = Dashboard.CreateClient(new CookieContainer());

        using var response = await client.PostAsync(
            new Uri(SingleSignOnServices.ChallengePath, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Callback_WithoutProviderSignIn_SendsBackToSignIn()
    {
        using var client = Dashboard.CreateClient(new CookieContainer());

        using var response = await client.GetAsync(new Uri(SingleSignOnServices.CallbackPath + "?returnUrl=%2Fnodes", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?external=expired&returnUrl=%2Fnodes", response.Headers.Location!.OriginalString);
    }

    private static async Task<(DashboardUser? User, IList<string> Roles)> LinkedUserAsync(DashboardTestHost dashboard, string subject)
    {
        await using var scope = dashboard.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByLoginAsync(SingleSignOnServices.Scheme, subject);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }
}
