using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using MetaNode.Dashboard.Hubs;
using MetaNode.Dashboard.Tests.Api;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Security;

/// <summary>
/// Every endpoint, page route and hub method the running dashboard exposes, discovered from its
/// routing table and hub type, called by every kind of caller and checked against the table below.
/// An endpoint or hub method without an entry fails the test: whoever adds one decides who may
/// call it, here, in review.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    /// <summary>Who may call what: the weakest role that gets through. Keys are "METHOD /route"; "*" covers every method of a route.</summary>
    private static readonly Dictionary<string, Level> Expected = new(StringComparer.Ordinal)
    {
        // Open to everyone: signing in, first-run setup, the probes of a load balancer or orchestrator.
        ["* /account/sign-in"] = Level.Anonymous,
        // (POST /account/external-sign-in exists only with single sign-on on: SingleSignOnTests cover it.)
        ["* /setup"] = Level.Anonymous,
        ["GET /healthz"] = Level.Anonymous,
        ["GET /readyz"] = Level.Anonymous,

        // Signing out and the "your role does not open this" page need only a session (of any role).
        ["POST /account/sign-out"] = Level.Anonymous,
        ["* /account/denied"] = Level.Viewer,
        ["* /account/manage"] = Level.Viewer,

        // Pages: reading is Viewer; administration is Admin.
        ["* /"] = Level.Viewer,
        ["* /nodes"] = Level.Viewer,
        ["* /nodes/{App}/{Name}"] = Level.Viewer,
        ["* /error"] = Level.Anonymous,
        ["* /not-found"] = Level.Anonymous,
        ["GET /_framework/opaque-redirect"] = Level.Viewer,
        ["* /watched"] = Level.Viewer,
        ["* /topology"] = Level.Viewer,
        ["* /audit"] = Level.Viewer,
        ["* /api"] = Level.Viewer,
        ["* /system"] = Level.Viewer,
        ["* /admin/users"] = Level.Admin,
        ["* /admin/api-keys"] = Level.Admin,
        ["GET /audit/export.csv"] = Level.Viewer,
        ["GET /metrics"] = Level.Viewer,

        // The static-asset fallback for file-like paths outside the manifest: behind sign-in like any unknown path.
        ["* /{**path:file}"] = Level.Viewer,

        // The live feed and the Blazor circuit.
        ["* /hubs/health"] = Level.Viewer,
        ["* /hubs/health/negotiate"] = Level.Viewer,
        ["* /_blazor"] = Level.Viewer,
        ["* /_blazor/negotiate"] = Level.Viewer,
        ["* /_blazor/initializers/"] = Level.Viewer,
        ["* /_blazor/disconnect/"] = Level.Viewer,

        // The automation API.
        ["GET /openapi/{documentName}.json"] = Level.Viewer,
        ["GET /api/v1/apps"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/nodes"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/nodes/{node}"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/nodes/{node}/samples"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/findings"] = Level.Viewer,
        ["POST /api/v1/apps/{app}/watched-nodes"] = Level.Operator,
        ["DELETE /api/v1/apps/{app}/watched-nodes/{name}"] = Level.Operator,
        ["GET /api/v1/apps/{app}/topology/"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/topology/versions"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/topology/versions/{version:int}"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/topology/export"] = Level.Viewer,
        ["GET /api/v1/apps/{app}/topology/diff"] = Level.Viewer,
        ["POST /api/v1/apps/{app}/topology/validate"] = Level.Viewer,
        ["PUT /api/v1/apps/{app}/topology/"] = Level.Operator,
        ["GET /api/v1/apps/{app}/topology/plan"] = Level.Viewer,
        ["POST /api/v1/apps/{app}/topology/apply"] = Level.Operator,
        ["GET /api/v1/audit"] = Level.Viewer,
        ["GET /api/v1/api-keys"] = Level.Admin,
        ["GET /api/v1/api-keys/{id}"] = Level.Admin,
        ["POST /api/v1/api-keys"] = Level.Admin,
        ["DELETE /api/v1/api-keys/{id}"] = Level.Admin,
    };

    /// <summary>Hub methods and the weakest role that may call them.</summary>
    private static readonly Dictionary<string, Level> ExpectedHubMethods = new(StringComparer.Ordinal)
    {
        [nameof(HealthHub.SubscribeApp)] = Level.Viewer,
        [nameof(HealthHub.UnsubscribeApp)] = Level.Viewer,
    };

    private enum Level
    {
        Anonymous,
        Viewer,
        Operator,
        Admin,
    }

    private enum Outcome
    {
        Through,
        SignIn,
        Denied,
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryEndpoint_HasAnEntry_AndEveryEntryAnEndpoint()
    {
        var discovered = Discover();
        var missing = discovered.Where(e => Entry(e) is null).Select(e => $"{e.Key}  ({e.Endpoint.DisplayName})").ToList();
        var stale = Expected.Keys.Where(k => !discovered.Any(e => Entry(e) == k)).ToList();

        Assert.True(missing.Count + stale.Count == 0, string.Join(
            '\n',
            ["Endpoints with no entry in the authorization matrix (add one saying who may call it):", .. missing,
             "Matrix entries with no endpoint (remove them):", .. stale]));
        Assert.True(Assembly(discovered).Count > 40, "the discovery found the app's endpoints");
    }

    [Fact]
    public async Task EveryEndpoint_EveryCaller_GetsExactlyWhatItsRoleAllows()
    {
        var callers = await CallersAsync();
        var failures = new List<string>();
        foreach (var endpoint in Discover().Where(e => Entry(e) is not null).OrderBy(e => e.Method == "GET" ? 0 : 1))
        {
            var required = Expected[Entry(endpoint)!];

            // Weakest callers first, so that what a stronger caller changes (a deleted key) comes last.
            foreach (var caller in callers.OrderBy(c => c.Level))
            {
                var outcome = await CallAsync(caller, endpoint);
                var expected = caller.Level >= required ? Outcome.Through : caller.Level == Level.Anonymous ? Outcome.SignIn : Outcome.Denied;
                if (outcome.Outcome != expected)
                {
                    failures.Add($"{endpoint.Key} as {caller.Name}: expected {expected}, got {outcome.Outcome} ({outcome.Status})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task StaticAssets_AreOpenButOnlyForReading()
    {
        using var anonymous = api.Anonymous();
        var assets = StaticAssets();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.All(Methods(asset), m => Assert.Contains(m, new[] { "GET", "HEAD" }));
            using var response = await anonymous.GetAsync(new Uri(asset.RoutePattern.RawText!, UriKind.Relative), Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset.RoutePattern.RawText}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryHubMethod_HasAnEntry_AndEveryCallerGetsWhatItsRoleAllows()
    {
        var methods = typeof(HealthHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(HealthHub))
            .Select(m => m.Name)
            .ToList();
        Assert.Equal(ExpectedHubMethods.Keys.Order(), methods.Order());

        foreach (var caller in await CallersAsync())
        {
            await using var connection = Connect(caller);
            if (caller.Level == Level.Anonymous)
            {
                var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Cancellation));
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                continue;
            }

            await connection.StartAsync(Cancellation);
            foreach (var (method, required) in ExpectedHubMethods)
            {
                var call = connection.InvokeAsync(method, ApiTestHost.WatchedApp, Cancellation);
                if (caller.Level >= required)
                {
                    await call;
                }
                else
                {
                    await Assert.ThrowsAsync<HubException>(() => call);
                }
            }
        }
    }

    private static string? Entry(DiscoveredEndpoint endpoint)
    {
        var exact = endpoint.Key;
        var any = "* " + endpoint.Route;
        return Expected.ContainsKey(exact) ? exact : Expected.ContainsKey(any) ? any : null;
    }

    private static List<RouteEndpoint> Assembly(IEnumerable<DiscoveredEndpoint> endpoints) => [.. endpoints.Select(e => e.Endpoint).Distinct()];

    private List<DiscoveredEndpoint> Discover() =>
        [.. RouteEndpoints()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => Methods(e).Select(m => new DiscoveredEndpoint(e, m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .DistinctBy(e => e.Key)];

    private List<RouteEndpoint> StaticAssets() => [.. RouteEndpoints().Where(IsStaticAsset)];

    private IEnumerable<RouteEndpoint> RouteEndpoints() =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>Files from <c>MapStaticAssets</c> (the app's css, MudBlazor's, the framework's scripts).</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")
        && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null;

    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : ["GET"];

    private async Task<IReadOnlyList<Caller>> CallersAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return
        [
            new Caller("anonymous", Level.Anonymous, api.Anonymous(), null),
            new Caller("Viewer (signed in)", Level.Viewer, api.Viewer, api.Host.Cookies(api.Viewer)),
            new Caller("Operator (signed in)", Level.Operator, api.Operator, api.Host.Cookies(api.Operator)),
            new Caller("Admin (signed in)", Level.Admin, api.Admin, api.Host.Cookies(api.Admin)),
            KeyCaller("Viewer (API key)", Level.Viewer, await api.CreateKeyAsync("matrix-viewer-" + suffix, DashboardRole.Viewer)),
            KeyCaller("Operator (API key)", Level.Operator, await api.CreateKeyAsync("matrix-operator-" + suffix, DashboardRole.Operator)),
            KeyCaller("Admin (API key)", Level.Admin, await api.CreateKeyAsync("matrix-admin-" + suffix, DashboardRole.Admin)),
        ];
    }

    private Caller KeyCaller(string name, Level level, string key) => new(name, level, api.KeyClient(key), null, key);

    private static async Task<(Outcome Outcome, int Status)> CallAsync(Caller caller, DiscoveredEndpoint endpoint)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), new Uri(Concrete(endpoint.Route), UriKind.Relative));
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = endpoint.Route.StartsWith("/api/", StringComparison.Ordinal)
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([]);
        }

        using var response = await caller.Client.SendAsync(request, Cancellation);
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        var outcome = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.SignIn,
            HttpStatusCode.Forbidden => Outcome.Denied,
            HttpStatusCode.Redirect when location.Contains("/account/sign-in", StringComparison.OrdinalIgnoreCase) => Outcome.SignIn,
            HttpStatusCode.Redirect when location.Contains("/account/denied", StringComparison.OrdinalIgnoreCase) => Outcome.Denied,
            _ => Outcome.Through,
        };
        return (outcome, status);
    }

    /// <summary>A concrete path for a route template: real app and node names, a key id that does not exist.</summary>
    private static string Concrete(string route) => route
        .Replace("{app}", ApiTestHost.WatchedApp, StringComparison.OrdinalIgnoreCase)
        .Replace("{node}", "rpc-1", StringComparison.Ordinal)
        .Replace("/{Name}", "/rpc-1", StringComparison.Ordinal)
        .Replace("{name}", "no-such-node", StringComparison.Ordinal)
        .Replace("{id}", "k0000000000", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{version:int}", "1", StringComparison.Ordinal)
        .Replace("{**path:file}", "no-such-file.css", StringComparison.Ordinal);

    private HubConnection Connect(Caller caller)
    {
        var server = api.Host.TestServer!;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, HealthHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (caller.Cookie is not null)
                {
                    options.Headers["Cookie"] = caller.Cookie;
                }

                if (caller.Key is not null)
                {
                    options.Headers["Authorization"] = new AuthenticationHeaderValue("Bearer", caller.Key).ToString();
                }

                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            })
            .Build();
    }

    private sealed record Caller(string Name, Level Level, HttpClient Client, string? Cookie, string? Key = null);

    private sealed record DiscoveredEndpoint(RouteEndpoint Endpoint, string Method, string Route)
    {
        public string Key => $"{Method} {Route}";
    }
}
