using System.Net;
using MetaNode.Operations.Clusters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace MetaNode.Operations.Balancing;

/// <summary>
/// One app's JSON-RPC entry point: a small YARP proxy on its own port (8545 by default) that
/// balances requests round-robin over the blockchain nodes fit to serve, as HAProxy does in front
/// of a real MetaNode deployment. With no node fit, it answers 503.
/// </summary>
internal sealed partial class RpcEntryPoint : IAsyncDisposable
{
    private const string ClusterId = "blockchain";
    private readonly WebApplication _proxy;
    private readonly InMemoryConfigProvider _config;
    private readonly ILogger _logger;
    private IReadOnlyList<string> _current = [];

    private RpcEntryPoint(string app, WebApplication proxy, ILogger logger)
    {
        App = app;
        _proxy = proxy;
        _logger = logger;
        _config = proxy.Services.GetRequiredService<InMemoryConfigProvider>();
    }

    /// <summary>The app it serves.</summary>
    public string App { get; }

    /// <summary>Where clients send JSON-RPC.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The nodes requests go to now.</summary>
    public IReadOnlyList<string> Destinations => _current;

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<RpcEntryPoint> StartAsync(string app, IPAddress address, int port, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // A private host: none of the dashboard's configuration (its Urls) or logging (every proxied
        // request at Information) applies to the proxy.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig
                {
                    RouteId = "json-rpc",
                    ClusterId = ClusterId,
                    Match = new RouteMatch { Path = "/{**rest}" },
                },
            ],
            [Cluster([])]);
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        var entryPoint = new RpcEntryPoint(app, proxy, loggers.CreateLogger<RpcEntryPoint>());
        await proxy.StartAsync(cancellationToken);
        var bound = proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        entryPoint.Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return entryPoint;
    }

    /// <summary>Points the proxy at <paramref name="nodes"/>; a no-op when nothing changed.</summary>
    public void Route(IReadOnlyList<NodeInfo> nodes)
    {
        var names = nodes.Select(n => n.Ref.Name).Order(StringComparer.Ordinal).ToList();
        if (names.SequenceEqual(_current))
        {
            return;
        }

        _current = names;
        _config.Update(_config.GetConfig().Routes, [Cluster(nodes)]);
        LogRouting(_logger, App, Address, names.Count, string.Join(", ", names));
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync();
        await _proxy.DisposeAsync();
    }

    private static ClusterConfig Cluster(IReadOnlyList<NodeInfo> nodes) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = "RoundRobin",
        Destinations = nodes.ToDictionary(n => n.Ref.Name, n => new DestinationConfig { Address = n.RpcEndpoint.ToString() }),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} RPC entry point {Address} now balances over {Count} blockchain node(s): {Nodes}")]
    private static partial void LogRouting(ILogger logger, string app, Uri address, int count, string nodes);
}
