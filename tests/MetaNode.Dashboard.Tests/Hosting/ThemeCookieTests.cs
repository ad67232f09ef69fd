using MetaNode.Testing;

namespace MetaNode.Dashboard.Tests.Hosting;

public sealed class ThemeCookieTests : IAsyncLifetime
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

    [Theory]
    [InlineData("dark", "dark")]
    [InlineData("light", "light")]
    [InlineData("purple", "light")]
    public async Task FirstPaint_ThemeCookie_RendersThatTheme(string cookie, string expectedTheme)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", $"metanode-theme={cookie}");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains($"data-theme=\"{expectedTheme}\"", html, StringComparison.Ordinal);
    }
}
