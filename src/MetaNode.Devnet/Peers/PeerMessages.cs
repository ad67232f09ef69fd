using MetaNode.Devnet.Chain;

namespace MetaNode.Devnet.Peers;

/// <summary>A proposer asks a validator to vote for <paramref name="Block"/>.</summary>
public sealed record Proposal(Block Block, string From);

/// <summary>A validator's answer to a <see cref="Proposal"/>.</summary>
public sealed record Vote(bool Accepted, string Voter, string? Reason);

/// <summary>A block that gathered a quorum of votes, sent to every chain node.</summary>
public sealed record Commit(Block Block, IReadOnlyList<string> Votes, string From);

/// <summary>What a node tells peers about its chain.</summary>
public sealed record PeerStatus(string NodeId, long Height, string HeadHash);

/// <summary>The chain membership an operator (or the dashboard, when scaling) can change at run time.</summary>
public sealed record MembershipUpdate(IReadOnlyDictionary<string, string> Validators, IReadOnlyDictionary<string, string>? Peers, int? Quorum);

/// <summary>Admin request: stop talking to these peers (both directions).</summary>
public sealed record PartitionRequest(IReadOnlyList<string> Peers);

/// <summary>Admin request: delay every answer by this much.</summary>
public sealed record LatencyRequest(int Milliseconds);

/// <summary>The faults currently in force on a node.</summary>
public sealed record FaultReport(IReadOnlyList<string> PartitionedFrom, int LatencyMilliseconds, bool Stalled);

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record HealthReport(string Status, string NodeId, string Role, long? Height, int? Peers, bool Syncing);
