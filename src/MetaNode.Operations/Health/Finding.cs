namespace MetaNode.Operations.Health;

/// <summary>What a detector found.</summary>
public enum FindingKind
{
    /// <summary>A node stopped answering or its process went away.</summary>
    NodeDown,

    /// <summary>A node is behind the app's head by more than the policy allows.</summary>
    ReplicationLag,

    /// <summary>Nodes hold different blocks at one height.</summary>
    SplitBrain,

    /// <summary>No new block for longer than k block times.</summary>
    ChainStall,

    /// <summary>Exactly the quorum of validators is healthy.</summary>
    QuorumAtRisk,

    /// <summary>Fewer healthy validators than the quorum.</summary>
    QuorumLost,

    /// <summary>A scheduled proposer was skipped and another took over.</summary>
    Failover,

    /// <summary>A node answers far slower than its peers.</summary>
    ResourceContention,
}

/// <summary>How urgent a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    Info,

    /// <summary>Needs attention soon.</summary>
    Warning,

    /// <summary>Service is impaired now.</summary>
    Critical,
}

/// <summary>
/// One episode a detector found, from when it started to when it ended (null while active).
/// Persisted, so reports and the timeline outlive the dashboard process.
/// </summary>
/// <param name="Id">Stable identity across updates.</param>
/// <param name="App">The app.</param>
/// <param name="Kind">What was found.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Subject">What it is about: a node (<c>validator-3</c>), a component, or the app.</param>
/// <param name="Summary">A sentence with the numbers ("validator-3 is 14 blocks behind the head 2041").</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="EndedAt">When it ended; null while it lasts.</param>
public sealed record Finding(
    Guid Id,
    string App,
    FindingKind Kind,
    Severity Severity,
    string Subject,
    string Summary,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>True while it lasts.</summary>
    public bool IsActive => EndedAt is null;

    /// <summary>How long it lasted, or has lasted until <paramref name="now"/>.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;
}
