using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Api.Contracts;

/// <summary>One component of an app: designed replicas and live counts.</summary>
/// <param name="Name">The component (<c>validator</c>).</param>
/// <param name="Role">What its nodes do.</param>
/// <param name="Replicas">How many nodes the topology asks for.</param>
/// <param name="Up">Nodes up now.</param>
/// <param name="Degraded">Nodes answering but unfit to serve.</param>
/// <param name="Down">Nodes not answering.</param>
/// <param name="Quorum">For a validator set: whether it can still commit.</param>
/// <param name="QuorumSize">Votes a block needs, for a validator set.</param>
public sealed record ApiComponent(string Name, ComponentRole Role, int Replicas, int Up, int Degraded, int Down, QuorumState Quorum, int? QuorumSize);

/// <summary>An app at a glance.</summary>
/// <param name="Name">The app.</param>
/// <param name="Provider">Where it runs.</param>
/// <param name="Operable">False for watched-only apps (health, no operations).</param>
/// <param name="Components">Its components.</param>
/// <param name="HeadHeight">The highest block any of its chain nodes reports; null before the first probe.</param>
/// <param name="Quorum">The validator set's state.</param>
/// <param name="EntryPoint">Its JSON-RPC entry point (load balancer), when it has one.</param>
public sealed record ApiApp(
    string Name,
    ProviderKind Provider,
    bool Operable,
    IReadOnlyList<ApiComponent> Components,
    long? HeadHeight,
    QuorumState Quorum,
    Uri? EntryPoint);

/// <summary>Nodes of an app counted by status.</summary>
public sealed record ApiNodeCounts(int Total, int Up, int Degraded, int Down, int Unknown);

/// <summary>The consensus settings of an app's validator set.</summary>
/// <param name="Quorum">Votes a block needs, as configured; null for the Byzantine-safe default.</param>
/// <param name="EffectiveQuorum">The quorum in force for the designed validator count.</param>
/// <param name="Validators">Designed validator replicas.</param>
/// <param name="BlockTime">Target time between blocks.</param>
/// <param name="Timeout">How long validators wait on one proposer.</param>
/// <param name="BlockConfirmations">Blocks a node may trail before it counts as lagging.</param>
public sealed record ApiConsensus(int? Quorum, int EffectiveQuorum, int Validators, TimeSpan BlockTime, TimeSpan Timeout, int BlockConfirmations);

/// <summary>How the dashboard probes an app's nodes.</summary>
public sealed record ApiHealthChecks(TimeSpan Interval, TimeSpan Timeout, int Retries);

/// <summary>An app's health and topology.</summary>
/// <param name="Name">The app.</param>
/// <param name="Provider">Where it runs.</param>
/// <param name="Operable">False for watched-only apps.</param>
/// <param name="ChainId">EIP-155 chain id.</param>
/// <param name="Components">Components with designed replicas and live counts.</param>
/// <param name="Nodes">All nodes counted by status.</param>
/// <param name="HeadHeight">The head block.</param>
/// <param name="HeadChangedAt">When the head last moved.</param>
/// <param name="BlocksPerMinute">Blocks committed over the last minute.</param>
/// <param name="Quorum">The validator set's state.</param>
/// <param name="EntryPoint">The JSON-RPC entry point, when there is one.</param>
/// <param name="ActiveFindings">Findings that last now.</param>
/// <param name="Consensus">Consensus settings.</param>
/// <param name="HealthChecks">Probe settings.</param>
public sealed record ApiAppDetail(
    string Name,
    ProviderKind Provider,
    bool Operable,
    long ChainId,
    IReadOnlyList<ApiComponent> Components,
    ApiNodeCounts Nodes,
    long? HeadHeight,
    DateTimeOffset? HeadChangedAt,
    double? BlocksPerMinute,
    QuorumState Quorum,
    Uri? EntryPoint,
    int ActiveFindings,
    ApiConsensus Consensus,
    ApiHealthChecks HealthChecks);

/// <summary>A finding of a detector.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Kind">What was found.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Subject">A node, a component or the app.</param>
/// <param name="Summary">A sentence with the numbers.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="EndedAt">When it ended; null while it lasts.</param>
/// <param name="Active">True while it lasts.</param>
public sealed record ApiFinding(Guid Id, FindingKind Kind, Severity Severity, string Subject, string Summary, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, bool Active);

/// <summary>Findings of an app over a time range.</summary>
public sealed record ApiFindings(string App, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ApiFinding> Findings);
