using MetaNode.Operations.Health.Probes;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>One node as detectors see it: its health and its last probe's raw answer.</summary>
/// <param name="Health">The node's health (status, lag, latency…).</param>
/// <param name="LastProbe">The last probe that answered, if any.</param>
/// <param name="SlowProbes">Consecutive probes slower than the contention threshold.</param>
public sealed record NodeView(NodeHealth Health, ProbeResult? LastProbe, int SlowProbes);

/// <summary>Everything detectors need about one app at one evaluation.</summary>
public sealed record AppView
{
    /// <summary>The app's design (quorum, block time, confirmations).</summary>
    public required AppTopology Topology { get; init; }

    /// <summary>Its nodes.</summary>
    public required IReadOnlyList<NodeView> Nodes { get; init; }

    /// <summary>Now.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The highest block any answering chain node reports.</summary>
    public long? Head { get; init; }

    /// <summary>When <see cref="Head"/> last moved (or when watching began).</summary>
    public DateTimeOffset? HeadChangedAt { get; init; }

    /// <summary>Set when the head moved since the last evaluation: the new head block as the node at the head reported it.</summary>
    public ProbeResult? NewHead { get; init; }

    /// <summary>The head block's time before <see cref="NewHead"/>, when the head moved by exactly one block.</summary>
    public DateTimeOffset? PreviousHeadTime { get; init; }

    /// <summary>Stall after this many block times without a new head.</summary>
    public int StallFactor { get; init; } = 5;

    /// <summary>Validators in the app's set, by name, in proposer order (for naming skipped proposers).</summary>
    public IReadOnlyList<string> ValidatorNames { get; init; } = [];

    /// <summary>Answering chain nodes (blockchain, validator).</summary>
    public IEnumerable<NodeView> AnsweringChainNodes =>
        Nodes.Where(n => n.Health.Node.Role is ComponentRole.Blockchain or ComponentRole.Validator && n.Health.Status != NodeStatus.Down && n.Health.Height is not null);
}
