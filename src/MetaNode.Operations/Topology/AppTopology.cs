namespace MetaNode.Operations.Topology;

/// <summary>The kinds of MetaNode component. Components are named; the role says what the node does.</summary>
public enum ComponentRole
{
    /// <summary>Serves Ethereum-style JSON-RPC (8545) and follows the chain; sits behind the load balancer.</summary>
    Blockchain,

    /// <summary>Takes part in consensus: proposes and votes on blocks.</summary>
    Validator,

    /// <summary>The agreement service.</summary>
    Agreement,

    /// <summary>Content storage (Kubo-compatible API).</summary>
    Ipfs,
}

/// <summary>One component of an app: its role and how many replicas run.</summary>
/// <param name="Name">The component's name, unique in the app (e.g. <c>validator</c>).</param>
/// <param name="Role">What its nodes do.</param>
/// <param name="Replicas">How many nodes run it.</param>
public sealed record ComponentSpec(string Name, ComponentRole Role, int Replicas)
{
    /// <summary>True for roles that keep the chain (blockchain, validator).</summary>
    public bool KeepsChain => Role is ComponentRole.Blockchain or ComponentRole.Validator;
}

/// <summary>Consensus settings of an app's validator set.</summary>
/// <param name="Quorum">Votes a block needs; null means the Byzantine-safe ⌊2n/3⌋+1.</param>
/// <param name="BlockTime">Target time between blocks.</param>
/// <param name="Timeout">How long validators wait on one proposer before skipping it.</param>
/// <param name="BlockConfirmations">Blocks a node may trail the head before it counts as lagging.</param>
public sealed record ConsensusPolicy(int? Quorum, TimeSpan BlockTime, TimeSpan Timeout, int BlockConfirmations = 3)
{
    /// <summary>The brief's defaults: BFT quorum, 1 s blocks, 2 s proposer timeout, 3 confirmations.</summary>
    public static ConsensusPolicy Default { get; } = new(null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    /// <summary>The quorum in force for <paramref name="validators"/> validators.</summary>
    public int EffectiveQuorum(int validators) => Quorum ?? QuorumMath.ByzantineSafeQuorum(validators);
}

/// <summary>How the dashboard checks the app's nodes.</summary>
/// <param name="Interval">Time between probes of one node.</param>
/// <param name="Timeout">How long one probe may take before the node counts as not answering.</param>
/// <param name="Retries">Consecutive failed probes before a node is marked down (events mark it down at once).</param>
public sealed record HealthCheckPolicy(TimeSpan Interval, TimeSpan Timeout, int Retries)
{
    /// <summary>1 s interval, 500 ms timeout, 2 retries.</summary>
    public static HealthCheckPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), 2);
}

/// <summary>Which kind of cluster an app lives on.</summary>
public enum ProviderKind
{
    /// <summary>Devnet processes on this machine, started and operated by the dashboard.</summary>
    Local,

    /// <summary>Containers on a Docker engine.</summary>
    Docker,

    /// <summary>StatefulSets on Kubernetes.</summary>
    Kubernetes,

    /// <summary>Nodes the dashboard only watches: health, no operations.</summary>
    Watched,
}

/// <summary>
/// An app's designed topology: what should run, and the policies that judge its health.
/// </summary>
public sealed record AppTopology
{
    /// <summary>The app's name, unique in the dashboard (DNS-label style: <c>my-app</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Where it runs.</summary>
    public required ProviderKind Provider { get; init; }

    /// <summary>Components with their replica counts.</summary>
    public required IReadOnlyList<ComponentSpec> Components { get; init; }

    /// <summary>EIP-155 chain id of the app's chain.</summary>
    public long ChainId { get; init; } = 1337;

    /// <summary>Consensus settings.</summary>
    public ConsensusPolicy Consensus { get; init; } = ConsensusPolicy.Default;

    /// <summary>Health-check settings.</summary>
    public HealthCheckPolicy HealthChecks { get; init; } = HealthCheckPolicy.Default;

    /// <summary>The component with <paramref name="name"/>, or null.</summary>
    public ComponentSpec? Component(string name) => Components.FirstOrDefault(c => c.Name == name);

    /// <summary>Total validator replicas.</summary>
    public int ValidatorCount => Components.Where(c => c.Role == ComponentRole.Validator).Sum(c => c.Replicas);

    /// <summary>A copy with <paramref name="component"/> scaled to <paramref name="replicas"/>.</summary>
    public AppTopology WithReplicas(string component, int replicas) => this with
    {
        Components = [.. Components.Select(c => c.Name == component ? c with { Replicas = replicas } : c)],
    };
}
