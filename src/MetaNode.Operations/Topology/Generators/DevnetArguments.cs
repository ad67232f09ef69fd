using System.Globalization;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>
/// The MetaNode.Devnet command line of a node in a generated deployment (docs/devnet.md): the same
/// options, in the same order, the Local provider starts its processes with, so a chain behaves
/// alike wherever it runs. Every chain node knows every validator and every follower.
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
        var arguments = new List<string> { "--app", design.Name };
        if (nodeId is not null)
        {
            arguments.AddRange(["--node-id", nodeId]);
        }

        arguments.AddRange(["--role", component.Role.ToString().ToLowerInvariant()]);
        arguments.AddRange(["--listen", Invariant($"0.0.0.0:{component.Ports.Rpc}")]);
        if (adminApi)
        {
            arguments.AddRange(["--admin-listen", Invariant($"0.0.0.0:{AdminPort}")]);
        }

        if (component.Role is not (ComponentRole.Validator or ComponentRole.Blockchain))
        {
            return arguments;
        }

        var consensus = design.Policy.Consensus;
        arguments.AddRange(["--chain-id", Invariant($"{design.ChainId}")]);
        arguments.AddRange(["--genesis-time", Invariant($"{genesisTime.ToUnixTimeMilliseconds()}")]);
        arguments.AddRange(["--block-time", Milliseconds(consensus.BlockTime)]);
        arguments.AddRange(["--round-timeout", Milliseconds(consensus.Timeout)]);
        arguments.AddRange(["--data-dir", DataDirectory]);
        if (layout.Validators.Count > 0)
        {
            arguments.AddRange(["--validators", List(layout.Validators, peerUrl)]);
            arguments.AddRange(["--quorum", Invariant($"{layout.Quorum}")]);
        }

        if (layout.Followers.Count > 0)
        {
            arguments.AddRange(["--peers", List(layout.Followers, peerUrl)]);
        }

        return arguments;
    }

    private static string List(IEnumerable<NodeSlot> nodes, Func<NodeSlot, Uri> url) =>
        string.Join(',', nodes.Select(n => $"{n.Name}={url(n)}"));

    private static string Milliseconds(TimeSpan time) => Invariant($"{(long)time.TotalMilliseconds}ms");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
