using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MetaNode.Devnet.Hosting;
using Microsoft.AspNetCore.Builder;

namespace MetaNode.Devnet.Tests.Support;

/// <summary>
/// A devnet process built in the test process by <see cref="DevnetHost.Build"/> and served by real
/// Kestrel on loopback, so tests talk to it over HTTP as any client would.
/// </summary>
internal sealed class DevnetNode : IAsyncDisposable
{
    /// <summary>The admin token every node under test is given.</summary>
    public const string AdminToken = "devnet-tests-admin-token";

    /// <summary>Block time of the nodes under test: fast enough to see heights rise within a second.</summary>
    public static readonly TimeSpan BlockTime = TimeSpan.FromMilliseconds(200);

    private readonly WebApplication _app;

    private DevnetNode(WebApplication app, NodeSettings settings)
    {
        _app = app;
        Settings = settings;
        RpcAddress = new Uri($"http://{settings.Listen}/");
        Http = CreateClient(RpcAddress, TimeSpan.FromSeconds(30));
        if (settings.AdminListen is { } admin)
        {
            AdminAddress = new Uri($"http://{admin}/");
            Admin = CreateClient(AdminAddress, TimeSpan.FromSeconds(30));
            Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        }
    }

    /// <summary>What the node was started with.</summary>
    public NodeSettings Settings { get; }

    /// <summary>Where JSON-RPC, /health and peer traffic are served.</summary>
    public Uri RpcAddress { get; }

    /// <summary>Where the admin API listens, when enabled.</summary>
    public Uri? AdminAddress { get; }

    /// <summary>A client for <see cref="RpcAddress"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>A client for <see cref="AdminAddress"/> that sends the admin token.</summary>
    public HttpClient? Admin { get; }

    /// <summary>The admin client, for nodes started with an admin endpoint.</summary>
    public HttpClient AdminClient => Admin ?? throw new InvalidOperationException($"{Settings.NodeId} has no admin endpoint");

    /// <summary>A loopback endpoint.</summary>
    public static IPEndPoint Loopback(int port) => new(IPAddress.Loopback, port);

    /// <summary>The peer URL of a node listening on <paramref name="port"/>.</summary>
    public static Uri UrlOf(int port) => new($"http://127.0.0.1:{port}/");

    /// <summary>A validator that commits on its own: itself the only validator, quorum 1, admin API on.</summary>
    public static NodeSettings SoloValidator(string id = "validator-0", long chainId = 1337)
    {
        var port = FreePorts.One();
        return new NodeSettings
        {
            NodeId = id,
            Role = NodeRole.Validator,
            Listen = Loopback(port),
            AdminListen = Loopback(FreePorts.One()),
            AdminToken = AdminToken,
            Validators = [new Peer(id, UrlOf(port))],
            Quorum = 1,
            ChainId = chainId,
            BlockTime = BlockTime,
        };
    }

    /// <summary>A node of a role without a chain (agreement, ipfs).</summary>
    public static NodeSettings Service(string id, NodeRole role) => new()
    {
        NodeId = id,
        Role = role,
        Listen = Loopback(FreePorts.One()),
        AdminListen = Loopback(FreePorts.One()),
        AdminToken = AdminToken,
    };

    /// <summary>A blockchain node following <c>validator-0</c> on <paramref name="validatorPort"/>, admin API on.</summary>
    public static NodeSettings Follower(string id, int validatorPort) => new()
    {
        NodeId = id,
        Role = NodeRole.Blockchain,
        Listen = Loopback(FreePorts.One()),
        AdminListen = Loopback(FreePorts.One()),
        AdminToken = AdminToken,
        Validators = [new Peer("validator-0", UrlOf(validatorPort))],
        Quorum = 1,
        BlockTime = BlockTime,
    };

    /// <summary>validator-0 (quorum 1, sending its commits to blockchain-0) and blockchain-0 following it.</summary>
    public static Task<IReadOnlyList<DevnetNode>> StartValidatorAndFollowerAsync() =>
        StartAllAsync(() =>
        {
            var validator = SoloValidator("validator-0");
            var follower = Follower("blockchain-0", validator.Listen.Port);
            return [validator with { Peers = [new Peer(follower.NodeId, UrlOf(follower.Listen.Port))] }, follower];
        });

    /// <summary>Builds and starts one node; settings are made again (new ports) if a port was taken meanwhile.</summary>
    public static async Task<DevnetNode> StartAsync(Func<NodeSettings> settings) =>
        (await StartAllAsync(() => [settings()]))[0];

    /// <summary>Builds and starts nodes that refer to each other, as a set.</summary>
    public static async Task<IReadOnlyList<DevnetNode>> StartAllAsync(Func<IReadOnlyList<NodeSettings>> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var started = new List<DevnetNode>();
            try
            {
                foreach (var node in settings())
                {
                    var app = DevnetHost.Build(node);
                    try
                    {
                        await app.StartAsync(TestContext.Current.CancellationToken);
                    }
                    catch
                    {
                        await app.DisposeAsync();
                        throw;
                    }

                    started.Add(new DevnetNode(app, node));
                }

                return started;
            }
            catch (IOException) when (attempt < 5)
            {
                // Another program bound one of the ports after it was found free: try other ports.
                foreach (var node in started)
                {
                    await node.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Posts a raw body to the JSON-RPC endpoint.</summary>
    public async Task<RawAnswer> PostAsync(string body, HttpClient? client = null)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await (client ?? Http).PostAsync(RpcAddress, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new RawAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    /// <summary>Calls one method and returns the whole response object.</summary>
    public async Task<JsonObject> CallAsync(string method, string parameters = "[]", string id = "1")
    {
        var answer = await PostAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Object;
    }

    /// <summary>Calls one method and returns its result, failing on an error answer.</summary>
    public async Task<JsonNode?> ResultAsync(string method, string parameters = "[]")
    {
        var response = await CallAsync(method, parameters);
        Assert.False(response.ContainsKey("error"), $"{method} answered {response.ToJsonString()}");
        return response["result"];
    }

    /// <summary>GET /health of this node, or (in many-nodes mode) of the node at <paramref name="nodeAddress"/>.</summary>
    public async Task<RawAnswer> HealthAsync(Uri? nodeAddress = null)
    {
        using var response = await Http.GetAsync(new Uri(nodeAddress ?? RpcAddress, "health"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new RawAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The head height, from eth_blockNumber.</summary>
    public async Task<long> HeightAsync() => WireFormat.ToLong((string)(await ResultAsync("eth_blockNumber"))!);

    /// <summary>Sends an admin request; the body, when given, is JSON.</summary>
    public async Task<RawAnswer> AdminAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await AdminClient.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new RawAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    /// <summary>An HTTP client for loopback that bypasses any proxy.</summary>
    public static HttpClient CreateClient(Uri baseAddress, TimeSpan timeout) =>
        new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin?.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>An HTTP answer as received.</summary>
internal sealed record RawAnswer(HttpStatusCode Status, string? MediaType, string Body)
{
    /// <summary>The body as a JSON object.</summary>
    public JsonObject Object => JsonNode.Parse(Body) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {Body}");

    /// <summary>The body as a JSON array.</summary>
    public JsonArray Array => JsonNode.Parse(Body) as JsonArray ?? throw new Xunit.Sdk.XunitException($"not a JSON array: {Body}");
}
