using System.Net;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>Keys limited to some apps: other apps answer 403, reads and writes alike.</summary>
public sealed class ApiScopeTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string Mine = ApiTestHost.WatchedApp;
    private const string Other = ApiTestHost.OtherApp;

    [Theory]
    [InlineData($"/api/v1/apps/{Other}")]
    [InlineData($"/api/v1/apps/{Other}/nodes")]
    [InlineData($"/api/v1/apps/{Other}/nodes/rpc-1")]
    [InlineData($"/api/v1/apps/{Other}/nodes/rpc-1/samples")]
    [InlineData($"/api/v1/apps/{Other}/findings")]
    [InlineData($"/api/v1/audit?app={Other}")]
    [InlineData("/api/v1/apps/no-such-app")]
    public async Task ScopedKey_ReadOfAnotherApp_Is403NamingItsApps(string path)
    {
        var key = await api.CreateKeyAsync($"scoped-{Guid.NewGuid():N}"[..20], DashboardRole.Viewer, [Mine]);

        using var response = await api.KeyClient(key).GetPathAsync(path);

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"is limited to {Mine};", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopedKey_ReadOfItsApp_Is200()
    {
        var key = await api.CreateKeyAsync("scoped-own", DashboardRole.Viewer, [Mine]);

        using var response = await api.KeyClient(key).GetPathAsync($"/api/v1/apps/{Mine}/nodes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ScopedKey_ListApps_ShowsOnlyItsApps()
    {
        var key = await api.CreateKeyAsync("scoped-list", DashboardRole.Viewer, [Mine]);

        var apps = await (await api.KeyClient(key).GetPathAsync("/api/v1/apps")).JsonAsync();

        Assert.Equal([Mine], apps.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList());
    }

    [Fact]
    public async Task ScopedOperatorKey_AddToAnotherApp_Is403AndAuditedAsDenied()
    {
        var key = await api.CreateKeyAsync("scoped-writer", DashboardRole.Operator, [Mine]);

        using var response = await api.KeyClient(key).PostJsonAsync($"/api/v1/apps/{Other}/watched-nodes", new { name = "rpc-9", url = "http://127.0.0.1:9/x/" });

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal($"scoped-writer is limited to {Mine}; {Other} is not among them.", problem.GetProperty("detail").GetString());
        var entry = Assert.Single(await api.AuditAsync("watched-node.add"), e => e.ActorName == "scoped-writer");
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(ActorKind.ApiKey, entry.ActorKind);
        Assert.Equal(Other, entry.App);
    }

    [Fact]
    public async Task ScopedKey_AuditWithoutAppFilter_ReadsOnlyItsApps()
    {
        using (await api.Operator.PostJsonAsync($"/api/v1/apps/{Other}/watched-nodes", new { name = "bad", url = "nope" }))
        using (await api.Operator.PostJsonAsync($"/api/v1/apps/{Mine}/watched-nodes", new { name = "bad", url = "nope" }))
        {
        }

        var key = await api.CreateKeyAsync("scoped-audit", DashboardRole.Viewer, [Mine]);

        var audit = await (await api.KeyClient(key).GetPathAsync("/api/v1/audit")).JsonAsync();

        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(Mine, e.GetProperty("app").GetString()));
    }

    [Fact]
    public async Task ScopedAdminKey_CreatingAWiderKey_Is403AndAuditedAsDenied()
    {
        var key = await api.CreateKeyAsync("scoped-admin", DashboardRole.Admin, [Mine]);

        using var wider = await api.KeyClient(key).PostJsonAsync("/api/v1/api-keys", new { name = "everything", role = "Admin" });
        using var same = await api.KeyClient(key).PostJsonAsync("/api/v1/api-keys", new { name = "narrow", role = "Viewer", apps = new[] { Mine } });

        var problem = await wider.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal($"scoped-admin is limited to {Mine}; it can only create keys limited to those apps.", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        Assert.Contains(await api.AuditAsync("api-key.create"), e => e.ActorName == "scoped-admin" && e.Outcome == AuditOutcome.Denied);
    }
}
