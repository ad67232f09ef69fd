using System.Text.Json;
using MetaNode.Devnet.Consensus;
using MetaNode.Devnet.Faults;
using MetaNode.Devnet.Peers;
using MetaNode.Devnet.Rpc;

namespace MetaNode.Devnet.Hosting;

/// <summary>
/// Routes every request of the process: by the local port to a node (or to the admin API), then
/// by method and path. One plain dispatcher instead of endpoint routing keeps it native-AOT safe
/// and lets a many-nodes process serve a thousand ports from one pipeline.
/// </summary>
internal sealed class NodeDispatcher
{
    private readonly Dictionary<int, (NodeRuntime Node, JsonRpcHandler Rpc)> _byPort = [];
    private readonly Dictionary<int, NodeRuntime> _byAdminPort = [];

    /// <summary>Serves <paramref name="node"/> on its listen port (and its admin port, if any).</summary>
    public void Add(NodeRuntime node)
    {
        _byPort[node.Settings.Listen.Port] = (node, new JsonRpcHandler(new EthMethods(node)));
        if (node.Settings.AdminListen is { } admin)
        {
            _byAdminPort[admin.Port] = node;
        }
    }

    /// <summary>Every node this process serves.</summary>
    public IEnumerable<NodeRuntime> Nodes => _byPort.Values.Select(v => v.Node);

    /// <summary>Handles one request.</summary>
    public async Task DispatchAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        if (_byAdminPort.TryGetValue(port, out var adminNode))
        {
            await AdminApi.HandleAsync(context, adminNode);
            return;
        }

        if (!_byPort.TryGetValue(port, out var entry))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var node = entry.Node;
        // A stalled node hangs every request until healed; a slow one answers late.
        await node.Faults.WaitWhileStalledAsync(context.RequestAborted);
        if (node.Faults.Latency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (path.StartsWith("/p2p/", StringComparison.Ordinal))
        {
            await PeerApi.HandleAsync(context, node, path);
            return;
        }

        switch (request.Method, path)
        {
            case ("POST", "/") when node.KeepsChain:
                await entry.Rpc.HandleAsync(context);
                break;
            case ("GET", "/health"):
                await WriteHealthAsync(context, node);
                break;
            case ("POST", "/api/v0/id") when node.Settings.Role == NodeRole.Ipfs:
                await IpfsApi.WriteIdAsync(context, node);
                break;
            case ("POST", "/api/v0/version") when node.Settings.Role == NodeRole.Ipfs:
                await IpfsApi.WriteVersionAsync(context);
                break;
            case (_, "/") when node.KeepsChain:
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "POST";
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static async Task WriteHealthAsync(HttpContext context, NodeRuntime node)
    {
        var report = node.Health();
        context.Response.StatusCode = report.Status == "ok" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, report, DevnetJsonContext.Default.HealthReport, context.RequestAborted);
    }
}
