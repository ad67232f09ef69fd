namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// The labels that make a container a MetaNode node. The provider finds nodes by these alone, so
/// containers started by hand or by a compose file are found as well as those it creates:
/// <c>metanode.app</c>, <c>metanode.component</c> and <c>metanode.node</c> (component-ordinal)
/// are required; the rest are optional.
/// </summary>
internal static class DockerLabels
{
    /// <summary>The app the node belongs to.</summary>
    public const string App = "metanode.app";

    /// <summary>Its component (<c>validator</c>).</summary>
    public const string Component = "metanode.component";

    /// <summary>Its name in the app: component and ordinal (<c>validator-3</c>).</summary>
    public const string Node = "metanode.node";

    /// <summary>Its role when the component's name does not say it (blockchain, validator, agreement, ipfs).</summary>
    public const string Role = "metanode.role";

    /// <summary>Placement zone.</summary>
    public const string Zone = "metanode.zone";

    /// <summary>Placement region.</summary>
    public const string Region = "metanode.region";

    /// <summary>The container port of its JSON-RPC and <c>/health</c> (8545 when absent).</summary>
    public const string RpcPort = "metanode.rpc-port";

    /// <summary>The container port of its fault admin API (8546 when absent).</summary>
    public const string AdminPort = "metanode.admin-port";

    /// <summary>Set on the containers the dashboard created (value: their name prefix); only those are removed by scaling down.</summary>
    public const string ManagedBy = "metanode.managed-by";

    /// <summary>The chain's genesis time (Unix ms), so a restarted dashboard extends the same chain.</summary>
    public const string GenesisTime = "metanode.genesis-time";

    /// <summary>Marks a network the provider made for one side of a partition.</summary>
    public const string Partition = "metanode.partition";

    /// <summary>Default container port of JSON-RPC.</summary>
    public const int DefaultRpcPort = 8545;

    /// <summary>Default container port of the admin API (as generated compose files have it).</summary>
    public const int DefaultAdminPort = Topology.Generators.DevnetArguments.AdminPort;

    /// <summary>The environment variable that carries the admin token into the node.</summary>
    public const string AdminTokenVariable = Topology.Generators.DevnetArguments.AdminTokenVariable;
}
