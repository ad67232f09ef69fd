using System.Globalization;
using System.Threading.Channels;
using MetaNode.Operations.Balancing;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health.Detectors;
using MetaNode.Operations.Health.Probes;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Health.Monitoring;

/// <summary>
/// Owns <see cref="HealthState"/>. Every node has its own probe loop (so a hung node delays no
/// other), sharing a bounded number of probe slots; provider events mark nodes down the moment
/// they happen. All state changes run on one loop fed by a channel — probe results, events and
/// a 250 ms tick that evaluates each app (lag, head, checkpoint, detectors, findings).
/// </summary>
public sealed partial class HealthMonitor : BackgroundService
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(2);

    private readonly AppCatalog _catalog;
    private readonly ClusterRegistry _clusters;
    private readonly HealthState _state;
    private readonly NodeProbe _probe;
    private readonly IFindingSink _findings;
    private readonly IHealthHistory _history;
    private readonly MonitorMetrics _metrics;
    private readonly IRpcEntryPoints _entryPoints;
    private readonly MonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IDetector> _detectors;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<Input> _inputs = Channel.CreateUnbounded<Input>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, TrackedNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackedApp> _apps = new(StringComparer.Ordinal);
    private const int BacklogWarning = 2_000;
    private DateTimeOffset _nextReconcile = DateTimeOffset.MinValue;
    private DateTimeOffset _nextBacklogWarning = DateTimeOffset.MinValue;

    public HealthMonitor(
        AppCatalog catalog,
        ClusterRegistry clusters,
        HealthState state,
        NodeProbe probe,
        IFindingSink findings,
        IHealthHistory history,
        MonitorMetrics metrics,
        IRpcEntryPoints entryPoints,
        IOptions<DashboardOptions> options,
        TimeProvider time,
        ILogger<HealthMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _clusters = clusters;
        _state = state;
        _probe = probe;
        _findings = findings;
        _history = history;
        _metrics = metrics;
        _entryPoints = entryPoints;
        _options = options.Value.Monitor;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrentProbes);
        _detectors = [new NodeDownDetector(), new QuorumDetector(), new ChainStallDetector(), new SplitBrainDetector(), new ReplicationLagDetector(), new FailoverDetector(), new ContentionDetector()];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await LoadRecentFindingsAsync(stoppingToken);
        var pumps = _clusters.Providers.Select(p => PumpEventsAsync(p, stoppingToken)).ToList();
        var ticks = TickAsync(stoppingToken);
        try
        {
            await foreach (var input in _inputs.Reader.ReadAllAsync(stoppingToken))
            {
                _metrics.Dequeued();
                Handle(input);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var node in _nodes.Values)
            {
                node.Dispose();
            }

            _nodes.Clear();
        }

        await Task.WhenAll(pumps.Append(ticks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The last day's findings, so the timeline survives a dashboard restart.</summary>
    private async Task LoadRecentFindingsAsync(CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow();
        var recent = new List<Finding>();
        foreach (var app in _catalog.Apps)
        {
            recent.AddRange(await _history.FindingsAsync(app.Name, now - HealthState.KeepEndedFindings, now, null, stoppingToken));
        }

        _state.Apply(findings: [.. recent.Where(f => !f.IsActive)]);
    }

    private void Handle(Input input)
    {
        try
        {
            switch (input)
            {
                case ProbeDone done:
                    OnProbe(done);
                    break;
                case EventSeen seen:
                    OnEvent(seen.Event);
                    break;
                case Tick:
                    OnTick();
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad input must not stop the monitor; it is logged with what it was about.
            LogInputFailed(_logger, input.GetType().Name, ex);
        }
    }

    private void OnTick()
    {
        var now = _time.GetUtcNow();
        if (_metrics.Backlog > BacklogWarning && now >= _nextBacklogWarning)
        {
            _nextBacklogWarning = now + TimeSpan.FromMinutes(1);
            LogFallingBehind(_logger, _metrics.Backlog);
        }

        if (now >= _nextReconcile)
        {
            _nextReconcile = now + ReconcileInterval;
            Reconcile();
        }

        foreach (var app in _apps.Values)
        {
            Evaluate(app, now);
        }
    }

    private void OnProbe(ProbeDone done)
    {
        if (!_nodes.TryGetValue(done.NodeId, out var node) || done.Generation != node.Generation || !node.Settings.Enabled)
        {
            return; // removed, or overtaken by an event since the probe began
        }

        var app = _apps[node.Info.Ref.App];
        var policy = app.Topology.HealthChecks;
        var result = done.Result;
        var now = result.CompletedAt == default ? _time.GetUtcNow() : result.CompletedAt;
        var previous = node.Health;
        if (!result.Answered)
        {
            var failures = previous.ConsecutiveFailures + 1;
            var down = failures > policy.Retries;
            node.Verdict = down
                ? (NodeStatus.Down, result.Error)
                : (NodeStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"{result.Error} ({failures} of {policy.Retries + 1} misses before down)"));
            node.SlowProbes = 0;
            node.Health = previous with
            {
                Status = node.Verdict.Status,
                Reason = node.Verdict.Reason,
                CheckedAt = now,
                Latency = null,
                Lag = null,
                ConsecutiveFailures = failures,
                UpSince = down ? null : previous.UpSince,
            };
        }
        else
        {
            node.LastAnswer = result;
            node.Verdict = Judge(result, app.Topology);
            node.SlowProbes = IsSlow(result, app) ? node.SlowProbes + 1 : 0;
            node.Health = previous with
            {
                Status = node.Verdict.Status,
                Reason = node.Verdict.Reason,
                CheckedAt = now,
                Latency = result.Latency,
                ClientVersion = result.ClientVersion ?? previous.ClientVersion,
                ChainId = result.ChainId ?? previous.ChainId,
                Height = result.Height ?? previous.Height,
                HeadHash = result.HeadHash ?? previous.HeadHash,
                HeadTime = result.HeadTime ?? previous.HeadTime,
                Proposer = result.Proposer ?? previous.Proposer,
                Peers = result.Peers,
                Syncing = result.Syncing,
                HealthCheck = result.HealthCheck,
                ConsecutiveFailures = 0,
                UpSince = previous.UpSince ?? now,
                Unsupported = [.. result.Unsupported.Order(StringComparer.Ordinal)],
            };
        }

        _state.Apply(nodes: [node.Health]);
    }

    /// <summary>A probe that answered: up unless the node itself, its chain id or its sync state says otherwise.</summary>
    private static (NodeStatus, string?) Judge(ProbeResult result, AppTopology topology)
    {
        if (result.HealthOk == false)
        {
            return (NodeStatus.Degraded, $"/health reports {result.HealthCheck}");
        }

        if (result.Error is { } error)
        {
            return (NodeStatus.Degraded, error);
        }

        if (result.ChainId is { } chainId && chainId != topology.ChainId)
        {
            return (NodeStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"on chain {chainId}, expected {topology.ChainId}"));
        }

        if (result.Syncing is { } syncing)
        {
            return (NodeStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"syncing: block {syncing.CurrentBlock} of {syncing.HighestBlock}"));
        }

        return (NodeStatus.Up, null);
    }

    // Compared with the median of the last evaluation, not recomputed per probe: per probe that is
    // a sort of every node's latency, which at 1,000 nodes cost more than the probes themselves.
    private bool IsSlow(ProbeResult result, TrackedApp app) =>
        app.AnsweringNodes >= 3
        && result.Latency.TotalMilliseconds > Math.Max(app.MedianLatencyMs * _options.ContentionFactor, _options.ContentionFloor.TotalMilliseconds);

    private void OnEvent(ClusterEvent clusterEvent)
    {
        if (!_nodes.TryGetValue(clusterEvent.Node.Id, out var node))
        {
            Reconcile(); // a node the monitor has not seen yet (scaled up)
            return;
        }

        var app = _apps[node.Info.Ref.App];
        switch (clusterEvent.Kind)
        {
            case ClusterEventKind.Exited or ClusterEventKind.Stopped or ClusterEventKind.Paused:
                var runState = clusterEvent.Kind switch
                {
                    ClusterEventKind.Exited => NodeRunState.Exited,
                    ClusterEventKind.Stopped => NodeRunState.Stopped,
                    _ => NodeRunState.Paused,
                };
                node.NextGeneration();
                node.Settings = node.Settings with { Enabled = false };
                MarkDown(node, runState, Describe(clusterEvent));
                Evaluate(app, _time.GetUtcNow());
                break;
            case ClusterEventKind.Started or ClusterEventKind.Resumed:
                node.NextGeneration();
                node.Settings = node.Settings with { Enabled = true };
                node.Health = node.Health with { RunState = NodeRunState.Running, Reason = "running; waiting for it to answer" };
                _state.Apply(nodes: [node.Health]);
                node.Wake();
                break;
            case ClusterEventKind.Removed:
                Remove(node);
                Evaluate(app, _time.GetUtcNow());
                break;
            case ClusterEventKind.FaultInjected or ClusterEventKind.Healed or ClusterEventKind.HealthChanged:
                node.Wake();
                break;
        }
    }

    private void MarkDown(TrackedNode node, NodeRunState runState, string reason)
    {
        node.Verdict = (NodeStatus.Down, reason);
        node.SlowProbes = 0;
        node.Health = node.Health with
        {
            Status = NodeStatus.Down,
            Reason = reason,
            RunState = runState,
            Latency = null,
            Lag = null,
            UpSince = null,
            Resources = null,
            CheckedAt = _time.GetUtcNow(),
        };
        _state.Apply(nodes: [node.Health]);
    }

    private static string Describe(ClusterEvent clusterEvent) => clusterEvent.Kind switch
    {
        ClusterEventKind.Exited => "process " + (clusterEvent.Detail ?? "exited"),
        ClusterEventKind.Stopped => clusterEvent.Detail ?? "stopped",
        ClusterEventKind.Paused => "frozen: " + (clusterEvent.Detail ?? "paused"),
        _ => clusterEvent.Detail ?? clusterEvent.Kind.ToString(),
    };

    private async Task PumpEventsAsync(IClusterProvider provider, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var clusterEvent in provider.WatchAsync(stoppingToken))
            {
                Post(new EventSeen(clusterEvent));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TickInterval, _time);
        Post(new Tick());
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Post(new Tick());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunProbesAsync(TrackedNode node)
    {
        var cancellation = node.Loop.Token;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var settings = node.Settings;
                if (settings.Enabled)
                {
                    var generation = node.Generation;
                    await _slots.WaitAsync(cancellation);
                    ProbeResult result;
                    try
                    {
                        result = await _probe.ProbeAsync(settings.Target, settings.Timeout, cancellation);
                    }
                    finally
                    {
                        _slots.Release();
                    }

                    _metrics.Probed(result.Answered, result.Latency);
                    Post(new ProbeDone(node.Id, generation, result));
                }

                await node.WaitNextAsync(settings.Interval, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The node was removed while its loop waited.
        }
    }

    private void Post(Input input)
    {
        if (_inputs.Writer.TryWrite(input))
        {
            _metrics.Queued();
        }
    }

    private abstract record Input;

    private sealed record ProbeDone(string NodeId, int Generation, ProbeResult Result) : Input;

    private sealed record EventSeen(ClusterEvent Event) : Input;

    private sealed record Tick : Input;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The health monitor is falling behind: {Backlog} probe results wait; pages show older state. Give the dashboard more CPU or lengthen health-check intervals")]
    private static partial void LogFallingBehind(ILogger logger, int backlog);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health monitor could not handle {Input}")]
    private static partial void LogInputFailed(ILogger logger, string input, Exception exception);
}
