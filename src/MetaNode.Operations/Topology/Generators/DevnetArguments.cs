using System.Globalization;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>
/// The MetaNode.Devnet command line of a node in a generated deployment (docs/devnet.md), built by
/// the same <see cref="DevnetCommandLine"/> the Local and Docker providers start their nodes with,
/// so a chain behaves alike wherever it runs. Every chain node knows every validator and every follower.
/// </summary>
internal static class DevnetArguments
{
    /// <summary>Where a node keeps its chain inside its container (the image's volume).</summary>
    public const string DataDirectory = "/data";

    /// <summary>The devnet image's program: the health check runs it (the image has no shell).</summary>
    public const string Program = "/metanode-devnet";

    /// <summary>The port of the fault admin API inside a container (the Docker provider's default).</summary>
    public const int AdminPort = 8546;

    /// <summary>The variable that carries the admin API's bearer token into a node.</summary>
    public const string AdminTokenVariable = "METANODE_ADMIN_TOKEN";

    /// <summary>The variable a node reads its id from when the command line does not say it.</summary>
    public const string NodeIdVariable = "METANODE_NODE_ID";

    /// <summary>
    /// The arguments of a node of <paramref name="component"/>. <paramref name="nodeId"/> null leaves
    /// the id to <see cref="NodeIdVariable"/> (a StatefulSet's pods share one template).
    /// </summary>
    public static IReadOnlyList<string> For(
        TopologyDesign design,
        ChainLayout layout,
        ComponentDesign component,
        string? nodeId,
        bool adminApi,
        DateTimeOffset genesisTime,
        Func<NodeSlot, Uri> peerUrl)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(component);
        var consensus = design.Policy.Consensus;
        return
        [
            .. new DevnetCommandLine
            {
                App = design.Name,
                NodeName = nodeId,
                Role = component.Role,
                Listen = Invariant($"0.0.0.0:{component.Ports.Rpc}"),
                AdminListen = adminApi ? Invariant($"0.0.0.0:{AdminPort}") : null,
                Validators = [.. layout.Validators.Select(v => (v.Name, peerUrl(v)))],
                Peers = [.. layout.Followers.Select(f => (f.Name, peerUrl(f)))],
                Quorum = layout.Quorum,
                ChainId = design.ChainId,
                GenesisTimeMs = genesisTime.ToUnixTimeMilliseconds(),
                BlockTime = consensus.BlockTime,
                RoundTimeout = consensus.Timeout,
                DataDirectory = DataDirectory,
            }.Arguments(),
        ];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
