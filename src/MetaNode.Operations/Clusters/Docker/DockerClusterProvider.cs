using System.Globalization;
using Docker.DotNet.Models;
using Version = System.Version;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// Runs apps as MetaNode.Devnet containers on a Docker engine. Nodes are found by their labels
/// (<see cref="DockerLabels"/>), so containers started by hand or by compose are watched and
/// operated too; the engine's event stream reports a death, stop or pause the moment it happens.
/// Partitions move nodes between networks while each node keeps its published ports on a separate
/// access network; latency and stalls go through each node's admin API, as with the Local provider.
/// Containers outlive the dashboard: a restarted dashboard finds them again by their labels.
/// </summary>
internal sealed partial class DockerClusterProvider : IClusterProvider, IAsyncDisposable
{
    private readonly DockerClusterOptions _options;
    private readonly DockerEngine _engine;
    private readonly ContainerTemplate _template;
    private readonly HttpClient _http;
    private readonly DevnetAdminClient _admin;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClusterEventStream _events = new();
    private readonly OperationQueue _operations = new();
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Dictionary<string, DockerNode>> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppTopology> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _membershipPushed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _creating = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private HashSet<string> _apps = new(StringComparer.Ordinal);
    private Task _loops = Task.CompletedTask;
    private volatile bool _watching;
    private int _connected;
    private int _disposed;

    public DockerClusterProvider(DockerClusterOptions options, TimeProvider time, ILogger<DockerClusterProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _engine = new DockerEngine(options);
        _template = new ContainerTemplate(options);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
        _admin = new DevnetAdminClient(_http);
        _time = time;
        _logger = logger;
    }

    public ProviderKind Kind => ProviderKind.Docker;

    public ProviderCapabilities Capabilities => ProviderCapabilities.All | ProviderCapabilities.ResourceStats;

    /// <summary>True while the event stream is open; false while the engine is unreachable (state may be stale).</summary>
    public bool Watching
    {
        get => _watching;
        private set => _watching = value;
    }

    public IReadOnlyList<NodeInfo> Nodes(string app)
    {
        lock (_sync)
        {
            return _nodes.TryGetValue(app, out var nodes)
                ? [.. nodes.Values.OrderBy(n => n.Ref.Role).ThenBy(n => n.Ref.Component, StringComparer.Ordinal).ThenBy(n => n.Ref.Ordinal).Select(Describe)]
                : [];
        }
    }

    public IAsyncEnumerable<ClusterEvent> WatchAsync(CancellationToken cancellationToken) => _events.WatchAsync(cancellationToken);

    /// <summary>
    /// Connects to the engine (negotiating the API version), finds the nodes of <paramref name="apps"/>
    /// by their labels, and starts following the event stream and sampling resource use.
    /// </summary>
    public async Task ConnectAsync(IReadOnlyCollection<string> apps, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        lock (_sync)
        {
            _apps = apps.ToHashSet(StringComparer.Ordinal);
        }

        if (Volatile.Read(ref _connected) == 1)
        {
            throw new InvalidOperationException("the Docker provider is connected already");
        }

        await _engine.ConnectAsync(cancellationToken);
        LogConnected(_logger, _engine.Endpoint, _engine.EngineVersion ?? "?", _engine.ApiVersion!);
        var stream = await OpenEventStreamAsync(cancellationToken);
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        Volatile.Write(ref _connected, 1);
        Watching = true;
        _loops = Task.WhenAll(FollowAsync(stream, _lifetime.Token), SampleResourcesAsync(_lifetime.Token));
    }

    public Task ApplyAsync(AppTopology desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return _operations.RunAsync(() => ApplyCoreAsync(desired, cancellationToken), cancellationToken);
    }

    public Task StartAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            OperationQueue.RequireNotRunning(node, docker.State);

            await StartNodeAsync(docker, cancellationToken);
        });

    public Task StopAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, docker => StopNodeAsync(docker, cancellationToken));

    public Task RestartAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            await StopNodeAsync(docker, cancellationToken);
            await StartNodeAsync(docker, cancellationToken);
        });

    public Task KillAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            var id = RequireRunning(docker);
            docker.Expected = ExpectedExit.Kill;
            await _engine.CallAsync(() => _engine.Client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken), $"kill {docker.Container.Name}");
            await _engine.CallAsync(() => _engine.Client.Containers.WaitContainerAsync(id, cancellationToken), $"wait for {docker.Container.Name} to end");
            await SyncAsync(docker, "killed (SIGKILL) by the dashboard", cancellationToken);
        });

    public Task PauseAsync(NodeRef node, CancellationToken cancellationToken) => FreezeAsync(node, freeze: true, cancellationToken);

    public Task ResumeAsync(NodeRef node, CancellationToken cancellationToken) => FreezeAsync(node, freeze: false, cancellationToken);

    public Task AddLatencyAsync(NodeRef node, TimeSpan latency, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            RequireRunning(docker);
            await _admin.LatencyAsync(AdminOf(docker), latency, cancellationToken);
            Publish(docker, ClusterEventKind.FaultInjected, string.Create(CultureInfo.InvariantCulture, $"answers delayed by {latency.TotalMilliseconds:0} ms"));
        });

    public Task StallAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            RequireRunning(docker);
            await _admin.StallAsync(AdminOf(docker), cancellationToken);
            Publish(docker, ClusterEventKind.FaultInjected, "stalled: no blocks, no answers");
        });

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as IClusterProvider: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync();
        await _loops.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _lifetime.Dispose();
        _operations.Dispose();
        _engine.Dispose();
        _http.Dispose();
    }

    /// <summary>docker pause (the cgroup freezer: the process stays, answers nothing) or docker unpause.</summary>
    private Task FreezeAsync(NodeRef node, bool freeze, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            var id = RequireRunning(docker);
            var containers = _engine.Client.Containers;
            if (freeze)
            {
                OperationQueue.RequireNotPaused(node, docker.State);
                await _engine.CallAsync(() => containers.PauseContainerAsync(id, cancellationToken), $"pause {docker.Container.Name}");
            }
            else
            {
                OperationQueue.RequirePaused(node, docker.State);
                await _engine.CallAsync(() => containers.UnpauseContainerAsync(id, cancellationToken), $"unpause {docker.Container.Name}");
            }

            await SyncAsync(docker, freeze ? "frozen by the dashboard (docker pause)" : "thawed by the dashboard (docker unpause)", cancellationToken);
        });

    private Task WithNodeAsync(NodeRef node, CancellationToken cancellationToken, Func<DockerNode, Task> action) =>
        _operations.RunAsync(() => action(Find(node)), cancellationToken);

    private DockerNode Find(NodeRef node)
    {
        lock (_sync)
        {
            if (_nodes.TryGetValue(node.App, out var nodes) && nodes.TryGetValue(node.Name, out var docker))
            {
                return docker;
            }
        }

        throw new ClusterOperationException($"{node} is not a node of the Docker cluster (no container labelled {DockerLabels.App}={node.App}, {DockerLabels.Node}={node.Name})");
    }

    private static string RequireRunning(DockerNode node) =>
        node.State is NodeRunState.Running or NodeRunState.Paused
            ? node.Container.Id
            : throw new ClusterOperationException($"{node.Ref} is not running ({node.State.ToString().ToLowerInvariant()})");

    private static NodeEndpoint AdminOf(DockerNode node) =>
        node.Container is { AdminEndpoint: { } admin, AdminToken: { } token }
            ? new NodeEndpoint(node.Ref.Name, admin, token)
            : throw new ClusterOperationException(
                $"{node.Ref} has no reachable admin API: its container needs {DockerLabels.AdminTokenVariable} and a published or reachable port {DockerLabels.DefaultAdminPort} ({DockerLabels.AdminPort})");

    private NodeInfo Describe(DockerNode node)
    {
        var container = node.Container;
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Container"] = container.Name,
            ["Container id"] = container.Id[..Math.Min(12, container.Id.Length)],
            ["Image"] = container.Image,
            ["Networks"] = string.Join(", ", container.Networks.Order(StringComparer.Ordinal)),
            ["Created by"] = container.Managed ? "the dashboard" : "someone else (found by its labels)",
            ["Engine"] = _engine.Endpoint.ToString(),
        };
        if (container.AdminEndpoint is { } admin)
        {
            facts["Admin API"] = admin.ToString();
        }

        if (node.State is NodeRunState.Exited)
        {
            facts["Exit code"] = container.ExitCode.ToString(CultureInfo.InvariantCulture) + (container.OomKilled ? " (out of memory)" : string.Empty);
        }

        return new NodeInfo(container.Ref, node.State, container.RpcEndpoint, container.Zone, container.Region, container.StartedAt, facts)
        {
            Resources = node.State == NodeRunState.Running ? node.Resources : null,
        };
    }

    private void Publish(DockerNode node, ClusterEventKind kind, string? detail) =>
        _events.Publish(new ClusterEvent(node.Ref, kind, _time.GetUtcNow(), detail));

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Docker engine at {Endpoint}: version {Version}, API {ApiVersion}")]
    private static partial void LogConnected(ILogger logger, Uri endpoint, string version, Version apiVersion);
}
