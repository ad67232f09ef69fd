using System.Globalization;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health.Detectors;
using MetaNode.Operations.Health.Probes;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Health.Monitoring;

/// <summary>Keeping the tracked nodes in step with the providers, and evaluating each app.</summary>
public sealed partial class HealthMonitor
{
    /// <summary>Adds nodes the providers know and the monitor does not, drops nodes gone, refreshes run states.</summary>
    private void Reconcile()
    {
        var now = _time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topology in _catalog.Apps)
        {
            if (!_apps.TryGetValue(topology.Name, out var app))
            {
                app = new TrackedApp(topology, now);
                _apps[topology.Name] = app;
            }

            app.Topology = topology;
            IClusterProvider provider;
            try
            {
                provider = _clusters.For(topology.Name);
            }
            catch (ClusterOperationException)
            {
                continue; // no provider for this app: nothing to watch
            }

            foreach (var info in provider.Nodes(topology.Name))
            {
                seen.Add(info.Ref.Id);
                var runState = provider.Kind == ProviderKind.Watched ? (NodeRunState?)null : info.State;
                if (!_nodes.TryGetValue(info.Ref.Id, out var node))
                {
                    node = Track(info, runState, app);
                    continue;
                }

                node.Info = info;
                if (info.Resources != node.Health.Resources)
                {
                    node.Health = node.Health with { Resources = info.Resources };
                    _state.Apply(nodes: [node.Health]);
                }

                if (runState == NodeRunState.Starting)
                {
                    continue; // its Started event enables the probes
                }

                if (runState is { } state && state != NodeRunState.Running && state != node.Health.RunState)
                {
                    // A change the event stream did not deliver (e.g. the watch reconnected).
                    node.NextGeneration();
                    node.Settings = node.Settings with { Enabled = false };
                    MarkDown(node, state, state.ToString().ToLowerInvariant());
                }
                else if (runState == NodeRunState.Running && !node.Settings.Enabled)
                {
                    node.NextGeneration();
                    node.Settings = node.Settings with { Enabled = true };
                    node.Wake();
                }
            }
        }

        foreach (var gone in _nodes.Values.Where(n => !seen.Contains(n.Id)).ToList())
        {
            Remove(gone);
        }

        foreach (var app in _apps.Keys.Where(a => _catalog.Find(a) is null).ToList())
        {
            _state.Apply(findings: _apps[app].Findings.CloseAll(now));
            _apps.Remove(app);
        }
    }

    private TrackedNode Track(NodeInfo info, NodeRunState? runState, TrackedApp app)
    {
        var running = runState is null or NodeRunState.Running;
        var health = new NodeHealth
        {
            Node = info.Ref,
            Endpoint = info.RpcEndpoint,
            Zone = info.Zone,
            Region = info.Region,
            RunState = runState,
            Status = running || runState == NodeRunState.Starting ? NodeStatus.Unknown : NodeStatus.Down,
            Reason = running ? "waiting for the first probe" : runState.ToString()!.ToLowerInvariant(),
        };
        var node = new TrackedNode(info, health, SettingsFor(info, app, running));
        _nodes[node.Id] = node;
        _state.Apply(nodes: [health]);
        _ = RunProbesAsync(node);
        return node;
    }

    private void Remove(TrackedNode node)
    {
        _nodes.Remove(node.Id);
        node.Dispose();
        _state.Apply(removedNodes: [node.Id]);
    }

    private static ProbeSettings SettingsFor(NodeInfo info, TrackedApp app, bool enabled)
    {
        var chain = info.Ref.Role is ComponentRole.Blockchain or ComponentRole.Validator;
        var policy = app.Topology.HealthChecks;
        var target = new ProbeTarget(info.RpcEndpoint, JsonRpc: chain, HealthEndpoint: true, CheckpointHeight: chain ? app.Checkpoint : null);
        return new ProbeSettings(target, policy.Interval, policy.Timeout, enabled);
    }

    /// <summary>Recomputes the app's head, lags, checkpoint, findings and summary; publishes what changed.</summary>
    private void Evaluate(TrackedApp app, DateTimeOffset now)
    {
        var name = app.Topology.Name;
        var nodes = _nodes.Values.Where(n => n.Info.Ref.App == name).ToList();
        var staleAfter = app.Topology.HealthChecks.Interval * 3;
        var answering = nodes.Where(n => IsChain(n) && n.Health.Status != NodeStatus.Down && n.Health.Height is not null
                                         && n.Health.CheckedAt is { } at && now - at <= staleAfter).ToList();

        // The head: a rise is news (block rate, stall clock, failover check).
        long? head = answering.Count == 0 ? null : answering.Max(n => n.Health.Height!.Value);
        ProbeResult? newHead = null;
        DateTimeOffset? previousHeadTime = null;
        if (head is { } current)
        {
            if (app.Head is null || current > app.Head)
            {
                var leader = answering.First(n => n.Health.Height == current);
                if (app.Head is { } before && current == before + 1)
                {
                    previousHeadTime = app.HeadTime;
                }

                newHead = app.Head is null ? null : leader.LastAnswer;
                app.HeadChangedAt = now;
                app.HeadTime = leader.Health.HeadTime;
            }

            app.Head = current;
            app.RecordHead(now, current);
            UpdateCheckpoint(app, answering.Min(n => n.Health.Height!.Value), nodes);
        }

        PublishLags(app, nodes, head);
        var latencies = nodes.Where(n => n.Health.Status != NodeStatus.Down && n.Health.Latency is not null)
            .Select(n => n.Health.Latency!.Value.TotalMilliseconds).Order().ToList();
        app.AnsweringNodes = latencies.Count;
        app.MedianLatencyMs = latencies.Count == 0 ? 0 : latencies[latencies.Count / 2];

        var view = new AppView
        {
            Topology = app.Topology,
            Nodes = [.. nodes.Select(n => new NodeView(n.Health, n.LastAnswer, n.SlowProbes))],
            Now = now,
            Head = head,
            HeadChangedAt = app.HeadChangedAt,
            NewHead = newHead,
            PreviousHeadTime = previousHeadTime,
            StallFactor = _options.StallFactor,
            ValidatorNames = [.. nodes.Where(n => n.Info.Ref.Role == ComponentRole.Validator).OrderBy(n => n.Info.Ref.Component, StringComparer.Ordinal).ThenBy(n => n.Info.Ref.Ordinal).Select(n => n.Info.Ref.Name)],
        };
        var changes = app.Findings.Update(_detectors.SelectMany(d => d.Detect(view)), now);
        foreach (var finding in changes)
        {
            _findings.Record(finding);
            if (finding.StartedAt == now && finding.EndedAt is null)
            {
                LogFindingOpened(_logger, name, finding.Severity, finding.Summary);
            }
        }

        var summary = Summarize(app, nodes, view, now);
        var appChanged = app.Published is null || !SameSummary(app.Published, summary);
        if (appChanged)
        {
            app.Published = summary;
        }

        if (changes.Count > 0 || appChanged)
        {
            _state.Apply(apps: appChanged ? [summary] : null, findings: changes);
        }
    }

    private static bool IsChain(TrackedNode node) => node.Info.Ref.Role is ComponentRole.Blockchain or ComponentRole.Validator;

    private static void UpdateCheckpoint(TrackedApp app, long lowestHead, List<TrackedNode> nodes)
    {
        if (app.Checkpoint == lowestHead)
        {
            return;
        }

        app.Checkpoint = lowestHead;
        foreach (var node in nodes.Where(IsChain))
        {
            var settings = node.Settings;
            node.Settings = settings with { Target = settings.Target with { CheckpointHeight = lowestHead } };
        }
    }

    /// <summary>
    /// Sets each chain node's lag; a node far behind is degraded even if it answers well. Nodes are
    /// probed at different moments: the blocks the chain would have made between a node's probe and
    /// the head's probe are not counted against it.
    /// </summary>
    private void PublishLags(TrackedApp app, List<TrackedNode> nodes, long? head)
    {
        var critical = app.Topology.Consensus.BlockConfirmations * 3;
        var blockTime = app.Topology.Consensus.BlockTime;
        var headSeenAt = head is { } top ? nodes.Where(n => n.Health.Height == top).Max(n => n.Health.CheckedAt) : null;
        var changed = new List<NodeHealth>();
        foreach (var node in nodes.Where(IsChain))
        {
            var health = node.Health;
            var drift = headSeenAt is { } seen && health.CheckedAt is { } checkedAt && seen > checkedAt ? (long)((seen - checkedAt) / blockTime) : 0;
            long? lag = head is { } h && health.Status != NodeStatus.Down && health.Height is { } height ? Math.Max(0, h - height - drift) : null;
            var (status, reason) = node.Verdict;
            if (status == NodeStatus.Up && lag > critical)
            {
                (status, reason) = (NodeStatus.Degraded, string.Create(CultureInfo.InvariantCulture, $"{lag} blocks behind the head {head}"));
            }

            if (lag != health.Lag || status != health.Status || reason != health.Reason)
            {
                node.Health = health with { Lag = lag, Status = status, Reason = reason };
                changed.Add(node.Health);
            }
        }

        if (changed.Count > 0)
        {
            _state.Apply(nodes: changed);
        }
    }

    private AppHealth Summarize(TrackedApp app, List<TrackedNode> nodes, AppView view, DateTimeOffset now)
    {
        var topology = app.Topology;
        var quorumState = QuorumState.NotApplicable;
        var components = new List<ComponentHealth>();
        foreach (var component in topology.Components)
        {
            var members = nodes.Where(n => n.Info.Ref.Component == component.Name).Select(n => n.Health).ToList();
            var up = members.Count(n => n.Status == NodeStatus.Up);
            QuorumState quorum = QuorumState.NotApplicable;
            int? quorumSize = null;
            if (component.Role == ComponentRole.Validator && members.Count > 0 && members.All(n => n.Status != NodeStatus.Unknown))
            {
                quorumSize = topology.Consensus.EffectiveQuorum(members.Count);
                quorum = up < quorumSize ? QuorumState.Lost : up == quorumSize && up < members.Count ? QuorumState.AtRisk : QuorumState.Healthy;
                quorumState = quorum;
            }

            components.Add(new ComponentHealth(
                component.Name,
                component.Role,
                up,
                members.Count(n => n.Status == NodeStatus.Degraded),
                members.Count(n => n.Status == NodeStatus.Down),
                members.Count,
                quorum,
                quorumSize));
        }

        return new AppHealth
        {
            App = topology.Name,
            Provider = topology.Provider,
            Operable = _clusters.Providers.FirstOrDefault(p => p.Kind == topology.Provider)?.Capabilities is { } capabilities && capabilities != ProviderCapabilities.None,
            Components = components,
            HeadHeight = view.Head ?? app.Head,
            HeadChangedAt = app.HeadChangedAt,
            BlocksPerMinute = app.BlocksPerMinute(now) is { } rate ? Math.Round(rate, 1) : null,
            Quorum = quorumState,
            EntryPoint = _entryPoints.AddressOf(topology.Name),
        };
    }

    private static bool SameSummary(AppHealth a, AppHealth b) =>
        a with { Components = [] } == b with { Components = [] } && a.Components.SequenceEqual(b.Components);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{App}: {Severity} finding: {Summary}")]
    private static partial void LogFindingOpened(ILogger logger, string app, Severity severity, string summary);
}
