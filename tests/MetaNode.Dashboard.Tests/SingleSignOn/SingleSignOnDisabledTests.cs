using System.Net;
using MetaNode.Dashboard.Security.SingleSignOn;
using MetaNode.Testing;

namespace MetaNode.Dashboard.Tests.SingleSignOn;

/// <summary>With single sign-on off (the default) there is no button and nothing answers its paths.</summary>
public sealed class SingleSignOnDisabledTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task SignInPage_SingleSignOnDisabled_ShowsNoButtonAndItsPathsAreNotThere()
    {
        using var client = _host.CreateClient(new CookieContainer());
        var page = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);

        using var challenge = await client.PostAsync(
            new Uri(SingleSignOnServices.ChallengePath, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = DashboardTestHost.AntiforgeryToken(page) }),
            TestContext.Current.CancellationToken);
        using var redirect = await client.GetAsync(new Uri(SingleSignOnServices.RedirectPath + "?code=x&state=y", UriKind.Relative), TestContext.Current.CancellationToken);

        // Like any path that does not exist, for someone not signed in: to the sign-in page.
        Assert.DoesNotContain("external-sign-in", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/account/sign-in?", challenge.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/sign-in?", redirect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
