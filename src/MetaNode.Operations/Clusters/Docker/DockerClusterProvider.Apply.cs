using System.Net;
using System.Security.Cryptography;
using Docker.DotNet.Models;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>Applying a topology: networks, creating, starting, stopping and removing node containers.</summary>
internal sealed partial class DockerClusterProvider
{
    private const int PortAttempts = 4;

    private async Task ApplyCoreAsync(AppTopology desired, CancellationToken cancellationToken)
    {
        await EnsureImageAsync(cancellationToken);
        await EnsureNetworksAsync(cancellationToken);
        var (genesis, token) = ChainIdentity(desired.Name);
        lock (_sync)
        {
            _applied[desired.Name] = desired;
            _apps.Add(desired.Name);
            if (!_nodes.ContainsKey(desired.Name))
            {
                _nodes[desired.Name] = new Dictionary<string, DockerNode>(StringComparer.Ordinal);
            }
        }

        // Create what is missing first (quick), so the membership below names every wanted node.
        // New nodes are Starting from the moment they exist: coming up is not a failure to report.
        var created = new List<DockerNode>();
        try
        {
            foreach (var component in desired.Components)
            {
                for (var ordinal = 0; ordinal < component.Replicas; ordinal++)
                {
                    var reference = new NodeRef(desired.Name, component.Name, NodeRef.NameOf(component.Name, ordinal), component.Role);
                    if (TryFind(reference) is null)
                    {
                        created.Add(await CreateNodeAsync(reference, desired, genesis, token, cancellationToken));
                    }
                }
            }
        }
        catch (ClusterOperationException)
        {
            foreach (var node in created)
            {
                Transition(node, NodeRunState.Stopped, "created, not started: the apply failed");
            }

            throw;
        }

        List<DockerNode> wanted;
        List<DockerNode> extras;
        List<DockerNode> starting;
        lock (_sync)
        {
            var nodes = _nodes[desired.Name].Values.ToList();
            wanted = [.. nodes.Where(n => ClusterApply.IsWanted(desired, n.Ref))];
            extras = [.. nodes.Where(n => !ClusterApply.IsWanted(desired, n.Ref) && n.Container.Managed)];
            starting = [.. wanted.Where(n => n.State is not (NodeRunState.Running or NodeRunState.Paused))];
            foreach (var node in starting)
            {
                node.State = NodeRunState.Starting;
            }
        }

        var failures = await ClusterApply.StartAllAsync(starting, node => StartNodeAsync(node, cancellationToken));

        await PushMembershipAsync(desired.Name, wanted.Except(starting), cancellationToken);
        foreach (var extra in extras)
        {
            await RemoveNodeAsync(extra, cancellationToken);
        }

        ClusterApply.ThrowIfAnyFailed(desired.Name, failures);
    }

    /// <summary>The chain's genesis and admin token: those of the app's existing containers, so a restarted dashboard extends the same chain.</summary>
    private (long Genesis, string Token) ChainIdentity(string app)
    {
        lock (_sync)
        {
            var existing = _nodes.GetValueOrDefault(app)?.Values.Select(n => n.Container).Where(c => c.Managed).ToList() ?? [];
            var genesis = existing.Select(c => c.GenesisTimeMs).Where(g => g is not null).Min() ?? _time.GetUtcNow().ToUnixTimeMilliseconds();
            var token = existing.Select(c => c.AdminToken).FirstOrDefault(t => t is not null) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            return (genesis, token);
        }
    }

    /// <summary>
    /// The chain membership of <paramref name="app"/> under its applied topology: every wanted chain
    /// node in order, reached by its alias (or, for a container found by its labels, its name), so
    /// it is known before the containers exist.
    /// </summary>
    private ChainMembership Membership(string app)
    {
        lock (_sync)
        {
            var desired = _applied[app];
            var nodes = _nodes.GetValueOrDefault(app);
            List<(string Name, Uri Url)> Members(ComponentRole role) =>
            [
                .. desired.Components.Where(c => c.Role == role).OrderBy(c => c.Name, StringComparer.Ordinal)
                    .SelectMany(c => Enumerable.Range(0, c.Replicas).Select(i => new NodeRef(app, c.Name, NodeRef.NameOf(c.Name, i), c.Role)))
                    .Select(r => (r.Name, nodes?.GetValueOrDefault(r.Name) is { } node ? ContainerTemplate.PeerUrl(node.Container) : ContainerTemplate.AliasUrl(r))),
            ];
            var validators = Members(ComponentRole.Validator);
            return new ChainMembership(validators, Members(ComponentRole.Blockchain), desired.Consensus.EffectiveQuorum(validators.Count));
        }
    }

    /// <summary>Tells running chain nodes a membership they were not started with (scaling), as the Local provider does.</summary>
    private async Task PushMembershipAsync(string app, IEnumerable<DockerNode> nodes, CancellationToken cancellationToken)
    {
        var membership = Membership(app);
        lock (_sync)
        {
            if (_membershipPushed.GetValueOrDefault(app) == membership.Fingerprint)
            {
                return;
            }
        }

        var targets = nodes.Where(n => n.Container.KeepsChain && n.State == NodeRunState.Running && n.Container.AdminToken is not null).ToList();
        var validators = membership.Validators.ToDictionary(v => v.Name, v => v.Url.ToString(), StringComparer.Ordinal);
        var peers = membership.Peers.ToDictionary(p => p.Name, p => p.Url.ToString(), StringComparer.Ordinal);
        foreach (var node in targets)
        {
            await _admin.MembershipAsync(AdminOf(node), validators, peers, membership.Quorum, cancellationToken);
        }

        lock (_sync)
        {
            _membershipPushed[app] = membership.Fingerprint;
        }

        if (targets.Count > 0)
        {
            LogMembership(_logger, app, membership.Validators.Count, membership.Quorum, membership.Peers.Count);
        }
    }

    /// <summary>
    /// A chain node the engine restarted by itself (restart policy, engine restart) comes back with
    /// the command line it was created with; if scaling changed the membership since, tell it again
    /// once it serves.
    /// </summary>
    private async Task RealignMembershipAsync(DockerNode node)
    {
        AppTopology? desired;
        lock (_sync)
        {
            desired = node.Container is { Managed: true, KeepsChain: true } ? _applied.GetValueOrDefault(node.Ref.App) : null;
        }

        if (desired is null)
        {
            return;
        }

        var membership = Membership(node.Ref.App);
        var expected = ContainerTemplate.Arguments(node.Ref, desired, membership, node.Container.GenesisTimeMs ?? 0);
        if (node.Container.GenesisTimeMs is null || node.Container.Arguments.SequenceEqual(expected, StringComparer.Ordinal))
        {
            return;
        }

        try
        {
            await WaitUntilServingAsync(node, _lifetime.Token);
            var validators = membership.Validators.ToDictionary(v => v.Name, v => v.Url.ToString(), StringComparer.Ordinal);
            var peers = membership.Peers.ToDictionary(p => p.Name, p => p.Url.ToString(), StringComparer.Ordinal);
            await _admin.MembershipAsync(AdminOf(node), validators, peers, membership.Quorum, _lifetime.Token);
            LogRealigned(_logger, node.Ref.Id, membership.Validators.Count, membership.Quorum);
        }
        catch (ClusterOperationException ex)
        {
            LogRealignFailed(_logger, node.Ref.Id, ex.Message);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }

    private async Task<DockerNode> CreateNodeAsync(NodeRef reference, AppTopology desired, long genesis, string token, CancellationToken cancellationToken)
    {
        var arguments = ContainerTemplate.Arguments(reference, desired, Membership(reference.App), genesis);
        ContainerSnapshot created;
        lock (_sync)
        {
            _creating.Add(reference.Id);
        }

        try
        {
            created = await CreateContainerAsync(reference, arguments, token, genesis, AllocatePorts(excluded: []), cancellationToken);
        }
        finally
        {
            lock (_sync)
            {
                _creating.Remove(reference.Id);
            }
        }

        DockerNode node;
        lock (_sync)
        {
            // The event stream may have seen the new container first and tracked it already.
            var nodes = _nodes[reference.App];
            if (!nodes.TryGetValue(reference.Name, out node!) || node.Container.Id != created.Id)
            {
                node = new DockerNode(created);
                nodes[reference.Name] = node;
            }

            node.Container = created;
            node.State = NodeRunState.Starting;
        }

        LogNodeCreated(_logger, reference.Id, created.Name, created.RpcEndpoint);
        return node;
    }

    /// <summary>Starts <paramref name="node"/>'s container, first re-creating a managed one whose settings are out of date, and waits until it serves.</summary>
    private async Task StartNodeAsync(DockerNode node, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            node.State = NodeRunState.Starting;
            node.Expected = ExpectedExit.None;
        }

        try
        {
            if (node.Container.Managed && _applied.TryGetValue(node.Ref.App, out var desired))
            {
                var arguments = ContainerTemplate.Arguments(node.Ref, desired, Membership(node.Ref.App), node.Container.GenesisTimeMs ?? ChainIdentity(node.Ref.App).Genesis);
                if (!node.Container.Arguments.SequenceEqual(arguments, StringComparer.Ordinal) || node.Container.Image != _options.Image)
                {
                    await ReplaceContainerAsync(node, arguments, excludedPorts: [], cancellationToken);
                }
            }

            await StartContainerAsync(node, cancellationToken);
            await WaitUntilServingAsync(node, cancellationToken);
        }
        catch (ClusterOperationException)
        {
            await SyncAsync(node, "did not start", CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (node.State == NodeRunState.Starting)
            {
                Transition(node, NodeRunState.Exited, "did not start");
            }

            throw;
        }

        await SyncAsync(node, $"container {node.Container.Name} serving", cancellationToken);
        LogNodeStarted(_logger, node.Ref.Id, node.Container.RpcEndpoint, node.Container.Name);
    }

    /// <summary>Starts the container; a host port taken meanwhile (by anything) gets it new ports and one more try.</summary>
    private async Task StartContainerAsync(DockerNode node, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _engine.CallAsync(() => _engine.Client.Containers.StartContainerAsync(node.Container.Id, null, cancellationToken), $"start {node.Container.Name}");
                return;
            }
            catch (ClusterOperationException ex) when (DockerEngine.IsPortTaken(ex) && node.Container.Managed && attempt < PortAttempts)
            {
                LogPortTaken(_logger, node.Ref.Id, string.Join(", ", node.Container.HostPorts));
                await ReplaceContainerAsync(node, node.Container.Arguments, node.Container.HostPorts, cancellationToken);
            }
        }
    }

    /// <summary>Removes <paramref name="node"/>'s container and creates it again from the template (same volume, new settings).</summary>
    private async Task ReplaceContainerAsync(DockerNode node, IReadOnlyList<string> arguments, IReadOnlyCollection<int> excludedPorts, CancellationToken cancellationToken)
    {
        var old = node.Container;
        var ports = excludedPorts.Count == 0 && old.HostPorts.Count == 2 ? (old.HostPorts[0], old.HostPorts[1]) : AllocatePorts(excludedPorts);
        lock (_sync)
        {
            node.Expected = ExpectedExit.Replace;
        }

        await _engine.CallAsync(
            () => _engine.Client.Containers.RemoveContainerAsync(old.Id, new ContainerRemoveParameters { Force = true }, cancellationToken),
            $"remove {old.Name} to re-create it");
        var created = await CreateContainerAsync(node.Ref, arguments, old.AdminToken ?? ChainIdentity(node.Ref.App).Token, old.GenesisTimeMs ?? ChainIdentity(node.Ref.App).Genesis, ports, cancellationToken);
        lock (_sync)
        {
            node.Container = created;
            node.Expected = ExpectedExit.None;
        }
    }

    private async Task<ContainerSnapshot> CreateContainerAsync(NodeRef reference, IReadOnlyList<string> arguments, string token, long genesis, (int Rpc, int Admin) ports, CancellationToken cancellationToken)
    {
        var name = _template.ContainerName(reference);
        var parameters = _template.Create(reference, arguments, token, genesis, ports);
        var created = await _engine.CallAsync(() => _engine.Client.Containers.CreateContainerAsync(parameters, cancellationToken), $"create {name}");
        await _engine.CallAsync(
            () => _engine.Client.Networks.ConnectNetworkAsync(
                _options.ClusterNetwork,
                new NetworkConnectParameters { Container = created.ID, EndpointConfig = new EndpointSettings { Aliases = [ContainerTemplate.Alias(reference)] } },
                cancellationToken),
            $"connect {name} to {_options.ClusterNetwork}");
        return await InspectAsync(created.ID, cancellationToken)
               ?? throw new ClusterOperationException($"{name} disappeared right after it was created");
    }

    private async Task WaitUntilServingAsync(DockerNode node, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var deadline = started + _options.StartTimeout;
        var health = new Uri(node.Container.RpcEndpoint, "health");
        var nextInspect = started;
        while (_time.GetUtcNow() < deadline)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(1));
                using var response = await _http.GetAsync(health, attempt.Token);
                return; // any answer, even 503 while syncing, means the node serves
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (_time.GetUtcNow() >= nextInspect)
            {
                // A container that died while starting will not answer: say so now, not at the deadline.
                nextInspect = _time.GetUtcNow() + TimeSpan.FromSeconds(1);
                if (await InspectAsync(node.Container.Id, cancellationToken) is not { State: NodeRunState.Running or NodeRunState.Starting } current)
                {
                    throw new ClusterOperationException($"{node.Ref} exited while starting; see docker logs {node.Container.Name}");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken);
        }

        throw new ClusterOperationException(
            $"{node.Ref} did not answer {health} within {_options.StartTimeout.TotalSeconds:0} s; see docker logs {node.Container.Name}");
    }

    private async Task StopNodeAsync(DockerNode node, CancellationToken cancellationToken)
    {
        if (node.State is not (NodeRunState.Running or NodeRunState.Paused or NodeRunState.Starting))
        {
            return;
        }

        lock (_sync)
        {
            node.Expected = ExpectedExit.Stop;
        }

        var id = node.Container.Id;
        if (node.State == NodeRunState.Paused)
        {
            // A frozen process cannot act on SIGTERM.
            await _engine.CallAsync(() => _engine.Client.Containers.UnpauseContainerAsync(id, cancellationToken), $"unpause {node.Container.Name} to stop it");
        }

        await _engine.CallAsync(
            () => _engine.Client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(_options.StopTimeout.TotalSeconds) }, cancellationToken),
            $"stop {node.Container.Name}");
        await SyncAsync(node, "stopped by the dashboard", cancellationToken);
    }

    private async Task RemoveNodeAsync(DockerNode node, CancellationToken cancellationToken)
    {
        await StopNodeAsync(node, cancellationToken);
        lock (_sync)
        {
            node.Expected = ExpectedExit.Replace;
        }

        await _engine.CallAsync(
            () => _engine.Client.Containers.RemoveContainerAsync(node.Container.Id, new ContainerRemoveParameters { Force = true }, cancellationToken),
            $"remove {node.Container.Name}");
        if (node.Container.KeepsChain)
        {
            try
            {
                await _engine.CallAsync(() => _engine.Client.Volumes.RemoveAsync(_template.VolumeName(node.Ref), force: true, cancellationToken), "remove the node's volume");
            }
            catch (ClusterOperationException ex) when (DockerEngine.IsNotFound(ex))
            {
            }
        }

        lock (_sync)
        {
            _nodes[node.Ref.App].Remove(node.Ref.Name);
        }

        Publish(node, ClusterEventKind.Removed, "removed by scaling down");
        LogNodeRemoved(_logger, node.Ref.Id);
    }

    private async Task EnsureImageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _engine.CallAsync(() => _engine.Client.Images.InspectImageAsync(_options.Image, cancellationToken), $"find the image {_options.Image}");
        }
        catch (ClusterOperationException ex) when (DockerEngine.IsNotFound(ex))
        {
            throw new ClusterOperationException(
                $"the Docker engine has no image {_options.Image}: build it with deploy/devnet/build-image.sh (or set Dashboard:Cluster:Docker:Image)", ex);
        }
    }

    /// <summary>
    /// The cluster network is internal (nodes talk only to each other); the access network carries
    /// published ports but no traffic between containers, so it is never a way around a partition.
    /// </summary>
    private async Task EnsureNetworksAsync(CancellationToken cancellationToken)
    {
        await EnsureNetworkAsync(_options.ClusterNetwork, @internal: true, new Dictionary<string, string>(), new Dictionary<string, string>(), cancellationToken);
        await EnsureNetworkAsync(
            _options.AccessNetwork,
            @internal: false,
            new Dictionary<string, string> { ["com.docker.network.bridge.enable_icc"] = "false" },
            new Dictionary<string, string>(),
            cancellationToken);
    }

    private async Task EnsureNetworkAsync(string name, bool @internal, IDictionary<string, string> options, IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        try
        {
            await _engine.CallAsync(() => _engine.Client.Networks.InspectNetworkAsync(name, cancellationToken), $"find network {name}");
            return;
        }
        catch (ClusterOperationException ex) when (DockerEngine.IsNotFound(ex))
        {
        }

        await _engine.CallAsync(
            () => _engine.Client.Networks.CreateNetworkAsync(
                new NetworksCreateParameters { Name = name, Driver = "bridge", Internal = @internal, Options = options, Labels = labels },
                cancellationToken),
            $"create network {name}");
    }

    /// <summary>Two free host ports in the configured range: not published by any container, and (for a local engine) not bound by anything else.</summary>
    private (int Rpc, int Admin) AllocatePorts(IReadOnlyCollection<int> excluded)
    {
        HashSet<int> used;
        lock (_sync)
        {
            used = [.. _nodes.Values.SelectMany(n => n.Values).SelectMany(n => n.Container.HostPorts), .. excluded];
        }

        // Only a local engine's ports can be tried here; a remote engine says so when it starts the container.
        return new PortRange(_options.PortRangeStart, _options.PortRangeEnd, "Dashboard:Cluster:Docker:PortRangeStart/End")
            .TakeTwo(used, _engine.IsLocal ? IPAddress.Parse(_options.PublishAddress) : null);
    }

    private DockerNode? TryFind(NodeRef reference)
    {
        lock (_sync)
        {
            return _nodes.TryGetValue(reference.App, out var nodes) && nodes.TryGetValue(reference.Name, out var node) ? node : null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} created as container {Container}, JSON-RPC {RpcUrl}")]
    private static partial void LogNodeCreated(ILogger logger, string nodeId, string container, Uri rpcUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} serving at {RpcUrl} (container {Container})")]
    private static partial void LogNodeStarted(ILogger logger, string nodeId, Uri rpcUrl, string container);

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} removed")]
    private static partial void LogNodeRemoved(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NodeId}: host port {Ports} was taken meanwhile; re-creating the container with other ports")]
    private static partial void LogPortTaken(ILogger logger, string nodeId, string ports);

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} was restarted by the engine with an old membership; told it the current one ({Validators} validators, quorum {Quorum})")]
    private static partial void LogRealigned(ILogger logger, string nodeId, int validators, int quorum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NodeId} was restarted by the engine with an old membership and could not be told the current one: {Reason}")]
    private static partial void LogRealignFailed(ILogger logger, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App}: membership is now {Validators} validators (quorum {Quorum}) and {Peers} blockchain node(s)")]
    private static partial void LogMembership(ILogger logger, string app, int validators, int quorum, int peers);
}
