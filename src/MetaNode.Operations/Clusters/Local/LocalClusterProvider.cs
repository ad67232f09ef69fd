using System.Globalization;
using System.Security.Cryptography;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>
/// Runs an app as MetaNode.Devnet processes on this machine: ports from a configured range, one
/// process per node, an event the instant a process ends, pause by SIGSTOP/SIGCONT, network
/// faults through each node's admin API. It remembers its nodes in a state file so a restarted
/// dashboard adopts the nodes still running and never leaves orphans.
/// </summary>
internal sealed partial class LocalClusterProvider : IClusterProvider, IAsyncDisposable
{
    private readonly LocalClusterOptions _options;
    private readonly string _stateDirectory;
    private readonly DevnetLauncher _launcher;
    private readonly DevnetAdminClient _admin;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClusterEventStream _events = new();
    private readonly OperationQueue _operations = new();
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Dictionary<string, LocalNode>> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppTopology> _applied = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly LocalClusterState _state;
    private int _disposed;

    public LocalClusterProvider(LocalClusterOptions options, string contentRoot, TimeProvider time, ILogger<LocalClusterProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _stateDirectory = Path.GetFullPath(options.StateDirectory, contentRoot);
        _launcher = new DevnetLauncher(options, contentRoot);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        _admin = new DevnetAdminClient(_http);
        _time = time;
        _logger = logger;
        _state = LocalClusterState.Load(_stateDirectory);
    }

    public ProviderKind Kind => ProviderKind.Local;

    public ProviderCapabilities Capabilities => ProviderCapabilities.All;

    private string Label => DevnetLauncher.LabelPrefix + _stateDirectory;

    public IReadOnlyList<NodeInfo> Nodes(string app)
    {
        lock (_sync)
        {
            if (!_nodes.TryGetValue(app, out var nodes))
            {
                return [];
            }

            return [.. nodes.Values.OrderBy(n => n.Ref.Role).ThenBy(n => n.Ref.Component, StringComparer.Ordinal).ThenBy(n => n.Ref.Ordinal).Select(Describe)];
        }
    }

    public IAsyncEnumerable<ClusterEvent> WatchAsync(CancellationToken cancellationToken) => _events.WatchAsync(cancellationToken);

    /// <summary>
    /// Reads the state left by the previous dashboard: adopts nodes still running as recorded,
    /// forgets those gone, stops the nodes of apps no longer configured and any process carrying
    /// this state directory's label that is not accounted for.
    /// </summary>
    public async Task InitializeAsync(IReadOnlyCollection<string> apps, CancellationToken cancellationToken)
    {
        await _operations.RunAsync(
            async () =>
            {
                var adopted = new HashSet<int>();
                foreach (var app in _state.Apps.Values.ToList())
                {
                    foreach (var record in app.Nodes.ToList())
                    {
                        var node = Track(app.App, record);
                        if (record.Pid is { } pid && IsOurProcess(pid, record, app.App))
                        {
                            adopted.Add(pid);
                            Adopt(node, pid);
                        }
                        else if (record.Pid is not null)
                        {
                            Update(node, record with { Pid = null, ProcessStartTime = null });
                        }
                    }

                    if (!apps.Contains(app.App))
                    {
                        LogRemovingApp(_logger, app.App);
                        await RemoveAppAsync(app.App, cancellationToken);
                    }
                }

                foreach (var pid in Posix.AllPids().Where(p => !adopted.Contains(p)))
                {
                    var commandLine = Posix.ReadCommandLine(pid);
                    if (LabelOf(commandLine) == Label && Posix.Signal(pid, Posix.SigKill))
                    {
                        LogOrphanKilled(_logger, pid, string.Join(' ', commandLine.Take(6)));
                    }
                }

                Save();
            },
            cancellationToken);
    }

    public Task ApplyAsync(AppTopology desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return _operations.RunAsync(() => ApplyCoreAsync(desired, cancellationToken), cancellationToken);
    }

    public Task StartAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            OperationQueue.RequireNotRunning(node, local.State);

            await StartNodeAsync(local, cancellationToken);
        });

    public Task StopAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, local => StopNodeAsync(local, cancellationToken));

    public Task RestartAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            await StopNodeAsync(local, cancellationToken);
            await StartNodeAsync(local, cancellationToken);
        });

    public Task KillAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            var pid = RequireRunning(local);
            local.Expected = ExpectedExit.Kill;
            Posix.Signal(pid, Posix.SigKill);
            await local.Exited.WaitAsync(cancellationToken);
        });

    public Task PauseAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, local =>
        {
            var pid = RequireRunning(local);
            OperationQueue.RequireNotPaused(node, local.State);

            Posix.Signal(pid, Posix.SigStop);
            SetState(local, NodeRunState.Paused, ClusterEventKind.Paused, "frozen with SIGSTOP");
            return Task.CompletedTask;
        });

    public Task ResumeAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, local =>
        {
            var pid = RequireRunning(local);
            OperationQueue.RequirePaused(node, local.State);

            Posix.Signal(pid, Posix.SigCont);
            SetState(local, NodeRunState.Running, ClusterEventKind.Resumed, "thawed with SIGCONT");
            return Task.CompletedTask;
        });

    public Task IsolateAsync(NodeRef node, IReadOnlyCollection<NodeRef> peers, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            ArgumentNullException.ThrowIfNull(peers);
            var others = peers.Select(p => Find(p)).ToList();
            RequireRunning(local);
            await _admin.PartitionAsync(Endpoint(local), others.Select(o => o.Ref.Name), cancellationToken);
            foreach (var other in others.Where(o => o.State == NodeRunState.Running))
            {
                await _admin.PartitionAsync(Endpoint(other), [node.Name], cancellationToken);
            }

            Publish(local, ClusterEventKind.FaultInjected, "cut off from " + string.Join(", ", others.Select(o => o.Ref.Name)));
        });

    public Task AddLatencyAsync(NodeRef node, TimeSpan latency, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            RequireRunning(local);
            await _admin.LatencyAsync(Endpoint(local), latency, cancellationToken);
            Publish(local, ClusterEventKind.FaultInjected, string.Create(CultureInfo.InvariantCulture, $"answers delayed by {latency.TotalMilliseconds:0} ms"));
        });

    public Task StallAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            RequireRunning(local);
            await _admin.StallAsync(Endpoint(local), cancellationToken);
            Publish(local, ClusterEventKind.FaultInjected, "stalled: no blocks, no answers");
        });

    public Task HealAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async local =>
        {
            RequireRunning(local);
            await _admin.HealAsync(Endpoint(local), cancellationToken);
            List<LocalNode> others;
            lock (_sync)
            {
                others = [.. _nodes[node.App].Values.Where(n => n != local && n.State == NodeRunState.Running)];
            }

            foreach (var other in others)
            {
                await _admin.ReconnectAsync(Endpoint(other), [node.Name], cancellationToken);
            }

            Publish(local, ClusterEventKind.Healed, "faults cleared");
        });

    /// <summary>Stops every node (the dashboard is shutting down: its nodes go with it).</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        await _operations.RunAsync(
            async () =>
            {
                List<LocalNode> running;
                lock (_sync)
                {
                    running = [.. _nodes.Values.SelectMany(n => n.Values).Where(n => n.Record.Pid is not null)];
                }

                await Task.WhenAll(running.Select(n => StopNodeAsync(n, cancellationToken)));
                LogAllStopped(_logger, running.Count);
            },
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IClusterProvider: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync();
        _lifetime.Dispose();
        _operations.Dispose();
        _http.Dispose();
    }

    private Task WithNodeAsync(NodeRef node, CancellationToken cancellationToken, Func<LocalNode, Task> action) =>
        _operations.RunAsync(() => action(Find(node)), cancellationToken);

    private LocalNode Find(NodeRef node)
    {
        lock (_sync)
        {
            if (_nodes.TryGetValue(node.App, out var nodes) && nodes.TryGetValue(node.Name, out var local))
            {
                return local;
            }
        }

        throw new ClusterOperationException($"{node} is not a node of the local cluster");
    }

    private static int RequireRunning(LocalNode local) =>
        local.Record.Pid is { } pid && local.State is NodeRunState.Running or NodeRunState.Paused
            ? pid
            : throw new ClusterOperationException($"{local.Ref} is not running ({local.State.ToString().ToLowerInvariant()})");

    private NodeEndpoint Endpoint(LocalNode node)
    {
        lock (_sync)
        {
            return new NodeEndpoint(node.Ref.Name, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{node.Record.AdminPort}/")), _state.Apps[node.Ref.App].AdminToken);
        }
    }

    private NodeInfo Describe(LocalNode node)
    {
        var record = node.Record;
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JSON-RPC port"] = record.RpcPort.ToString(CultureInfo.InvariantCulture),
            ["Admin port"] = record.AdminPort.ToString(CultureInfo.InvariantCulture),
            ["Log file"] = LogFile(node.Ref),
            ["Program"] = _launcher.Program,
        };
        if (record.Pid is { } pid)
        {
            facts["PID"] = pid.ToString(CultureInfo.InvariantCulture);
        }

        return new NodeInfo(node.Ref, node.State, RpcUri(record.RpcPort), null, null, node.StartedAt, facts);
    }

    private Uri RpcUri(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://{_options.BindAddress}:{port}/"));

    private string AppDirectory(string app) => Path.Combine(_stateDirectory, app);

    private string LogFile(NodeRef node) => Path.Combine(AppDirectory(node.App), "logs", node.Name + ".log");

    private string DataDirectory(NodeRef node) => Path.Combine(AppDirectory(node.App), "nodes", node.Name);

    private static string? LabelOf(IReadOnlyList<string> commandLine)
    {
        for (var i = 0; i + 1 < commandLine.Count; i++)
        {
            if (commandLine[i] == "--label")
            {
                return commandLine[i + 1];
            }
        }

        return null;
    }

    private bool IsOurProcess(int pid, LocalNodeRecord record, string app)
    {
        if (!Posix.IsAlive(pid) || Posix.ReadStartTime(pid) != record.ProcessStartTime)
        {
            return false;
        }

        var commandLine = Posix.ReadCommandLine(pid);
        return LabelOf(commandLine) == Label
            && commandLine.SkipWhile(a => a != "--app").Skip(1).FirstOrDefault() == app
            && commandLine.SkipWhile(a => a != "--node-id").Skip(1).FirstOrDefault() == record.Name;
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Count} local node(s)")]
    private static partial void LogAllStopped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App {App} is no longer configured: stopping and removing its local nodes")]
    private static partial void LogRemovingApp(ILogger logger, string app);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killed orphaned devnet process {Pid} ({CommandLine})")]
    private static partial void LogOrphanKilled(ILogger logger, int pid, string commandLine);
}
