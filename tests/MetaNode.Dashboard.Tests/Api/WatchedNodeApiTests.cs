using System.Net;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Health;
using MetaNode.Operations.Security;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>Adding and removing watched nodes through the API, as an Operator, audited.</summary>
public sealed class WatchedNodeApiTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string App = ApiTestHost.WatchedApp;

    [Fact]
    public async Task AddThenRemove_OperatorKey_201WithLocationThenWatchedThen204ThenGone()
    {
        var client = api.KeyClient(await api.CreateKeyAsync("node-admin", DashboardRole.Operator));

        using var added = await client.PostJsonAsync($"/api/v1/apps/{App}/watched-nodes", new { name = "rpc-7", component = "blockchain", url = "http://127.0.0.1:9/seven", zone = "z1" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"/api/v1/apps/{App}/nodes/rpc-7", added.Headers.Location?.OriginalString);
        var node = await added.JsonAsync();
        Assert.Equal("http://127.0.0.1:9/seven/", node.GetProperty("url").GetString());
        Assert.Equal("Blockchain", node.GetProperty("role").GetString());
        var feed = api.Services.GetRequiredService<IHealthFeed>();
        await Eventually.UntilAsync(() => feed.Current.Nodes.ContainsKey($"{App}/rpc-7"), TimeSpan.FromSeconds(30), "the added node in the feed");
        using (var read = await client.GetPathAsync($"/api/v1/apps/{App}/nodes/rpc-7"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var removed = await client.DeletePathAsync($"/api/v1/apps/{App}/watched-nodes/rpc-7");
        using var again = await client.DeletePathAsync($"/api/v1/apps/{App}/watched-nodes/rpc-7");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var problem = await again.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal($"{App} has no watched node named rpc-7.", problem.GetProperty("detail").GetString());
        var entries = (await api.AuditAsync("watched-node")).Where(e => e.Target == $"{App}/rpc-7").ToList();
        Assert.Equal(
            [("watched-node.add", AuditOutcome.Succeeded), ("watched-node.remove", AuditOutcome.Succeeded), ("watched-node.remove", AuditOutcome.Failed)],
            entries.OrderBy(e => e.Id).Select(e => (e.Action, e.Outcome)).ToList());
        Assert.All(entries, e => Assert.Equal(ActorKind.ApiKey, e.ActorKind));
        Assert.All(entries, e => Assert.Equal("node-admin", e.ActorName));
    }

    [Fact]
    public async Task Add_InvalidFields_Returns400NamingEachField()
    {
        using var response = await api.Operator.PostJsonAsync($"/api/v1/apps/{App}/watched-nodes", new { name = "Bad Name", component = "miner", url = "ftp://10.0.0.1" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("must be 1-40 lowercase letters, digits or '-', starting with a letter (like rpc-1)", errors.GetProperty("name")[0].GetString());
        Assert.Equal("must be blockchain, validator, agreement or ipfs", errors.GetProperty("component")[0].GetString());
        Assert.Equal("must be an absolute http:// or https:// address with a host, e.g. http://10.0.0.5:8545", errors.GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task Add_NoBody_Returns400NamingTheRequiredFields()
    {
        using var response = await api.Operator.PostAsync(new Uri($"/api/v1/apps/{App}/watched-nodes", UriKind.Relative), new StringContent(string.Empty, null, "application/json"), TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("no-such-app", "There is no app named no-such-app. Watched nodes are added to a watched app the dashboard already knows.")]
    [InlineData(ApiTestHost.OperatedApp, "ops-app is operated by the dashboard (Local); its nodes follow its topology. Watched nodes go in a watched-only app.")]
    public async Task Add_UnknownOrOperatedApp_Returns409WithASentenceAndIsAudited(string app, string detail)
    {
        using var response = await api.Operator.PostJsonAsync($"/api/v1/apps/{app}/watched-nodes", new { name = "rpc-1", url = "http://127.0.0.1:9/" });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        var entry = Assert.Single(await api.AuditAsync("watched-node.add"), e => e.App == app);
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.Equal(detail, entry.Error);
    }

    [Fact]
    public async Task Add_ViewerKey_Is403AndAuditedAsDenied()
    {
        var key = await api.CreateKeyAsync("read-only-bot", DashboardRole.Viewer);

        using var response = await api.KeyClient(key).PostJsonAsync($"/api/v1/apps/{App}/watched-nodes", new { name = "rpc-8", url = "http://127.0.0.1:9/" });

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("watched-node.add needs the Operator role; read-only-bot is Viewer.", problem.GetProperty("detail").GetString());
        var entry = Assert.Single(await api.AuditAsync("watched-node.add"), e => e.ActorName == "read-only-bot");
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(ActorKind.ApiKey, entry.ActorKind);
        Assert.Equal(App, entry.App);
        Assert.False(string.IsNullOrEmpty(entry.CorrelationId));
    }

    [Fact]
    public async Task Remove_ConfiguredNode_Returns409()
    {
        using var response = await api.Operator.DeletePathAsync($"/api/v1/apps/{App}/watched-nodes/rpc-1");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal($"{App}/rpc-1 comes from appsettings.json; remove it there.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Remove_ViewerCookie_Is403AndAuditedAsDenied()
    {
        using var response = await api.Viewer.DeletePathAsync($"/api/v1/apps/{App}/watched-nodes/rpc-2");

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        var entry = Assert.Single(await api.AuditAsync("watched-node.remove"), e => e.ActorName == "viewer");
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal($"{App}/rpc-2", entry.Target);
    }
}
