using MetaNode.Testing;

namespace MetaNode.Dashboard.Tests.Hosting;

public sealed class ThemeCookieTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path }, TestContext.Current.CancellationToken);
        await _host.CreateUserAsync("viewer", "Viewer");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Theory]
    [InlineData("dark", "dark")]
    [InlineData("light", "light")]
    [InlineData("purple", "light")]
    public async Task FirstPaint_ThemeCookie_RendersThatTheme(string cookie, string expectedTheme)
    {
        using var client = await _host.SignedInClientAsync("viewer");
        _host.CookieJar(client)!.Add(_host.BaseAddress, new System.Net.Cookie("metanode-theme", cookie));

        using var response = await client.GetAsync(new Uri("/system", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains($"data-theme=\"{expectedTheme}\"", html, StringComparison.Ordinal);
    }
}
