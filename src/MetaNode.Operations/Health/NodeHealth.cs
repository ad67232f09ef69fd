using MetaNode.Operations.Clusters;

namespace MetaNode.Operations.Health;

/// <summary>How a node is doing, as the dashboard judges it.</summary>
public enum NodeStatus
{
    /// <summary>Not probed yet.</summary>
    Unknown,

    /// <summary>Answers, healthy, keeping up.</summary>
    Up,

    /// <summary>Answers but is not fit to serve (syncing, isolated, lagging) or missed a probe.</summary>
    Degraded,

    /// <summary>Does not answer, or its process is gone, stopped or frozen.</summary>
    Down,
}

/// <summary>A node's catch-up progress as <c>eth_syncing</c> reports it.</summary>
public sealed record SyncProgress(long StartingBlock, long CurrentBlock, long HighestBlock);

/// <summary>
/// One node's live health: the last probe's findings and what events said. Immutable; the
/// monitor replaces it on every change, so a page can compare references to know what to redraw.
/// </summary>
public sealed record NodeHealth
{
    /// <summary>Which node.</summary>
    public required NodeRef Node { get; init; }

    /// <summary>Where the monitor reaches it.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Placement zone, when the provider knows it.</summary>
    public string? Zone { get; init; }

    /// <summary>Placement region, when the provider knows it.</summary>
    public string? Region { get; init; }

    /// <summary>The verdict.</summary>
    public NodeStatus Status { get; init; }

    /// <summary>Why, in a sentence ("no answer within 500 ms", "process exited: killed by signal 9").</summary>
    public string? Reason { get; init; }

    /// <summary>The provider's view of its process or container; null for watched nodes.</summary>
    public NodeRunState? RunState { get; init; }

    /// <summary>When the last probe finished.</summary>
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Round-trip time of the last successful probe.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary><c>web3_clientVersion</c>.</summary>
    public string? ClientVersion { get; init; }

    /// <summary><c>eth_chainId</c>.</summary>
    public long? ChainId { get; init; }

    /// <summary>Head block number.</summary>
    public long? Height { get; init; }

    /// <summary>Head block hash.</summary>
    public string? HeadHash { get; init; }

    /// <summary>Head block timestamp.</summary>
    public DateTimeOffset? HeadTime { get; init; }

    /// <summary>Head block's <c>miner</c> (the proposer's address).</summary>
    public string? Proposer { get; init; }

    /// <summary><c>net_peerCount</c>; null when unknown or unsupported (see <see cref="Unsupported"/>).</summary>
    public int? Peers { get; init; }

    /// <summary>Catch-up progress while <c>eth_syncing</c> says so; null when in sync or unknown.</summary>
    public SyncProgress? Syncing { get; init; }

    /// <summary>What <c>GET /health</c> said ("ok", "syncing", "503"…); null when the node has no such endpoint.</summary>
    public string? HealthCheck { get; init; }

    /// <summary>The app head minus this node's height (chain nodes).</summary>
    public long? Lag { get; init; }

    /// <summary>Failed probes in a row.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Since when the node has answered without a break.</summary>
    public DateTimeOffset? UpSince { get; init; }

    /// <summary>CPU and memory use, when the node's provider measures them (<see cref="ProviderCapabilities.ResourceStats"/>).</summary>
    public ResourceUsage? Resources { get; init; }

    /// <summary>JSON-RPC methods the node answered with -32601: shown as "n/a", never as an error.</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>True when the node answers (Up or Degraded by judgement, not by a missed probe).</summary>
    public bool IsServing => Status == NodeStatus.Up;
}
