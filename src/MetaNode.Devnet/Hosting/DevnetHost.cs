using System.Collections;
using MetaNode.Devnet.Consensus;
using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet.Hosting;

/// <summary>Builds and runs a devnet process: one node, or many follower nodes in many-nodes mode.</summary>
public static partial class DevnetHost
{
    /// <summary>Exit code for settings that cannot work.</summary>
    public const int InvalidSettingsExitCode = 2;

    /// <summary>Parses settings from the command line and environment, then serves until stopped.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = variable.Value as string ?? string.Empty;
        }

        var settings = NodeSettings.Parse(args, environment, out var problems);
        if (settings is null)
        {
            await Console.Error.WriteLineAsync("metanode-devnet: the settings cannot work:");
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync("  - " + problem);
            }

            return InvalidSettingsExitCode;
        }

        await using var app = Build(settings);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Builds the process for <paramref name="settings"/>.</summary>
    public static WebApplication Build(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var nodeSettings = settings.Many > 0 ? ManyNodes(settings) : [settings];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            foreach (var node in nodeSettings)
            {
                kestrel.Listen(node.Listen);
                if (node.AdminListen is { } admin)
                {
                    kestrel.Listen(admin);
                }
            }
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<NodeDispatcher>();
        builder.Services.AddHostedService<NodeService>();

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<NodeDispatcher>();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        IPeerTransport transport = settings.Many > 0
            ? new InProcessTransport()
            : new HttpPeerTransport(CreatePeerClient(), PeerCallTimeout(settings));
        foreach (var node in nodeSettings)
        {
            var runtime = new NodeRuntime(node, transport, time, loggers.CreateLogger("MetaNode.Devnet." + node.NodeId));
            (transport as InProcessTransport)?.Register(runtime);
            dispatcher.Add(runtime);
        }

        app.Run(dispatcher.DispatchAsync);
        LogServing(loggers.CreateLogger("MetaNode.Devnet"), settings.NodeId, settings.Role.ToString().ToLowerInvariant(),
            settings.Listen.ToString(), settings.AdminListen?.ToString() ?? "off", nodeSettings.Count,
            settings.Validators.Count, settings.EffectiveQuorum, (int)settings.BlockTime.TotalMilliseconds);
        return app;
    }

    /// <summary>
    /// Many-nodes mode: node-0 is a single validator (quorum 1) and every other node follows it,
    /// each on its own port from <see cref="NodeSettings.Listen"/> on. For load tests of the monitor.
    /// </summary>
    private static List<NodeSettings> ManyNodes(NodeSettings settings)
    {
        var address = settings.Listen.Address;
        Peer PeerAt(int i) => new($"node-{i}", new Uri($"http://{settings.Listen.Address}:{settings.Listen.Port + i}/"));
        var validator = PeerAt(0);
        var followers = Enumerable.Range(1, settings.Many - 1).Select(PeerAt).ToList();
        var nodes = new List<NodeSettings>
        {
            settings with
            {
                NodeId = validator.Id, Role = NodeRole.Validator, Validators = [validator], Peers = followers,
                Quorum = 1, AdminListen = null, Many = 0,
            },
        };
        nodes.AddRange(followers.Select((peer, i) => settings with
        {
            NodeId = peer.Id, Role = NodeRole.Blockchain, Listen = new System.Net.IPEndPoint(address, settings.Listen.Port + i + 1),
            Validators = [validator], Peers = [], Quorum = 1, AdminListen = null, Many = 0,
        }));
        return nodes;
    }

    private static HttpClient CreatePeerClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseProxy = false,
    });

    private static TimeSpan PeerCallTimeout(NodeSettings settings) =>
        TimeSpan.FromMilliseconds(Math.Clamp(settings.BlockTime.TotalMilliseconds, 250, 2000));

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} ({Role}) serving on {Listen}, admin {Admin}; {Nodes} node(s) in this process; {Validators} validators, quorum {Quorum}, block time {BlockTimeMs} ms")]
    private static partial void LogServing(ILogger logger, string nodeId, string role, string listen, string admin, int nodes, int validators, int quorum, int blockTimeMs);
}

/// <summary>Runs every node's consensus and gossip loop for the life of the process.</summary>
internal sealed class NodeService(NodeDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nodes = dispatcher.Nodes.ToList();
        // In many-nodes mode commits reach followers by direct call: only node-0 needs a loop.
        var gossip = nodes.Count == 1;
        return Task.WhenAll(nodes.Where(n => gossip || n.Settings.Role == NodeRole.Validator)
            .Select(n => RunQuietlyAsync(n, gossip, stoppingToken)));
    }

    private static async Task RunQuietlyAsync(NodeRuntime node, bool gossip, CancellationToken stoppingToken)
    {
        try
        {
            await node.RunAsync(gossip, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
