using System.Globalization;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters;

/// <summary>
/// The settings a MetaNode.Devnet node is started with, and the command line they make. Every
/// provider that runs devnet nodes (processes, containers) builds its nodes' command lines here,
/// so a chain behaves the same wherever it runs. The admin token travels in the environment.
/// </summary>
internal sealed record DevnetCommandLine
{
    public required string App { get; init; }

    /// <summary>The node's id; null leaves it to <c>METANODE_NODE_ID</c> (a StatefulSet's pods share one template).</summary>
    public required string? NodeName { get; init; }

    public required ComponentRole Role { get; init; }

    /// <summary>JSON-RPC listener, <c>address:port</c>.</summary>
    public required string Listen { get; init; }

    /// <summary>Admin API listener, <c>address:port</c>; null runs the node without its fault admin API.</summary>
    public required string? AdminListen { get; init; }

    /// <summary>The ordered validator set: names and the addresses peers reach them at.</summary>
    public required IReadOnlyList<(string Name, Uri Url)> Validators { get; init; }

    /// <summary>The blockchain followers.</summary>
    public required IReadOnlyList<(string Name, Uri Url)> Peers { get; init; }

    public required int Quorum { get; init; }

    public required long ChainId { get; init; }

    public required long GenesisTimeMs { get; init; }

    public required TimeSpan BlockTime { get; init; }

    public required TimeSpan RoundTimeout { get; init; }

    public required string DataDirectory { get; init; }

    /// <summary>Marks the process as owned by one dashboard (Local); null when the runtime marks it otherwise (container labels).</summary>
    public string? Label { get; init; }

    public IEnumerable<string> Arguments()
    {
        static string List(IEnumerable<(string Name, Uri Url)> peers) => string.Join(',', peers.Select(p => $"{p.Name}={p.Url}"));
        static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalMilliseconds}ms");

        yield return "--app"; yield return App;
        if (NodeName is not null)
        {
            yield return "--node-id"; yield return NodeName;
        }

        yield return "--role"; yield return Role.ToString().ToLowerInvariant();
        yield return "--listen"; yield return Listen;
        if (AdminListen is not null)
        {
            yield return "--admin-listen"; yield return AdminListen;
        }

        if (Label is not null)
        {
            yield return "--label"; yield return Label;
        }

        if (Role is ComponentRole.Validator or ComponentRole.Blockchain)
        {
            yield return "--chain-id"; yield return ChainId.ToString(CultureInfo.InvariantCulture);
            yield return "--genesis-time"; yield return GenesisTimeMs.ToString(CultureInfo.InvariantCulture);
            yield return "--block-time"; yield return Ms(BlockTime);
            yield return "--round-timeout"; yield return Ms(RoundTimeout);
            yield return "--data-dir"; yield return DataDirectory;
            if (Validators.Count > 0)
            {
                yield return "--validators"; yield return List(Validators);
                yield return "--quorum"; yield return Quorum.ToString(CultureInfo.InvariantCulture);
            }

            if (Peers.Count > 0)
            {
                yield return "--peers"; yield return List(Peers);
            }
        }
    }
}
