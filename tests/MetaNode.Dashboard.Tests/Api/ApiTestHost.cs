using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Health;
using MetaNode.Operations.Security;
using MetaNode.Operations.Security.ApiKeys;
using MetaNode.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>
/// The real dashboard for API tests: two watched apps whose nodes answer nothing (so they are Down
/// and have findings), an operated Local app without processes, and a user of each role.
/// </summary>
public sealed class ApiTestHost : IAsyncLifetime
{
    public const string WatchedApp = "watch-a";
    public const string OtherApp = "watch-b";
    public const string OperatedApp = "ops-app";

    private readonly TempDirectory _data = new("metanode-api");
    private readonly List<HttpClient> _clients = [];

    public DashboardTestHost Host { get; private set; } = null!;

    /// <summary>Settings on top of the defaults (e.g. a small rate limit).</summary>
    public IReadOnlyDictionary<string, string?> ExtraSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Last-word changes to the builder.</summary>
    public Action<WebApplicationBuilder>? Customize { get; init; }

    public IServiceProvider Services => Host.Services;

    public HttpClient Viewer { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async ValueTask InitializeAsync()
    {
        // Port 9 (discard) on loopback: nothing listens, so every probe fails at once.
        var settings = new Dictionary<string, string?>
        {
            [$"Dashboard:Apps:{WatchedApp}:Provider"] = "Watched",
            [$"Dashboard:Apps:{WatchedApp}:Nodes:rpc-1:Url"] = "http://127.0.0.1:9/",
            [$"Dashboard:Apps:{WatchedApp}:Nodes:rpc-2:Url"] = "http://127.0.0.1:9/two/",
            [$"Dashboard:Apps:{WatchedApp}:HealthChecks:Retries"] = "0",
            [$"Dashboard:Apps:{OtherApp}:Provider"] = "Watched",
            [$"Dashboard:Apps:{OtherApp}:Nodes:rpc-1:Url"] = "http://127.0.0.1:9/b/",
            [$"Dashboard:Apps:{OperatedApp}:Provider"] = "Local",
            [$"Dashboard:Apps:{OperatedApp}:Components:ipfs:Replicas"] = "0",
            [$"Dashboard:Apps:{OperatedApp}:EntryPoint:Enabled"] = "false",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        Host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path, Settings = settings, Customize = Customize }, Cancellation);
        await Host.CreateUserAsync("viewer", DashboardRoles.Viewer);
        await Host.CreateUserAsync("operator", DashboardRoles.Operator);
        await Host.CreateUserAsync("admin", DashboardRoles.Admin);
        Viewer = Track(await Host.SignedInClientAsync("viewer"));
        Operator = Track(await Host.SignedInClientAsync("operator"));
        Admin = Track(await Host.SignedInClientAsync("admin"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Waits until the monitor has probed every node of the watched apps.</summary>
    public Task WaitForHealthAsync() => Eventually.UntilAsync(
        () =>
        {
            var snapshot = Services.GetRequiredService<IHealthFeed>().Current;
            return snapshot.NodesOf(WatchedApp).Count() == 2 && snapshot.NodesOf(WatchedApp).All(n => n.Status == NodeStatus.Down)
                && snapshot.Apps.ContainsKey(WatchedApp);
        },
        TimeSpan.FromSeconds(30),
        $"{WatchedApp}'s nodes to be probed (Down)");

    /// <summary>Creates a key directly through the service (as the first-run system actor) and returns its text.</summary>
    public async Task<string> CreateKeyAsync(string name, DashboardRole role, IReadOnlyList<string>? apps = null, int? days = null)
    {
        var created = await Services.GetRequiredService<ApiKeyService>().CreateAsync(
            Actor.System("api tests"),
            new ApiKeyRequest(name, role.ToString(), apps, days),
            Cancellation);
        return created.Key;
    }

    /// <summary>An anonymous client that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient KeyClient(string key)
    {
        var client = Track(Host.CreateClient());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A client without any credentials.</summary>
    public HttpClient Anonymous() => Track(Host.CreateClient());

    /// <summary>Audit entries of <paramref name="action"/>, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = action }, Cancellation);

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }
}

/// <summary>Reading answers in tests.</summary>
public static class ApiResponses
{
    /// <summary>The body as a JSON document (disposed with the response's lifetime by the GC; tests are short).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} had no body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>POSTs <paramref name="value"/> as JSON.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T value) =>
        client.PostAsJsonAsync(new Uri(path, UriKind.Relative), value, ApiTestHost.Json, TestContext.Current.CancellationToken);

    /// <summary>GETs <paramref name="path"/>.</summary>
    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>DELETEs <paramref name="path"/>.</summary>
    public static Task<HttpResponseMessage> DeletePathAsync(this HttpClient client, string path) =>
        client.DeleteAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
}
