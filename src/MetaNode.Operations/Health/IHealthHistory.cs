namespace MetaNode.Operations.Health;

/// <summary>One node's state at one moment, as kept for charts and reports.</summary>
/// <param name="At">When (UTC). Raw samples are a few seconds apart; older ones are per-minute aggregates.</param>
/// <param name="Status">The status then (for aggregates: the worst in the minute).</param>
/// <param name="Height">Head height (for aggregates: the last in the minute).</param>
/// <param name="Lag">Blocks behind the app head (for aggregates: the largest in the minute).</param>
/// <param name="LatencyMs">Probe round trip in ms (for aggregates: the mean).</param>
/// <param name="Peers">Peer count (for aggregates: the smallest).</param>
public sealed record NodeSample(DateTimeOffset At, NodeStatus Status, long? Height, long? Lag, double? LatencyMs, int? Peers);

/// <summary>Health over time, from the store: samples (downsampled with age) and findings.</summary>
public interface IHealthHistory
{
    /// <summary>Samples of one node (<see cref="Clusters.NodeRef.Id"/>) between two times, oldest first.</summary>
    Task<IReadOnlyList<NodeSample>> NodeSeriesAsync(string nodeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Findings of <paramref name="app"/> that overlap [from, to], newest first; optionally only about <paramref name="subject"/>.</summary>
    Task<IReadOnlyList<Finding>> FindingsAsync(string app, DateTimeOffset from, DateTimeOffset to, string? subject, CancellationToken cancellationToken);
}
