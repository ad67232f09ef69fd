using MetaNode.Dashboard.Api.Contracts;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Api;

/// <summary>From the engine's live state and topology to the API's contracts.</summary>
internal static class ApiMapping
{
    public static ApiApp App(AppTopology topology, AppHealth? health, bool operable) => new(
        topology.Name,
        topology.Provider,
        operable,
        Components(topology, health),
        health?.HeadHeight,
        health?.Quorum ?? QuorumState.NotApplicable,
        health?.EntryPoint);

    public static ApiAppDetail AppDetail(AppTopology topology, AppHealth? health, bool operable, HealthSnapshot snapshot)
    {
        var nodes = snapshot.NodesOf(topology.Name).ToList();
        return new ApiAppDetail(
            topology.Name,
            topology.Provider,
            operable,
            topology.ChainId,
            Components(topology, health),
            new ApiNodeCounts(
                nodes.Count,
                nodes.Count(n => n.Status == NodeStatus.Up),
                nodes.Count(n => n.Status == NodeStatus.Degraded),
                nodes.Count(n => n.Status == NodeStatus.Down),
                nodes.Count(n => n.Status == NodeStatus.Unknown)),
            health?.HeadHeight,
            health?.HeadChangedAt,
            health?.BlocksPerMinute,
            health?.Quorum ?? QuorumState.NotApplicable,
            health?.EntryPoint,
            snapshot.ActiveFindings(topology.Name).Count(),
            new ApiConsensus(
                topology.Consensus.Quorum,
                topology.Consensus.EffectiveQuorum(topology.ValidatorCount),
                topology.ValidatorCount,
                topology.Consensus.BlockTime,
                topology.Consensus.Timeout,
                topology.Consensus.BlockConfirmations),
            new ApiHealthChecks(topology.HealthChecks.Interval, topology.HealthChecks.Timeout, topology.HealthChecks.Retries));
    }

    public static ApiNode Node(NodeHealth node) => new(
        node.Node.Name,
        node.Node.Component,
        node.Node.Role,
        node.Status,
        node.Reason,
        node.Endpoint,
        node.Zone,
        node.Region,
        node.RunState,
        node.CheckedAt,
        node.Latency?.TotalMilliseconds,
        node.ClientVersion,
        node.ChainId,
        node.Height,
        node.HeadHash,
        node.HeadTime,
        node.Peers,
        node.Syncing,
        node.HealthCheck,
        node.Lag,
        node.ConsecutiveFailures,
        node.UpSince,
        node.Unsupported);

    public static ApiNodeProvider Provider(IClusterProvider provider, NodeInfo? info) => new(
        provider.Kind,
        [.. Enum.GetValues<ProviderCapabilities>()
            .Where(c => c is not (ProviderCapabilities.None or ProviderCapabilities.All) && provider.Capabilities.HasFlag(c))
            .Select(c => c.ToString())],
        info?.State,
        info?.StartedAt,
        info?.RpcEndpoint,
        info?.Facts ?? new Dictionary<string, string>());

    public static ApiFinding Finding(Finding finding) =>
        new(finding.Id, finding.Kind, finding.Severity, finding.Subject, finding.Summary, finding.StartedAt, finding.EndedAt, finding.IsActive);

    /// <summary>True when the app's provider can operate it (not watched-only, and configured here).</summary>
    public static bool IsOperable(ClusterRegistry registry, AppTopology topology) =>
        registry.Providers.FirstOrDefault(p => p.Kind == topology.Provider)?.Capabilities is { } capabilities && capabilities != ProviderCapabilities.None;

    private static List<ApiComponent> Components(AppTopology topology, AppHealth? health) =>
        [.. topology.Components.Select(spec =>
        {
            var live = health?.Components.FirstOrDefault(c => c.Name == spec.Name);
            return new ApiComponent(spec.Name, spec.Role, spec.Replicas, live?.Up ?? 0, live?.Degraded ?? 0, live?.Down ?? 0, live?.Quorum ?? QuorumState.NotApplicable, live?.QuorumSize);
        })];
}
