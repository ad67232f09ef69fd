namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// An app's designed highly available topology: what should run, where, with which resources,
/// under which HA policy. The designer edits it, validation and fault-tolerance analysis read it,
/// the generators turn it into Kubernetes manifests, a compose file and an haproxy.cfg, and
/// <see cref="ToAppTopology"/> gives the part a cluster provider applies.
/// Plain immutable data: every rule lives in validation, not in setters.
/// </summary>
public sealed record TopologyDesign
{
    /// <summary>The app's name (DNS label: <c>my-app</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Free text naming the stage: development, staging, production.</summary>
    public string Environment { get; init; } = "production";

    /// <summary>Where the app runs.</summary>
    public ProviderKind Provider { get; init; } = ProviderKind.Local;

    /// <summary>EIP-155 chain id.</summary>
    public long ChainId { get; init; } = 1337;

    /// <summary>Regions and their zones that components are spread over. Empty: one implicit zone.</summary>
    public IReadOnlyList<RegionSpec> Regions { get; init; } = [];

    /// <summary>The components with replicas, resources and placement.</summary>
    public required IReadOnlyList<ComponentDesign> Components { get; init; }

    /// <summary>Every HA setting.</summary>
    public HaPolicy Policy { get; init; } = HaPolicy.Default;

    /// <summary>Value equality, lists compared item by item (a record alone compares list references).</summary>
    public bool Equals(TopologyDesign? other) =>
        other is not null
        && Name == other.Name
        && Environment == other.Environment
        && Provider == other.Provider
        && ChainId == other.ChainId
        && Regions.SequenceEqual(other.Regions)
        && Components.SequenceEqual(other.Components)
        && Policy == other.Policy;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Provider, ChainId, Components.Count, Policy);

    /// <summary>The component called <paramref name="name"/>, or null.</summary>
    public ComponentDesign? Component(string name) => Components.FirstOrDefault(c => c.Name == name);

    /// <summary>Every zone of every region, as <c>region/zone</c>.</summary>
    public IReadOnlyList<ZoneRef> Zones => [.. Regions.SelectMany(r => r.Zones.Select(z => new ZoneRef(r.Name, z)))];

    /// <summary>Total validator replicas; a negative count adds nothing, and the sum stops at <see cref="int.MaxValue"/> (a design being edited may hold any number).</summary>
    public int ValidatorCount => (int)Math.Min(int.MaxValue, Components.Where(c => c.Role == ComponentRole.Validator).Sum(c => (long)Math.Max(0, c.Replicas)));

    /// <summary>What a cluster provider applies: components and replicas, consensus and health checks.</summary>
    public AppTopology ToAppTopology() => new()
    {
        Name = Name,
        Provider = Provider,
        ChainId = ChainId,
        Components = [.. Components.Select(c => new ComponentSpec(c.Name, c.Role, c.Replicas))],
        Consensus = new ConsensusPolicy(Policy.Consensus.Quorum, Policy.Consensus.BlockTime, Policy.Consensus.Timeout, Policy.Consensus.BlockConfirmations),
        HealthChecks = new HealthCheckPolicy(Policy.HealthChecks.Interval, Policy.HealthChecks.Timeout, Policy.HealthChecks.Retries),
    };

    private static int DefaultReplicationFactor(AppTopology app)
    {
        var holders = app.Components.Where(c => c.Role is ComponentRole.Blockchain or ComponentRole.Ipfs && c.Replicas > 0).Select(c => c.Replicas).ToList();
        return holders.Count == 0 ? 1 : Math.Min(HaPolicy.Default.Replication.ReplicationFactor, holders.Min());
    }

    /// <summary>
    /// A design for an app that has none yet (a configured app opened in the designer for the
    /// first time): its components and policies, defaults for everything the configuration does not say.
    /// </summary>
    public static TopologyDesign FromAppTopology(AppTopology app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new TopologyDesign
        {
            Name = app.Name,
            Provider = app.Provider,
            ChainId = app.ChainId,
            Components = [.. app.Components.Select(c => ComponentDesign.Default(c.Name, c.Role, c.Replicas))],
            Policy = HaPolicy.Default with
            {
                Consensus = HaPolicy.Default.Consensus with
                {
                    Quorum = app.Consensus.Quorum,
                    BlockTime = app.Consensus.BlockTime,
                    Timeout = app.Consensus.Timeout,
                    BlockConfirmations = app.Consensus.BlockConfirmations,
                },
                HealthChecks = new HealthCheckSettings(app.HealthChecks.Interval, app.HealthChecks.Timeout, app.HealthChecks.Retries),

                // Three copies where the data-holding components have room for them, else as many as they have:
                // a configured app must open as a valid design.
                Replication = HaPolicy.Default.Replication with { ReplicationFactor = DefaultReplicationFactor(app) },
            },
        };
    }
}

/// <summary>A region and its availability zones.</summary>
/// <param name="Name">Region name (<c>eu-west-1</c>).</param>
/// <param name="Zones">Zone names inside it (<c>eu-west-1a</c>).</param>
public sealed record RegionSpec(string Name, IReadOnlyList<string> Zones)
{
    /// <summary>Value equality, zones compared item by item.</summary>
    public bool Equals(RegionSpec? other) => other is not null && Name == other.Name && Zones.SequenceEqual(other.Zones);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Zones.Count);
}

/// <summary>One zone, qualified by its region.</summary>
public sealed record ZoneRef(string Region, string Zone)
{
    /// <inheritdoc />
    public override string ToString() => $"{Region}/{Zone}";
}

/// <summary>How strongly replicas of one component are kept apart.</summary>
public enum AntiAffinity
{
    /// <summary>No rule: replicas may share a host or zone.</summary>
    None,

    /// <summary>Spread when possible (Kubernetes <c>preferredDuringScheduling…</c>).</summary>
    Preferred,

    /// <summary>Never two replicas in one zone (Kubernetes <c>requiredDuringScheduling…</c> on the zone key).</summary>
    Required,
}

/// <summary>One component of the design.</summary>
/// <param name="Name">Unique in the app (<c>validator</c>).</param>
/// <param name="Role">What its nodes do.</param>
/// <param name="Replicas">How many nodes.</param>
/// <param name="Resources">CPU and memory requests and limits of one replica.</param>
/// <param name="StorageGiB">Persistent volume per replica (0: none).</param>
/// <param name="Image">Container image (Docker and Kubernetes).</param>
/// <param name="Ports">Ports a replica serves.</param>
/// <param name="AntiAffinity">How strongly replicas are kept apart.</param>
/// <param name="Zones">The zones its replicas spread over, round-robin; empty: every zone of the design.</param>
public sealed record ComponentDesign(
    string Name,
    ComponentRole Role,
    int Replicas,
    ResourceSpec Resources,
    int StorageGiB,
    string Image,
    PortSpec Ports,
    AntiAffinity AntiAffinity,
    IReadOnlyList<ZoneRef> Zones)
{
    /// <summary>Value equality, zones compared item by item.</summary>
    public bool Equals(ComponentDesign? other) =>
        other is not null
        && Name == other.Name
        && Role == other.Role
        && Replicas == other.Replicas
        && Resources == other.Resources
        && StorageGiB == other.StorageGiB
        && Image == other.Image
        && Ports == other.Ports
        && AntiAffinity == other.AntiAffinity
        && Zones.SequenceEqual(other.Zones);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Role, Replicas, Resources, StorageGiB, Image, Ports, AntiAffinity);

    /// <summary>The image the devnet builds locally; a real deployment names its own.</summary>
    public const string DefaultImage = "metanode-devnet:local";

    /// <summary>A component with defaults sized for its role.</summary>
    public static ComponentDesign Default(string name, ComponentRole role, int replicas) => new(
        name,
        role,
        replicas,
        role switch
        {
            ComponentRole.Blockchain => new ResourceSpec(500, 2000, 1024, 4096),
            ComponentRole.Validator => new ResourceSpec(500, 1000, 512, 2048),
            ComponentRole.Ipfs => new ResourceSpec(250, 1000, 512, 2048),
            _ => new ResourceSpec(250, 500, 256, 1024),
        },
        role switch
        {
            ComponentRole.Blockchain => 100,
            ComponentRole.Validator => 20,
            ComponentRole.Ipfs => 200,
            _ => 0,
        },
        DefaultImage,
        PortSpec.Default,
        role is ComponentRole.Validator or ComponentRole.Blockchain ? AntiAffinity.Required : AntiAffinity.Preferred,
        []);
}

/// <summary>CPU in millicores, memory in MiB, for one replica.</summary>
public sealed record ResourceSpec(int CpuRequestMillicores, int CpuLimitMillicores, int MemoryRequestMiB, int MemoryLimitMiB);

/// <summary>Ports one replica serves: JSON-RPC (and <c>/health</c>) and peer-to-peer.</summary>
/// <param name="Rpc">JSON-RPC over HTTP and <c>GET /health</c>.</param>
/// <param name="P2P">Consensus and block traffic between nodes.</param>
public sealed record PortSpec(int Rpc, int P2P)
{
    /// <summary>8545 and 30303, as Ethereum clients use them.</summary>
    public static PortSpec Default { get; } = new(8545, 30303);
}
