using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>Starting, stopping, adopting and removing node processes; applying a topology.</summary>
internal sealed partial class LocalClusterProvider
{
    private async Task ApplyCoreAsync(AppTopology desired, CancellationToken cancellationToken)
    {
        List<LocalNode> wanted;
        List<LocalNode> extras;
        bool membershipChanged;
        lock (_sync)
        {
            if (!_state.Apps.TryGetValue(desired.Name, out var app))
            {
                app = new LocalAppRecord
                {
                    App = desired.Name,
                    GenesisTimeMs = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                    AdminToken = NewToken(),
                };
                _state.Apps[desired.Name] = app;
            }

            var nodes = NodesOf(desired.Name);
            foreach (var component in desired.Components)
            {
                for (var ordinal = 0; ordinal < component.Replicas; ordinal++)
                {
                    var name = NodeRef.NameOf(component.Name, ordinal);
                    if (!nodes.ContainsKey(name))
                    {
                        var (rpc, admin) = AllocatePorts();
                        var record = new LocalNodeRecord { Name = name, Component = component.Name, Role = component.Role, RpcPort = rpc, AdminPort = admin };
                        app.Nodes.Add(record);
                        Track(desired.Name, record);
                    }
                }
            }

            _applied[desired.Name] = desired;
            wanted = [.. nodes.Values.Where(n => ClusterApply.IsWanted(desired, n.Ref))];
            foreach (var node in wanted.Where(n => n.State is not (NodeRunState.Running or NodeRunState.Paused)))
            {
                node.State = NodeRunState.Starting; // not a failure to report while it comes up
            }

            extras = [.. nodes.Values.Where(n => !ClusterApply.IsWanted(desired, n.Ref))];
            var membership = MembershipFingerprint(desired.Name);
            membershipChanged = app.Membership != membership;
            _state.Apps[desired.Name] = app with { Membership = membership };
            Save();
        }

        var starting = wanted.Where(n => n.State == NodeRunState.Starting).ToList();
        var failures = await ClusterApply.StartAllAsync(starting, node => StartNodeAsync(node, cancellationToken));

        if (membershipChanged)
        {
            await PushMembershipAsync(desired.Name, wanted.Except(starting).Where(n => n.Ref.Role is ComponentRole.Validator or ComponentRole.Blockchain && n.State == NodeRunState.Running), cancellationToken);
        }

        foreach (var extra in extras)
        {
            await RemoveNodeAsync(extra, cancellationToken);
        }

        ClusterApply.ThrowIfAnyFailed(desired.Name, failures);
    }

    private async Task PushMembershipAsync(string app, IEnumerable<LocalNode> nodes, CancellationToken cancellationToken)
    {
        var targets = nodes.ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var (validators, peers, quorum) = Membership(app);
        var validatorUrls = validators.ToDictionary(v => v.Name, v => RpcUri(v.Port).ToString(), StringComparer.Ordinal);
        var peerUrls = peers.ToDictionary(p => p.Name, p => RpcUri(p.Port).ToString(), StringComparer.Ordinal);
        foreach (var node in targets)
        {
            await _admin.MembershipAsync(Endpoint(node), validatorUrls, peerUrls, quorum, cancellationToken);
        }

        LogMembership(_logger, app, validators.Count, quorum, peers.Count);
    }

    /// <summary>The chain membership of <paramref name="app"/> under its applied topology.</summary>
    private (List<(string Name, int Port)> Validators, List<(string Name, int Port)> Peers, int Quorum) Membership(string app)
    {
        lock (_sync)
        {
            var desired = _applied[app];
            var members = NodesOf(app).Values.Where(n => ClusterApply.IsWanted(desired, n.Ref))
                .OrderBy(n => n.Ref.Component, StringComparer.Ordinal).ThenBy(n => n.Ref.Ordinal).ToList();
            var validators = members.Where(n => n.Ref.Role == ComponentRole.Validator).Select(n => (n.Ref.Name, n.Record.RpcPort)).ToList();
            var peers = members.Where(n => n.Ref.Role == ComponentRole.Blockchain).Select(n => (n.Ref.Name, n.Record.RpcPort)).ToList();
            return (validators, peers, desired.Consensus.EffectiveQuorum(validators.Count));
        }
    }

    private string MembershipFingerprint(string app)
    {
        var (validators, peers, quorum) = Membership(app);
        return string.Join(',', validators.Select(v => v.Name)) + "|" + string.Join(',', peers.Select(p => p.Name)) + "|" + quorum.ToString(CultureInfo.InvariantCulture);
    }

    private LaunchSpec BuildSpec(LocalNode node)
    {
        var (validators, peers, quorum) = Membership(node.Ref.App);
        lock (_sync)
        {
            var app = _state.Apps[node.Ref.App];
            var desired = _applied[node.Ref.App];
            return new LaunchSpec
            {
                CommandLine = new DevnetCommandLine
                {
                    App = node.Ref.App,
                    NodeName = node.Ref.Name,
                    Role = node.Ref.Role,
                    Listen = string.Create(CultureInfo.InvariantCulture, $"{_options.BindAddress}:{node.Record.RpcPort}"),
                    AdminListen = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{node.Record.AdminPort}"),
                    Label = Label,
                    Validators = [.. validators.Select(v => (v.Name, RpcUri(v.Port)))],
                    Peers = [.. peers.Select(p => (p.Name, RpcUri(p.Port)))],
                    Quorum = Math.Max(quorum, 1),
                    ChainId = desired.ChainId,
                    GenesisTimeMs = app.GenesisTimeMs,
                    BlockTime = desired.Consensus.BlockTime,
                    RoundTimeout = desired.Consensus.Timeout,
                    DataDirectory = DataDirectory(node.Ref),
                },
                AdminToken = app.AdminToken,
                LogFile = LogFile(node.Ref),
            };
        }
    }

    private async Task StartNodeAsync(LocalNode node, CancellationToken cancellationToken)
    {
        if (!_applied.ContainsKey(node.Ref.App))
        {
            throw new ClusterOperationException($"{node.Ref.App} has no applied topology yet");
        }

        var spec = BuildSpec(node);
        Process process;
        try
        {
            process = _launcher.Start(spec);
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or InvalidOperationException)
        {
            throw new ClusterOperationException($"{node.Ref} could not be started: {ex.Message}", ex);
        }

        var pid = process.Id;
        lock (_sync)
        {
            node.Child = process;
            node.Expected = ExpectedExit.None;
            node.State = NodeRunState.Starting;
            node.StartedAt = _time.GetUtcNow();
            Update(node, node.Record with { Pid = pid, ProcessStartTime = Posix.ReadStartTime(pid) });
            node.Exited = WatchExitAsync(node, pid, process);
            Save();
        }

        try
        {
            await WaitUntilServingAsync(node, cancellationToken);
        }
        catch (ClusterOperationException)
        {
            // It never served: do not leave a half-started process behind.
            node.Expected = ExpectedExit.Kill;
            Posix.Signal(pid, Posix.SigKill);
            await node.Exited.WaitAsync(TimeSpan.FromSeconds(10), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        lock (_sync)
        {
            if (node.State == NodeRunState.Starting)
            {
                node.State = NodeRunState.Running;
            }
        }

        LogNodeStarted(_logger, node.Ref.Id, RpcUri(node.Record.RpcPort), node.Record.AdminPort, pid);
        Publish(node, ClusterEventKind.Started, string.Create(CultureInfo.InvariantCulture, $"pid {pid}"));
    }

    private async Task WaitUntilServingAsync(LocalNode node, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.StartTimeout;
        var health = new Uri(RpcUri(node.Record.RpcPort), "health");
        while (_time.GetUtcNow() < deadline)
        {
            if (node.Exited.IsCompleted)
            {
                throw new ClusterOperationException($"{node.Ref} exited while starting. Last log lines: {LogTail(node.Ref)}");
            }

            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(1));
                using var response = await _http.GetAsync(health, attempt.Token);
                return; // any answer, even 503 while syncing, means the process serves
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }

        throw new ClusterOperationException($"{node.Ref} did not answer /health within {_options.StartTimeout.TotalSeconds:0} s. Last log lines: {LogTail(node.Ref)}");
    }

    private async Task StopNodeAsync(LocalNode node, CancellationToken cancellationToken)
    {
        if (node.Record.Pid is not { } pid)
        {
            return;
        }

        node.Expected = ExpectedExit.Stop;
        if (node.State == NodeRunState.Paused)
        {
            Posix.Signal(pid, Posix.SigCont); // a frozen process cannot act on SIGTERM
        }

        Posix.Signal(pid, Posix.SigTerm);
        try
        {
            await node.Exited.WaitAsync(_options.StopTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogStopTimeout(_logger, node.Ref.Id, _options.StopTimeout.TotalSeconds);
            Posix.Signal(pid, Posix.SigKill);
            await node.Exited.WaitAsync(cancellationToken);
        }
    }

    private async Task RemoveNodeAsync(LocalNode node, CancellationToken cancellationToken)
    {
        await StopNodeAsync(node, cancellationToken);
        lock (_sync)
        {
            NodesOf(node.Ref.App).Remove(node.Ref.Name);
            _state.Apps[node.Ref.App].Nodes.RemoveAll(r => r.Name == node.Ref.Name);
            Save();
        }

        DeleteQuietly(DataDirectory(node.Ref));
        Publish(node, ClusterEventKind.Removed, "removed by scaling down");
        LogNodeRemoved(_logger, node.Ref.Id);
    }

    private async Task RemoveAppAsync(string app, CancellationToken cancellationToken)
    {
        List<LocalNode> nodes;
        lock (_sync)
        {
            nodes = [.. NodesOf(app).Values];
        }

        foreach (var node in nodes)
        {
            await StopNodeAsync(node, cancellationToken);
            Publish(node, ClusterEventKind.Removed, "its app is no longer configured");
        }

        lock (_sync)
        {
            _nodes.Remove(app);
            _state.Apps.Remove(app);
            _applied.Remove(app);
            Save();
        }

        DeleteQuietly(AppDirectory(app));
    }

    private void Adopt(LocalNode node, int pid)
    {
        lock (_sync)
        {
            node.Child = null;
            node.Expected = ExpectedExit.None;
            node.State = Posix.ReadState(pid) == 'T' ? NodeRunState.Paused : NodeRunState.Running;
            node.StartedAt = node.Record.ProcessStartTime is { } ticks ? Posix.StartedAt(ticks) : null;
            node.Exited = WatchExitAsync(node, pid, null);
        }

        LogAdopted(_logger, node.Ref.Id, pid, node.State);
        Publish(node, ClusterEventKind.Started, string.Create(CultureInfo.InvariantCulture, $"pid {pid}, adopted after a dashboard restart"));
    }

    private async Task WatchExitAsync(LocalNode node, int pid, Process? child)
    {
        try
        {
            if (child is not null)
            {
                await child.WaitForExitAsync(_lifetime.Token);
            }
            else
            {
                await Posix.WaitForExitAsync(pid, _lifetime.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return; // the provider is being disposed
        }

        OnExited(node, pid, child is null ? null : child.ExitCode);
        child?.Dispose();
    }

    private void OnExited(LocalNode node, int pid, int? exitCode)
    {
        ClusterEventKind kind;
        string detail;
        lock (_sync)
        {
            if (node.Record.Pid != pid)
            {
                return;
            }

            (kind, detail, node.State) = node.Expected switch
            {
                ExpectedExit.Stop => (ClusterEventKind.Stopped, "stopped by the dashboard", NodeRunState.Stopped),
                ExpectedExit.Kill => (ClusterEventKind.Exited, "killed (SIGKILL) by the dashboard", NodeRunState.Exited),
                _ => (ClusterEventKind.Exited, DescribeExit(exitCode), NodeRunState.Exited),
            };
            node.Expected = ExpectedExit.None;
            node.Child = null;
            Update(node, node.Record with { Pid = null, ProcessStartTime = null });
            Save();
        }

        if (kind == ClusterEventKind.Exited)
        {
            LogNodeExited(_logger, node.Ref.Id, detail);
        }

        Publish(node, kind, detail);
    }

    private static string DescribeExit(int? exitCode) => exitCode switch
    {
        null => "exited",
        > 128 => string.Create(CultureInfo.InvariantCulture, $"exited: killed by signal {exitCode - 128}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode}"),
    };

    private void SetState(LocalNode node, NodeRunState state, ClusterEventKind kind, string detail)
    {
        lock (_sync)
        {
            node.State = state;
        }

        Publish(node, kind, detail);
    }

    private void Publish(LocalNode node, ClusterEventKind kind, string? detail) =>
        _events.Publish(new ClusterEvent(node.Ref, kind, _time.GetUtcNow(), detail));

    private Dictionary<string, LocalNode> NodesOf(string app)
    {
        if (!_nodes.TryGetValue(app, out var nodes))
        {
            nodes = new Dictionary<string, LocalNode>(StringComparer.Ordinal);
            _nodes[app] = nodes;
        }

        return nodes;
    }

    private LocalNode Track(string app, LocalNodeRecord record)
    {
        var component = record.Component;
        var node = new LocalNode(new NodeRef(app, component, record.Name, record.Role), record);
        NodesOf(app)[record.Name] = node;
        return node;
    }

    private void Update(LocalNode node, LocalNodeRecord record)
    {
        var records = _state.Apps[node.Ref.App].Nodes;
        var index = records.FindIndex(r => r.Name == record.Name);
        records[index] = record;
        node.Record = record;
    }

    private void Save()
    {
        lock (_sync)
        {
            _state.Save();
        }
    }

    private (int Rpc, int Admin) AllocatePorts() =>
        new PortRange(_options.PortRangeStart, _options.PortRangeEnd, "Dashboard:Cluster:Local:PortRangeStart/End").TakeTwo(
            _state.Apps.Values.SelectMany(a => a.Nodes).SelectMany(n => new[] { n.RpcPort, n.AdminPort }).ToHashSet(),
            IPAddress.Parse(_options.BindAddress));

    private string LogTail(NodeRef node)
    {
        try
        {
            var lines = File.ReadLines(LogFile(node)).TakeLast(5);
            return string.Join(" / ", lines);
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} started: JSON-RPC {RpcUrl}, admin port {AdminPort}, pid {Pid}")]
    private static partial void LogNodeStarted(ILogger logger, string nodeId, Uri rpcUrl, int adminPort, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} adopted after a dashboard restart: pid {Pid}, {State}")]
    private static partial void LogAdopted(ILogger logger, string nodeId, int pid, NodeRunState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NodeId} {Detail}")]
    private static partial void LogNodeExited(ILogger logger, string nodeId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} removed")]
    private static partial void LogNodeRemoved(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NodeId} did not stop within {Seconds} s of SIGTERM: killing it")]
    private static partial void LogStopTimeout(ILogger logger, string nodeId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App}: membership is now {Validators} validators (quorum {Quorum}) and {Peers} blockchain node(s)")]
    private static partial void LogMembership(ILogger logger, string app, int validators, int quorum, int peers);
}
