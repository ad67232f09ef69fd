using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Health;

/// <summary>Whether the validator set can still commit.</summary>
public enum QuorumState
{
    /// <summary>The component has no quorum (not a validator set, or unknown).</summary>
    NotApplicable,

    /// <summary>More healthy validators than the quorum: at least one more may fail.</summary>
    Healthy,

    /// <summary>Exactly the quorum is healthy: the next loss halts the chain.</summary>
    AtRisk,

    /// <summary>Fewer healthy validators than the quorum: the chain cannot commit.</summary>
    Lost,
}

/// <summary>One component's nodes, counted by status.</summary>
public sealed record ComponentHealth(
    string Name,
    ComponentRole Role,
    int Up,
    int Degraded,
    int Down,
    int Total,
    QuorumState Quorum,
    int? QuorumSize)
{
    /// <summary>Nodes that count as healthy (Up).</summary>
    public int Healthy => Up;
}

/// <summary>An app at a glance.</summary>
public sealed record AppHealth
{
    /// <summary>The app.</summary>
    public required string App { get; init; }

    /// <summary>Where it runs.</summary>
    public required ProviderKind Provider { get; init; }

    /// <summary>False for watched-only apps: health only, no operations.</summary>
    public bool Operable { get; init; }

    /// <summary>Components in display order.</summary>
    public IReadOnlyList<ComponentHealth> Components { get; init; } = [];

    /// <summary>The highest block any chain node of the app reports.</summary>
    public long? HeadHeight { get; init; }

    /// <summary>When the head last moved.</summary>
    public DateTimeOffset? HeadChangedAt { get; init; }

    /// <summary>Blocks committed per minute, over the last minute.</summary>
    public double? BlocksPerMinute { get; init; }

    /// <summary>The validator set's state.</summary>
    public QuorumState Quorum { get; init; }

    /// <summary>The app's JSON-RPC entry point, when it has one.</summary>
    public Uri? EntryPoint { get; init; }
}
