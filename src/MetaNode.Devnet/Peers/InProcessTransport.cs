using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Consensus;
using MetaNode.Devnet.Hosting;

namespace MetaNode.Devnet.Peers;

/// <summary>
/// Peer traffic between the nodes of one many-nodes process: direct calls, with the same
/// partition and stall rules as HTTP, so a thousand nodes cost no internal network traffic.
/// </summary>
internal sealed class InProcessTransport : IPeerTransport
{
    private readonly Dictionary<string, NodeRuntime> _nodes = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="node"/> reachable by its id.</summary>
    public void Register(NodeRuntime node) => _nodes[node.Id] = node;

    public Task<Vote> ProposeAsync(Peer peer, Proposal proposal, CancellationToken cancellationToken) =>
        Task.FromResult(Reach(peer, proposal.From).HandleProposal(proposal));

    public Task CommitAsync(Peer peer, Commit commit, CancellationToken cancellationToken)
    {
        Reach(peer, commit.From).HandleCommit(commit);
        return Task.CompletedTask;
    }

    public Task<PeerStatus> StatusAsync(Peer peer, string from, CancellationToken cancellationToken) =>
        Task.FromResult(Reach(peer, from).Status());

    public Task<IReadOnlyList<Block>> BlocksAsync(Peer peer, string from, long start, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Reach(peer, from).Blocks(start, count));

    private NodeRuntime Reach(Peer peer, string from)
    {
        if (!_nodes.TryGetValue(peer.Id, out var node) || node.Faults.Stalled || node.Faults.IsPartitionedFrom(from))
        {
            throw new HttpRequestException($"{peer.Id} is not reachable from {from}");
        }

        node.NotePeerContact(from);
        return node;
    }
}
