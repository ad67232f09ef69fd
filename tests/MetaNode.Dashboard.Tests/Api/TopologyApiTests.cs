using System.Net;
using System.Text;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>The topology endpoints: read, check, save versions, export, plan; bad documents get clear problems.</summary>
public sealed class TopologyApiTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string App = ApiTestHost.OperatedApp;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_UnsavedApp_IsItsConfigurationWithChecksAndTolerance()
    {
        // Not App: the other tests of this class save App's design, and xunit runs them in a random order.
        using var response = await api.Viewer.GetPathAsync($"/api/v1/apps/{ApiTestHost.WatchedApp}/topology");

        var body = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKindNull, body.GetProperty("version").ValueKind);
        Assert.Equal(ApiTestHost.WatchedApp, body.GetProperty("design").GetProperty("name").GetString());
        Assert.True(body.GetProperty("design").TryGetProperty("ha_policy", out _));
        Assert.True(body.GetProperty("faultTolerance").TryGetProperty("components", out _));
    }

    [Fact]
    public async Task Put_ValidYaml_SavesVersionsThatListAndExport()
    {
        var admin = api.KeyClient(await api.CreateKeyAsync("topology-saver", DashboardRole.Operator));

        using var first = await PutAsync(admin, ValidYaml(replicas: 1));
        using var second = await PutAsync(admin, ValidYaml(replicas: 2));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var versions = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/versions")).JsonAsync();
        Assert.True(versions.GetArrayLength() >= 2);
        Assert.Equal("topology-saver", versions[0].GetProperty("author").GetString());
        using var yaml = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/export?format=yaml");
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("replicas: 2", await yaml.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var kubernetes = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/export?format=kubernetes");
        Assert.Contains("kind: StatefulSet", await kubernetes.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var haproxy = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/export?format=haproxy");
        Assert.Contains("web3_clientVersion", await haproxy.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var zip = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/export?format=zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        var (older, newer) = (versions[1].GetProperty("version").GetInt32(), versions[0].GetProperty("version").GetInt32());
        var diff = await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/diff?from={older}&to={newer}")).JsonAsync();
        Assert.Contains(diff.EnumerateArray(), c => c.GetProperty("field").GetString() == "components[ipfs].replicas");
        using var plan = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/plan");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
    }

    [Theory]
    [InlineData("name: [unclosed", "line")]
    [InlineData("name: ops-app\ncomponents:\n  - name: ipfs\n    role: ipfs\n    replicas: -3\n", "replicas")]
    [InlineData("name: ops-app\nsurprise: true\n", "surprise")]
    public async Task Put_BadDocument_Is400NamingTheFieldAndNothingIsStored(string document, string named)
    {
        var before = (await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/versions")).JsonAsync()).GetArrayLength();

        using var response = await PutAsync(api.Operator, document);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await (await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/versions")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Validate_ReportsWarningsWithoutSaving()
    {
        using var content = new StringContent(ValidYaml(replicas: 1), Encoding.UTF8, "application/yaml");
        using var response = await api.Viewer.PostAsync(new Uri($"/api/v1/apps/{App}/topology/validate", UriKind.Relative), content, Cancellation);

        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("valid").GetBoolean(), body.ToString());
    }

    [Fact]
    public async Task Export_UnknownFormat_Is400NamingTheFormats()
    {
        using var response = await api.Viewer.GetPathAsync($"/api/v1/apps/{App}/topology/export?format=pdf");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("yaml, json, kubernetes, compose, haproxy, zip", problem.ToString(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        return await client.PutAsync(new Uri($"/api/v1/apps/{App}/topology", UriKind.Relative), content, Cancellation);
    }

    private static string ValidYaml(int replicas) => $"""
        name: {App}
        provider: local
        components:
          - name: ipfs
            role: ipfs
            replicas: {replicas}
        ha_policy:
          replication:
            replication_factor: 1
        """;
}
