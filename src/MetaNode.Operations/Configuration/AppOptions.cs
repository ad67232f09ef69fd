namespace MetaNode.Operations.Configuration;

/// <summary>
/// <c>Dashboard:Apps:{name}</c>: an app the dashboard runs or watches, keyed by its name.
/// Turned into a <see cref="Topology.AppTopology"/> by <see cref="AppCatalog"/>.
/// </summary>
public sealed class AppOptions
{
    /// <summary>Local, Docker, Kubernetes or Watched.</summary>
    public string Provider { get; set; } = "Local";

    /// <summary>EIP-155 chain id.</summary>
    public long ChainId { get; set; } = 1337;

    /// <summary>Components by name (<c>blockchain</c>, <c>validator</c>, …).</summary>
    public Dictionary<string, ComponentOptions> Components { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Consensus settings.</summary>
    public ConsensusOptions Consensus { get; set; } = new();

    /// <summary>Health-check settings.</summary>
    public NodeHealthCheckOptions HealthChecks { get; set; } = new();

    /// <summary>The local load balancer in front of the blockchain nodes (Local provider).</summary>
    public EntryPointOptions EntryPoint { get; set; } = new();

    /// <summary>For a Watched app: its nodes by name. Its components follow from them.</summary>
    public Dictionary<string, WatchedNodeOptions> Nodes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A node of a watched app: an endpoint the dashboard probes but does not operate.</summary>
public sealed class WatchedNodeOptions
{
    /// <summary>Base address: JSON-RPC is posted here, <c>/health</c> is read beside it when the client has one.</summary>
    public string? Url { get; set; }

    /// <summary>The component it belongs to (blockchain by default).</summary>
    public string Component { get; set; } = "blockchain";

    /// <summary>Placement zone, when known.</summary>
    public string? Zone { get; set; }

    /// <summary>Placement region, when known.</summary>
    public string? Region { get; set; }
}

/// <summary>One component of an app.</summary>
public sealed class ComponentOptions
{
    /// <summary>blockchain, validator, agreement or ipfs; taken from the component's name when omitted.</summary>
    public string? Role { get; set; }

    /// <summary>How many nodes run it.</summary>
    public int Replicas { get; set; }
}

/// <summary>Consensus settings of the validator set.</summary>
public sealed class ConsensusOptions
{
    /// <summary>Votes a block needs; empty for the Byzantine-safe ⌊2n/3⌋+1.</summary>
    public int? Quorum { get; set; }

    /// <summary>Target time between blocks.</summary>
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long validators wait on one proposer before skipping it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Blocks a node may trail the head before it counts as lagging (three times that is critical).</summary>
    public int BlockConfirmations { get; set; } = 3;
}

/// <summary>How often and how strictly nodes are probed.</summary>
public sealed class NodeHealthCheckOptions
{
    /// <summary>Time between probes of one node.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Failed probes in a row before a node counts as down.</summary>
    public int Retries { get; set; } = 2;
}

/// <summary>The app's RPC entry point: one address that balances over the healthy blockchain nodes.</summary>
public sealed class EntryPointOptions
{
    /// <summary>Serve it at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on (8545 is the JSON-RPC port of the product brief); 0 picks a free one.</summary>
    public int Port { get; set; } = 8545;
}

/// <summary><c>Dashboard:Monitor</c>: how the health monitor works and what it keeps.</summary>
public sealed class MonitorOptions
{
    /// <summary>Probes in flight at once across all nodes; a hung node holds one slot until its timeout.</summary>
    public int MaxConcurrentProbes { get; set; } = 64;

    /// <summary>The chain counts as stalled after this many block times without a new head.</summary>
    public int StallFactor { get; set; } = 5;

    /// <summary>A node answering this many times slower than its app's median is contended.</summary>
    public double ContentionFactor { get; set; } = 4;

    /// <summary>…and at least this slow.</summary>
    public TimeSpan ContentionFloor { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>What is kept for charts and reports.</summary>
    public SampleOptions Samples { get; set; } = new();
}

/// <summary><c>Dashboard:Monitor:Samples</c>: health samples kept in the store.</summary>
public sealed class SampleOptions
{
    /// <summary>Time between two stored samples of a node.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long samples are kept at full resolution.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long per-minute aggregates are kept.</summary>
    public TimeSpan MinuteRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long findings are kept.</summary>
    public TimeSpan FindingRetention { get; set; } = TimeSpan.FromDays(90);
}

/// <summary><c>Dashboard:Audit</c>: the audit log.</summary>
public sealed class AuditOptions
{
    /// <summary>How long audit entries are kept; older ones are removed once a day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
}

/// <summary><c>Dashboard:Cluster</c>: settings of the cluster providers.</summary>
public sealed class ClusterOptions
{
    /// <summary>The Local provider (devnet processes on this machine).</summary>
    public LocalClusterOptions Local { get; set; } = new();

    /// <summary>The Docker provider (devnet containers on a Docker engine).</summary>
    public DockerClusterOptions Docker { get; set; } = new();
}

/// <summary><c>Dashboard:Cluster:Local</c>.</summary>
public sealed class LocalClusterOptions
{
    /// <summary>Where node state, logs and chain data live; relative to the content root.</summary>
    public string StateDirectory { get; set; } = "data/cluster";

    /// <summary>The devnet executable or dll; found next to the dashboard when empty.</summary>
    public string? DevnetPath { get; set; }

    /// <summary>Address nodes listen on.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>First port nodes may use (each node takes two: JSON-RPC and admin).</summary>
    public int PortRangeStart { get; set; } = 18500;

    /// <summary>Last port nodes may use.</summary>
    public int PortRangeEnd { get; set; } = 18999;

    /// <summary>How long a node may take to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a started node may take to answer <c>/health</c>.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
