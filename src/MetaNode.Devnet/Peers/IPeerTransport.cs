using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Hosting;

namespace MetaNode.Devnet.Peers;

/// <summary>
/// How a node reaches its peers: HTTP between processes, direct calls between the nodes of one
/// many-nodes process. Every call fails (throws) when the peer does not answer in time.
/// </summary>
internal interface IPeerTransport
{
    /// <summary>Asks <paramref name="peer"/> to vote for a proposal.</summary>
    Task<Vote> ProposeAsync(Peer peer, Proposal proposal, CancellationToken cancellationToken);

    /// <summary>Tells <paramref name="peer"/> that a block committed.</summary>
    Task CommitAsync(Peer peer, Commit commit, CancellationToken cancellationToken);

    /// <summary>Asks <paramref name="peer"/> for its head.</summary>
    Task<PeerStatus> StatusAsync(Peer peer, string from, CancellationToken cancellationToken);

    /// <summary>Fetches up to <paramref name="count"/> blocks from <paramref name="start"/> on.</summary>
    Task<IReadOnlyList<Block>> BlocksAsync(Peer peer, string from, long start, int count, CancellationToken cancellationToken);
}
