using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// Network partitions: cuts are read from the networks the nodes are on (so they survive a
/// dashboard restart), changed, and laid out again by <see cref="NetworkPartition"/>. Every node
/// keeps its published ports on the access network, so the dashboard still probes a cut-off node.
/// </summary>
internal sealed partial class DockerClusterProvider
{
    public Task IsolateAsync(NodeRef node, IReadOnlyCollection<NodeRef> peers, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            ArgumentNullException.ThrowIfNull(peers);
            var others = peers.Select(Find).ToList();
            var (members, cuts) = CurrentCuts(node.App);
            foreach (var target in others.Prepend(docker).Where(n => !members.ContainsKey(n.Ref.Name)))
            {
                throw new ClusterOperationException(
                    $"{target.Ref} is on none of {node.App}'s cluster networks ({_options.ClusterNetwork}): it cannot be cut off by moving it between them");
            }

            foreach (var other in others.Where(o => o != docker))
            {
                cuts.Add(NetworkPartition.Pair(docker.Ref.Name, other.Ref.Name));
            }

            await LayOutAsync(node.App, members, cuts, cancellationToken);
            Publish(docker, ClusterEventKind.FaultInjected, "cut off from " + string.Join(", ", others.Select(o => o.Ref.Name)) + " (moved off their network)");
        });

    public Task HealAsync(NodeRef node, CancellationToken cancellationToken) =>
        WithNodeAsync(node, cancellationToken, async docker =>
        {
            var (members, cuts) = CurrentCuts(node.App);
            if (members.ContainsKey(node.Name))
            {
                cuts.RemoveWhere(c => c.A == node.Name || c.B == node.Name);
                await LayOutAsync(node.App, members, cuts, cancellationToken);
            }

            if (docker.State == NodeRunState.Running && docker.Container.AdminToken is not null)
            {
                await _admin.HealAsync(AdminOf(docker), cancellationToken);
            }

            Publish(docker, ClusterEventKind.Healed, "faults cleared");
        });

    /// <summary>The app's nodes on its cluster or partition networks (with those networks), and the pairs that share none.</summary>
    private (Dictionary<string, IReadOnlySet<string>> Members, HashSet<(string A, string B)> Cuts) CurrentCuts(string app)
    {
        lock (_sync)
        {
            var layout = _nodes.GetValueOrDefault(app)?.Values
                .Select(n => (n.Ref.Name, Networks: (IReadOnlySet<string>)n.Container.Networks.Where(name => IsLayoutNetwork(app, name)).ToHashSet(StringComparer.Ordinal)))
                .Where(n => n.Networks.Count > 0 || IsCutOff(app, n.Name))
                .ToDictionary(n => n.Name, n => n.Networks, StringComparer.Ordinal) ?? [];
            return (layout, NetworkPartition.CutsOf(layout));
        }
    }

    /// <summary>A managed node on no cluster network is one a partition cut off from everyone.</summary>
    private bool IsCutOff(string app, string name) => _nodes[app].TryGetValue(name, out var node) && node.Container.Managed;

    private bool IsLayoutNetwork(string app, string network) =>
        network == _options.ClusterNetwork || network.StartsWith(_template.PartitionNetworkPrefix(app), StringComparison.Ordinal);

    /// <summary>Connects and disconnects nodes until the networks realise <paramref name="cuts"/>; removes partition networks left empty.</summary>
    private async Task LayOutAsync(string app, Dictionary<string, IReadOnlySet<string>> members, HashSet<(string A, string B)> cuts, CancellationToken cancellationToken)
    {
        var groups = NetworkPartition.Groups(members.Keys, cuts)
            ?? throw new ClusterOperationException($"these cuts would need more than {NetworkPartition.MaxGroups} networks; heal some nodes first");
        var networkOf = groups.Select((group, index) => (group, Network: index == 0 ? _options.ClusterNetwork : _template.PartitionNetwork(app, index))).ToList();
        foreach (var (_, network) in networkOf.Skip(1))
        {
            await EnsureNetworkAsync(
                network,
                @internal: true,
                new Dictionary<string, string>(),
                new Dictionary<string, string> { [DockerLabels.App] = app, [DockerLabels.Partition] = "true" },
                cancellationToken);
        }

        foreach (var (name, current) in members)
        {
            DockerNode node;
            lock (_sync)
            {
                node = _nodes[app][name];
            }

            var wanted = networkOf.Where(g => g.group.Contains(name)).Select(g => g.Network).ToHashSet(StringComparer.Ordinal);

            // Join the new side before leaving the old one; the access network is never touched.
            foreach (var network in wanted.Except(current))
            {
                await _engine.CallAsync(
                    () => _engine.Client.Networks.ConnectNetworkAsync(
                        network,
                        new NetworkConnectParameters { Container = node.Container.Id, EndpointConfig = new EndpointSettings { Aliases = [ContainerTemplate.Alias(node.Ref)] } },
                        cancellationToken),
                    $"connect {node.Container.Name} to {network}");
            }

            foreach (var network in current.Except(wanted))
            {
                await _engine.CallAsync(
                    () => _engine.Client.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = node.Container.Id, Force = true }, cancellationToken),
                    $"disconnect {node.Container.Name} from {network}");
            }

            if (!wanted.SetEquals(current))
            {
                await SyncAsync(node, "moved between networks", cancellationToken);
                LogMoved(_logger, node.Ref.Id, string.Join(", ", wanted.Order(StringComparer.Ordinal)));
            }
        }

        await RemoveUnusedPartitionNetworksAsync(app, networkOf.Skip(1).Select(n => n.Network).ToHashSet(StringComparer.Ordinal), cancellationToken);
    }

    private async Task RemoveUnusedPartitionNetworksAsync(string app, HashSet<string> keep, CancellationToken cancellationToken)
    {
        var networks = await _engine.CallAsync(
            () => _engine.Client.Networks.ListNetworksAsync(
                new NetworksListParameters
                {
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true, [$"{DockerLabels.Partition}=true"] = true },
                    },
                },
                cancellationToken),
            "list partition networks");
        foreach (var network in networks.Where(n => !keep.Contains(n.Name) && IsLayoutNetwork(app, n.Name)))
        {
            try
            {
                await _engine.CallAsync(() => _engine.Client.Networks.DeleteNetworkAsync(network.ID, cancellationToken), $"remove network {network.Name}");
            }
            catch (ClusterOperationException ex) when (DockerEngine.IsNotFound(ex))
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{NodeId} is now on {Networks}")]
    private static partial void LogMoved(ILogger logger, string nodeId, string networks);
}
