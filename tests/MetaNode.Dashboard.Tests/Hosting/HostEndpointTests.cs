using System.Net;
using System.Text.RegularExpressions;
using MetaNode.Testing;
using Microsoft.Data.Sqlite;

namespace MetaNode.Dashboard.Tests.Hosting;

public sealed partial class HostEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;
    private HttpClient _client = null!;
    private HttpClient _anonymous = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path }, TestContext.Current.CancellationToken);
        await _host.CreateUserAsync("viewer", "Viewer");
        _client = await _host.SignedInClientAsync("viewer");
        _anonymous = _host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _anonymous.Dispose();
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task StartPage_Get_ServesShellThatStartsBlazorWithTheReconnectHandler()
    {
        var html = await _client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("MetaNode", html, StringComparison.Ordinal);
        Assert.Matches(@"_framework/blazor\.web(\.[a-z0-9]+)?\.js"" autostart=""false""", html);
        Assert.Matches(@"js/app(\.[a-z0-9]+)?\.js", html);
        Assert.Contains("data-interactive=\"false\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticAssets_LinkedFromShell_AreServedFromTheApp()
    {
        var html = await _client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web", StringComparison.Ordinal));
        Assert.DoesNotContain(assets, a => a.StartsWith("http", StringComparison.OrdinalIgnoreCase));
        foreach (var asset in assets)
        {
            // Assets answer without sign-in: the sign-in page needs them.
            using var response = await _anonymous.GetAsync(new Uri("/" + asset, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Healthz_ProcessServing_Returns200Healthy()
    {
        using var response = await _anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readyz_StoreReachable_Returns200()
    {
        using var response = await _anonymous.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_StoreFileCorrupted_Returns503WhileHealthzStays200()
    {
        SqliteConnection.ClearAllPools();
        var database = DashboardTestHost.DatabasePath(_data.Path);
        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        await File.WriteAllTextAsync(database, new string('x', 4096), TestContext.Current.CancellationToken);

        using var ready = await _anonymous.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var live = await _anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterARequest_ExportsPrometheusTextWithHttpServerMetrics()
    {
        using (await _client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        using var response = await _client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("service_name=\"metanode-dashboard\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_Get_Returns404WithTheNotFoundPage()
    {
        using var response = await _client.GetAsync(new Uri("/no-such-page", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartPage_NotSignedIn_RedirectsToSignInAndComesBack()
    {
        using var response = await _anonymous.GetAsync(new Uri("/nodes?app=x", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fnodes%3Fapp%3Dx", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Metrics_NotSignedIn_Returns401()
    {
        using var response = await _anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnyResponse_CarriesTheSecurityHeaders()
    {
        using var response = await _anonymous.GetAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none';", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetReference();
}
