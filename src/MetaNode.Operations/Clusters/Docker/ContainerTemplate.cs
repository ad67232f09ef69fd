using System.Globalization;
using Docker.DotNet.Models;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// What a node container is made of: image, labels, networks, volume, resources, ports and the
/// devnet command line (<see cref="DevnetCommandLine"/>, as the Local provider passes it).
/// Peers reach each other by a network alias that exists only on the cluster and partition
/// networks, so a node cut from those cannot find its peers through the access network.
/// </summary>
internal sealed class ContainerTemplate(DockerClusterOptions options)
{
    /// <summary>Where a node keeps its chain inside the container (a named volume), as in generated compose files.</summary>
    public const string DataDirectory = Topology.Generators.DevnetArguments.DataDirectory;

    /// <summary>The container's name: <c>{prefix}{app}-{node}</c>.</summary>
    public string ContainerName(NodeRef node) => $"{options.NamePrefix}{node.App}-{node.Name}";

    /// <summary>The named volume that keeps a chain node's data across re-creation.</summary>
    public string VolumeName(NodeRef node) => ContainerName(node) + "-data";

    /// <summary>The name peers use: a network alias on the cluster network only (<c>validator-0.my-app</c>).</summary>
    public static string Alias(NodeRef node) => $"{node.Name}.{node.App}";

    /// <summary>What the names of <paramref name="app"/>'s partition networks start with.</summary>
    public string PartitionNetworkPrefix(string app) => $"{options.NamePrefix}{app}-partition-";

    /// <summary>The partition network for group <paramref name="index"/> (1-based) of <paramref name="app"/>.</summary>
    public string PartitionNetwork(string app, int index) =>
        PartitionNetworkPrefix(app) + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The base address peers use to reach a node the dashboard creates.</summary>
    public static Uri AliasUrl(NodeRef node) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{Alias(node)}:{DockerLabels.DefaultRpcPort}/"));

    /// <summary>The base address peers use to reach <paramref name="node"/>.</summary>
    public static Uri PeerUrl(ContainerSnapshot node) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{(node.Managed ? Alias(node.Ref) : node.Name)}:{node.RpcContainerPort}/"));

    /// <summary>The devnet command line of <paramref name="node"/> under <paramref name="membership"/>.</summary>
    public static IReadOnlyList<string> Arguments(NodeRef node, AppTopology topology, ChainMembership membership, long genesisTimeMs) =>
    [
        .. new DevnetCommandLine
        {
            App = node.App,
            NodeName = node.Name,
            Role = node.Role,
            Listen = string.Create(CultureInfo.InvariantCulture, $"0.0.0.0:{DockerLabels.DefaultRpcPort}"),
            AdminListen = string.Create(CultureInfo.InvariantCulture, $"0.0.0.0:{DockerLabels.DefaultAdminPort}"),
            Validators = membership.Validators,
            Peers = membership.Peers,
            Quorum = Math.Max(membership.Quorum, 1),
            ChainId = topology.ChainId,
            GenesisTimeMs = genesisTimeMs,
            BlockTime = topology.Consensus.BlockTime,
            RoundTimeout = topology.Consensus.Timeout,
            DataDirectory = DataDirectory,
        }.Arguments(),
    ];

    /// <summary>The create request for <paramref name="node"/>; it starts on the access network only (API 1.41 takes one network at create).</summary>
    public CreateContainerParameters Create(NodeRef node, IReadOnlyList<string> arguments, string adminToken, long genesisTimeMs, (int Rpc, int Admin) hostPorts)
    {
        var rpc = string.Create(CultureInfo.InvariantCulture, $"{DockerLabels.DefaultRpcPort}/tcp");
        var admin = string.Create(CultureInfo.InvariantCulture, $"{DockerLabels.DefaultAdminPort}/tcp");
        var keepsChain = node.Role is ComponentRole.Blockchain or ComponentRole.Validator;
        return new CreateContainerParameters
        {
            Name = ContainerName(node),
            Image = options.Image,
            Cmd = [.. arguments],
            Env = [$"{DockerLabels.AdminTokenVariable}={adminToken}"],
            Labels = new Dictionary<string, string>
            {
                [DockerLabels.App] = node.App,
                [DockerLabels.Component] = node.Component,
                [DockerLabels.Node] = node.Name,
                [DockerLabels.Role] = node.Role.ToString().ToLowerInvariant(),
                [DockerLabels.ManagedBy] = options.NamePrefix,
                [DockerLabels.GenesisTime] = genesisTimeMs.ToString(CultureInfo.InvariantCulture),
            },
            ExposedPorts = new Dictionary<string, EmptyStruct> { [rpc] = default, [admin] = default },
            StopTimeout = options.StopTimeout,
            HostConfig = new HostConfig
            {
                NetworkMode = options.AccessNetwork,
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    [rpc] = [new PortBinding { HostIP = options.PublishAddress, HostPort = hostPorts.Rpc.ToString(CultureInfo.InvariantCulture) }],
                    [admin] = [new PortBinding { HostIP = options.PublishAddress, HostPort = hostPorts.Admin.ToString(CultureInfo.InvariantCulture) }],
                },
                // Like a compose service: back after an engine restart, but not after a deliberate stop or kill.
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                NanoCPUs = (long)(options.Resources.Cpus * 1e9),
                Memory = options.Resources.MemoryMegabytes * 1024L * 1024L,
                Mounts = keepsChain ? [new Mount { Type = "volume", Source = VolumeName(node), Target = DataDirectory }] : null,
            },
        };
    }
}

/// <summary>Who keeps an app's chain: the ordered validator set with its quorum, and the followers.</summary>
internal sealed record ChainMembership(IReadOnlyList<(string Name, Uri Url)> Validators, IReadOnlyList<(string Name, Uri Url)> Peers, int Quorum)
{
    /// <summary>Compares by content, for deciding whether running nodes must be told.</summary>
    public string Fingerprint =>
        string.Join(',', Validators.Select(v => $"{v.Name}={v.Url}")) + "|" + string.Join(',', Peers.Select(p => $"{p.Name}={p.Url}")) + "|" + Quorum.ToString(CultureInfo.InvariantCulture);
}
