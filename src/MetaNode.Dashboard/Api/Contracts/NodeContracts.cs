using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Api.Contracts;

/// <summary>A node's live health, as the last probe and the provider's events left it.</summary>
/// <param name="Name">The node (<c>validator-3</c>).</param>
/// <param name="Component">Its component.</param>
/// <param name="Role">What it does.</param>
/// <param name="Status">Up, Degraded, Down or Unknown.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <param name="Endpoint">Where the monitor reaches it.</param>
/// <param name="Zone">Placement zone.</param>
/// <param name="Region">Placement region.</param>
/// <param name="RunState">The provider's view of its process or container; null for watched nodes.</param>
/// <param name="CheckedAt">When the last probe finished.</param>
/// <param name="LatencyMs">Round trip of the last successful probe, in ms.</param>
/// <param name="ClientVersion"><c>web3_clientVersion</c>.</param>
/// <param name="ChainId"><c>eth_chainId</c>.</param>
/// <param name="Height">Head block number.</param>
/// <param name="HeadHash">Head block hash.</param>
/// <param name="HeadTime">Head block time.</param>
/// <param name="Peers"><c>net_peerCount</c>; null when unknown or unsupported.</param>
/// <param name="Syncing">Catch-up progress while the node syncs.</param>
/// <param name="HealthCheck">What <c>GET /health</c> said.</param>
/// <param name="Lag">Blocks behind the app's head.</param>
/// <param name="ConsecutiveFailures">Failed probes in a row.</param>
/// <param name="UpSince">Since when it answers without a break.</param>
/// <param name="Unsupported">JSON-RPC methods the node does not implement (shown as n/a).</param>
public sealed record ApiNode(
    string Name,
    string Component,
    ComponentRole Role,
    NodeStatus Status,
    string? Reason,
    Uri? Endpoint,
    string? Zone,
    string? Region,
    NodeRunState? RunState,
    DateTimeOffset? CheckedAt,
    double? LatencyMs,
    string? ClientVersion,
    long? ChainId,
    long? Height,
    string? HeadHash,
    DateTimeOffset? HeadTime,
    int? Peers,
    SyncProgress? Syncing,
    string? HealthCheck,
    long? Lag,
    int ConsecutiveFailures,
    DateTimeOffset? UpSince,
    IReadOnlyList<string> Unsupported);

/// <summary>What a node's provider knows of it.</summary>
/// <param name="Kind">Local, Docker, Kubernetes or Watched.</param>
/// <param name="Capabilities">The operations the provider offers on it.</param>
/// <param name="RunState">Running, Starting, Paused, Stopped or Exited.</param>
/// <param name="StartedAt">When its process or container started.</param>
/// <param name="RpcEndpoint">Its JSON-RPC address.</param>
/// <param name="Facts">Provider facts (pid, ports, image, log file, …).</param>
public sealed record ApiNodeProvider(
    ProviderKind Kind,
    IReadOnlyList<string> Capabilities,
    NodeRunState? RunState,
    DateTimeOffset? StartedAt,
    Uri? RpcEndpoint,
    IReadOnlyDictionary<string, string> Facts);

/// <summary>One node: live health and provider facts.</summary>
/// <param name="App">The app.</param>
/// <param name="Name">The node.</param>
/// <param name="Health">Live health; null when the monitor has not seen the node yet.</param>
/// <param name="Provider">What its provider knows; null when the provider does not list it.</param>
/// <param name="ProviderProblem">Why the provider could not be asked, when it could not.</param>
public sealed record ApiNodeDetail(string App, string Name, ApiNode? Health, ApiNodeProvider? Provider, string? ProviderProblem);

/// <summary>A node's samples over a time range, oldest first.</summary>
public sealed record ApiSamples(string App, string Node, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<NodeSample> Samples);
