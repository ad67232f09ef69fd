namespace MetaNode.Operations.Configuration;

/// <summary>
/// <c>Dashboard:Cluster:Docker</c>: the Docker engine that runs the apps whose provider is
/// <c>Docker</c>, and the template their node containers are made from.
/// </summary>
public sealed class DockerClusterOptions
{
    /// <summary>The engine: <c>unix:///var/run/docker.sock</c>, or <c>tcp://host:2376</c> (with <see cref="Tls"/>).</summary>
    public string Endpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>Client certificate and CA for a TCP endpoint with TLS.</summary>
    public DockerTlsOptions Tls { get; set; } = new();

    /// <summary>The node image; <c>deploy/devnet/build-image.sh</c> builds this one locally.</summary>
    public string Image { get; set; } = "metanode-devnet:local";

    /// <summary>Prefix of the containers, volumes and partition networks the dashboard creates.</summary>
    public string NamePrefix { get; set; } = "metanode-";

    /// <summary>The network the nodes talk to each other on (created internal: no way out).</summary>
    public string ClusterNetwork { get; set; } = "metanode-cluster";

    /// <summary>
    /// The network that carries the dashboard's access path (published ports) and nothing else:
    /// containers on it cannot reach each other, so a node cut from the cluster network stays
    /// reachable for probes without a way back to its peers.
    /// </summary>
    public string AccessNetwork { get; set; } = "metanode-access";

    /// <summary>Address on the Docker host the node ports are published on, and where the dashboard reaches them.</summary>
    public string PublishAddress { get; set; } = "127.0.0.1";

    /// <summary>First host port for node ports (each node takes two: JSON-RPC and admin).</summary>
    public int PortRangeStart { get; set; } = 19000;

    /// <summary>Last host port for node ports.</summary>
    public int PortRangeEnd { get; set; } = 19499;

    /// <summary>CPU and memory limits of each node container.</summary>
    public DockerResourceOptions Resources { get; set; } = new();

    /// <summary>How long a container may take to stop before the engine kills it.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a started container may take to answer <c>/health</c>.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often CPU and memory figures are read from the engine.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary><c>Dashboard:Cluster:Docker:Tls</c>: PEM files, as <c>docker --tlsverify</c> takes them.</summary>
public sealed class DockerTlsOptions
{
    /// <summary>The CA that signed the engine's certificate; the system's trust store when empty.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>The client certificate.</summary>
    public string? Certificate { get; set; }

    /// <summary>The client certificate's private key.</summary>
    public string? Key { get; set; }

    /// <summary>True when a client certificate is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Certificate) || !string.IsNullOrWhiteSpace(Key) || !string.IsNullOrWhiteSpace(CaCertificate);
}

/// <summary><c>Dashboard:Cluster:Docker:Resources</c>.</summary>
public sealed class DockerResourceOptions
{
    /// <summary>CPU cores one node may use (0: no limit).</summary>
    public double Cpus { get; set; } = 1;

    /// <summary>Memory one node may use, in MiB (0: no limit).</summary>
    public int MemoryMegabytes { get; set; } = 256;
}
