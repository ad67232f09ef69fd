using System.Net;
using System.Text.Json;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>Every read endpoint, with a Viewer's cookie and with a Viewer's API key.</summary>
public sealed class ApiReadTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string App = ApiTestHost.WatchedApp;

    public static TheoryData<string, string> ReadEndpoints => new()
    {
        { "/api/v1/apps", "cookie" },
        { "/api/v1/apps", "key" },
        { $"/api/v1/apps/{App}", "cookie" },
        { $"/api/v1/apps/{App}", "key" },
        { $"/api/v1/apps/{App}/nodes", "cookie" },
        { $"/api/v1/apps/{App}/nodes", "key" },
        { $"/api/v1/apps/{App}/nodes/rpc-1", "cookie" },
        { $"/api/v1/apps/{App}/nodes/rpc-1", "key" },
        { $"/api/v1/apps/{App}/nodes/rpc-1/samples", "cookie" },
        { $"/api/v1/apps/{App}/nodes/rpc-1/samples", "key" },
        { $"/api/v1/apps/{App}/findings", "cookie" },
        { $"/api/v1/apps/{App}/findings", "key" },
        { "/api/v1/audit", "cookie" },
        { "/api/v1/audit", "key" },
    };

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task ReadEndpoint_Viewer_Returns200Json(string path, string credential)
    {
        var client = credential == "key" ? api.KeyClient(await api.CreateKeyAsync($"reader-{Guid.NewGuid():N}", DashboardRole.Viewer)) : api.Viewer;

        using var response = await client.GetPathAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(JsonValueKind.Undefined, (await response.JsonAsync()).ValueKind);
    }

    [Theory]
    [MemberData(nameof(ReadEndpoints))]
    public async Task ReadEndpoint_Anonymous_Returns401ProblemWithBearerChallenge(string path, string credential)
    {
        _ = credential;

        using var response = await api.Anonymous().GetPathAsync(path);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Apps_Viewer_ListsEveryAppWithComponentsProviderAndQuorumAsWords()
    {
        await api.WaitForHealthAsync();

        var apps = await (await api.Viewer.GetPathAsync("/api/v1/apps")).JsonAsync();

        var names = apps.EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal([ApiTestHost.OperatedApp, App, ApiTestHost.OtherApp], names);
        var watched = apps.EnumerateArray().Single(a => a.GetProperty("name").GetString() == App);
        Assert.Equal("Watched", watched.GetProperty("provider").GetString());
        Assert.False(watched.GetProperty("operable").GetBoolean());
        var component = Assert.Single(watched.GetProperty("components").EnumerateArray());
        Assert.Equal("blockchain", component.GetProperty("name").GetString());
        Assert.Equal(2, component.GetProperty("replicas").GetInt32());
        Assert.Equal(2, component.GetProperty("down").GetInt32());
        Assert.Equal("NotApplicable", watched.GetProperty("quorum").GetString());
        var operated = apps.EnumerateArray().Single(a => a.GetProperty("name").GetString() == ApiTestHost.OperatedApp);
        Assert.Equal("Local", operated.GetProperty("provider").GetString());
        Assert.True(operated.GetProperty("operable").GetBoolean());
    }

    [Fact]
    public async Task App_Viewer_ReturnsHealthAndTopology()
    {
        await api.WaitForHealthAsync();

        var app = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}")).JsonAsync();

        Assert.Equal(App, app.GetProperty("name").GetString());
        Assert.Equal(2, app.GetProperty("nodes").GetProperty("total").GetInt32());
        Assert.Equal(2, app.GetProperty("nodes").GetProperty("down").GetInt32());
        Assert.Equal(1337, app.GetProperty("chainId").GetInt64());
        Assert.Equal("00:00:01", app.GetProperty("healthChecks").GetProperty("interval").GetString());
        Assert.True(app.GetProperty("consensus").TryGetProperty("effectiveQuorum", out _));
    }

    [Fact]
    public async Task Nodes_Viewer_ListsNodesWithStatusAsWords()
    {
        await api.WaitForHealthAsync();

        var nodes = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/nodes")).JsonAsync();

        Assert.Equal(["rpc-1", "rpc-2"], nodes.EnumerateArray().Select(n => n.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList());
        Assert.All(nodes.EnumerateArray(), n => Assert.Equal("Down", n.GetProperty("status").GetString()));
        Assert.All(nodes.EnumerateArray(), n => Assert.Equal("Blockchain", n.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Node_Viewer_ReturnsHealthAndProviderFacts()
    {
        await api.WaitForHealthAsync();

        var node = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/nodes/rpc-2")).JsonAsync();

        Assert.Equal("rpc-2", node.GetProperty("name").GetString());
        Assert.Equal("Down", node.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal("Watched", node.GetProperty("provider").GetProperty("kind").GetString());
        Assert.Equal("http://127.0.0.1:9/two/", node.GetProperty("provider").GetProperty("rpcEndpoint").GetString());
        Assert.Empty(node.GetProperty("provider").GetProperty("capabilities").EnumerateArray());
    }

    [Fact]
    public async Task Samples_NoRange_CoversTheLast15Minutes()
    {
        var samples = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/nodes/rpc-1/samples")).JsonAsync();

        var span = samples.GetProperty("to").GetDateTimeOffset() - samples.GetProperty("from").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(15), span);
        Assert.Equal(JsonValueKind.Array, samples.GetProperty("samples").ValueKind);
    }

    [Fact]
    public async Task Samples_AfterProbes_ReturnsStoredSamples()
    {
        await api.WaitForHealthAsync();

        await Testing.Eventually.UntilAsync(
            async () =>
            {
                using var response = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/nodes/rpc-1/samples");
                var body = await response.JsonAsync();
                return body.GetProperty("samples").GetArrayLength() > 0
                    && body.GetProperty("samples")[0].GetProperty("status").GetString() == "Down";
            },
            TimeSpan.FromSeconds(30),
            "a stored sample of rpc-1");
    }

    [Theory]
    [InlineData("from=yesterday", "from", "must be an ISO-8601 time")]
    [InlineData("to=2026-13-45T00:00:00Z", "to", "must be an ISO-8601 time")]
    [InlineData("from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z", "from", "must be before to")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "from", "must be at most 30 days before to")]
    public async Task Samples_BadRange_Returns400NamingTheParameter(string query, string parameter, string rule)
    {
        using var response = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/nodes/rpc-1/samples?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty(parameter);
        Assert.StartsWith(rule, errors[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_ExplicitRange_EchoesIt()
    {
        var samples = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/nodes/rpc-1/samples?from=2026-11-27T10:00:00Z&to=2026-11-27T11:30:00%2B01:00")).JsonAsync();

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), samples.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero), samples.GetProperty("to").GetDateTimeOffset());
    }

    [Fact]
    public async Task Findings_NodesDown_ListsActiveNodeDownFindings()
    {
        await api.WaitForHealthAsync();

        await Testing.Eventually.UntilAsync(
            async () =>
            {
                using var response = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/findings?active=true");
                var body = await response.JsonAsync();
                return body.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("kind").GetString() == "NodeDown" && f.GetProperty("active").GetBoolean()) == 2;
            },
            TimeSpan.FromSeconds(30),
            "two active NodeDown findings");
        var ended = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/findings?active=false")).JsonAsync();
        Assert.All(ended.GetProperty("findings").EnumerateArray(), f => Assert.False(f.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task Findings_BadActive_Returns400NamingIt()
    {
        using var response = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/findings?active=maybe");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("must be true or false", problem.GetProperty("errors").GetProperty("active")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/apps/no-such-app", "There is no app named no-such-app.")]
    [InlineData("/api/v1/apps/no-such-app/nodes", "There is no app named no-such-app.")]
    [InlineData("/api/v1/apps/no-such-app/findings", "There is no app named no-such-app.")]
    [InlineData($"/api/v1/apps/{App}/nodes/rpc-9", $"{App} has no node named rpc-9.")]
    [InlineData($"/api/v1/apps/{App}/nodes/rpc-9/samples", $"{App} has no node named rpc-9.")]
    public async Task Read_UnknownAppOrNode_Returns404NamingIt(string path, string detail)
    {
        using var response = await api.Viewer.GetPathAsync(path);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Audit_Filters_ReturnOnlyMatchingEntriesNewestFirst()
    {
        using (await api.Operator.PostJsonAsync($"/api/v1/apps/{ApiTestHost.OtherApp}/watched-nodes", new { name = "audit-probe", url = "ftp://nowhere" }))
        {
        }

        var audit = await (await api.Viewer.GetPathAsync($"/api/v1/audit?action=watched-node&app={ApiTestHost.OtherApp}&outcome=failed&actor=OPERATOR&limit=5")).JsonAsync();

        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.StartsWith("watched-node.", e.GetProperty("action").GetString(), StringComparison.Ordinal);
            Assert.Equal("Failed", e.GetProperty("outcome").GetString());
            Assert.Equal("operator", e.GetProperty("actorName").GetString());
        });
        Assert.Equal(5, audit.GetProperty("limit").GetInt32());
    }

    [Theory]
    [InlineData("outcome=sort-of", "outcome", "must be Succeeded, Failed or Denied")]
    [InlineData("limit=0", "limit", "must be a whole number from 1 to 10000")]
    [InlineData("limit=ten", "limit", "must be a whole number from 1 to 10000")]
    [InlineData("from=last-week", "from", "must be an ISO-8601 time such as 2026-11-27T10:00:00Z")]
    public async Task Audit_BadFilter_Returns400NamingIt(string query, string parameter, string rule)
    {
        using var response = await api.Viewer.GetPathAsync($"/api/v1/audit?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(rule, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }
}
