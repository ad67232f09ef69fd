using System.Net;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>The API keys page and the API reference page, as the server renders them.</summary>
public sealed class ApiPageTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task ApiKeysPage_Admin_ListsKeysWithScopeAndStateButNeverTheSecret()
    {
        var key = await api.CreateKeyAsync("page-listed", DashboardRole.Operator, [ApiTestHost.WatchedApp], days: 30);
        var secret = key[(key.LastIndexOf('_') + 1)..];

        using var response = await api.Admin.GetPathAsync("/admin/api-keys");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"api-keys-table\"", html, StringComparison.Ordinal);
        Assert.Contains("page-listed", html, StringComparison.Ordinal);
        Assert.Contains(ApiTestHost.WatchedApp, html, StringComparison.Ordinal);
        Assert.Contains("Operator", html, StringComparison.Ordinal);
        Assert.Contains("Active", html, StringComparison.Ordinal);
        Assert.Contains("New API key", html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeysPage_Operator_IsNotPermitted()
    {
        using var response = await api.Operator.GetPathAsync("/admin/api-keys");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/account/denied", new Uri(api.Host.BaseAddress, response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("api-keys-table", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencePage_Viewer_ShowsEveryEndpointWithRoleAndCurlExample()
    {
        using var response = await api.Viewer.GetPathAsync("/api");
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var operation in new[]
        {
            "GET /api/v1/apps", "GET /api/v1/apps/{app}", "GET /api/v1/apps/{app}/nodes", "GET /api/v1/apps/{app}/nodes/{node}",
            "GET /api/v1/apps/{app}/nodes/{node}/samples", "GET /api/v1/apps/{app}/findings", "POST /api/v1/apps/{app}/watched-nodes",
            "DELETE /api/v1/apps/{app}/watched-nodes/{name}", "GET /api/v1/audit", "GET /api/v1/api-keys", "POST /api/v1/api-keys",
            "GET /api/v1/api-keys/{id}", "DELETE /api/v1/api-keys/{id}",
        })
        {
            var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
            Assert.Contains($"data-method=\"{method}\" data-path=\"{path}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("curl -H \"Authorization: Bearer $METANODE_API_KEY\" \"http://localhost/api/v1/apps\"", html, StringComparison.Ordinal);
        Assert.Contains("curl -X POST -H \"Authorization: Bearer $METANODE_API_KEY\" -H \"Content-Type: application/json\" -d '{\"name\":\"…\"", html, StringComparison.Ordinal);
        Assert.Contains("Watched nodes", html, StringComparison.Ordinal);
        Assert.Contains("ApiWatchedNodeRequest", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferencePage_NotSignedIn_RedirectsToSignIn()
    {
        using var response = await api.Anonymous().GetPathAsync("/api");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fapi", new Uri(api.Host.BaseAddress, response.Headers.Location!).PathAndQuery);
    }
}
