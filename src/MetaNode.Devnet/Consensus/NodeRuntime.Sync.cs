using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet.Consensus;

/// <summary>Head gossip and catching up: every chain node follows the best chain its peers hold.</summary>
internal sealed partial class NodeRuntime
{
    private const int PageSize = 512;
    private int _gossiping;

    private async Task GossipAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _gossiping, 1) == 1)
        {
            return;
        }

        try
        {
            var peers = OtherChainPeers().Where(p => !Faults.IsPartitionedFrom(p.Id)).ToList();
            var answers = await Task.WhenAll(peers.Select(p => AskStatusAsync(p, cancellationToken)));
            PeerStatus? best = null;
            lock (_gate)
            {
                foreach (var status in answers.OfType<PeerStatus>())
                {
                    _peerViews[status.NodeId] = new PeerView { LastSeen = _time.GetUtcNow(), Height = status.Height, HeadHash = status.HeadHash };
                    if (best is null || IsBetter(status.Height, status.HeadHash, best.Height, best.HeadHash))
                    {
                        best = status;
                    }
                }

                if (best is not null && !IsBetter(best.Height, best.HeadHash, _chain!.Height, _chain.Head.Hash))
                {
                    best = null;
                }
            }

            if (best is not null)
            {
                await SyncFromAsync(best.NodeId, cancellationToken);
            }
        }
        finally
        {
            Volatile.Write(ref _gossiping, 0);
        }
    }

    private async Task<PeerStatus?> AskStatusAsync(Peer peer, CancellationToken cancellationToken)
    {
        try
        {
            var status = await _transport.StatusAsync(peer, Id, cancellationToken);
            return status.NodeId == peer.Id ? status : null;
        }
        catch (Exception ex) when (IsPeerFailure(ex))
        {
            return null;
        }
    }

    /// <summary>Fetches <paramref name="peerId"/>'s chain from the last common block and switches to it when it is better.</summary>
    private async Task SyncFromAsync(string peerId, CancellationToken cancellationToken)
    {
        var peer = OtherChainPeers().FirstOrDefault(p => p.Id == peerId);
        if (peer is null || Faults.IsPartitionedFrom(peerId) || Interlocked.Exchange(ref _syncing, 1) == 1)
        {
            return;
        }

        try
        {
            long window = 16;
            while (!cancellationToken.IsCancellationRequested)
            {
                long height;
                lock (_gate)
                {
                    height = _chain!.Height;
                }

                var start = Math.Max(1, height - window + 1);
                var blocks = await _transport.BlocksAsync(peer, Id, start, PageSize, cancellationToken);
                if (blocks.Count == 0 || !IsContinuous(blocks, start))
                {
                    return;
                }

                switch (TryAdopt(blocks, peerId))
                {
                    case SyncStep.NoCommonBlock when start > 1:
                        window *= 8;
                        continue;
                    case SyncStep.Adopted when blocks.Count == PageSize:
                        window = 1;
                        continue;
                    default:
                        return;
                }
            }
        }
        catch (Exception ex) when (IsPeerFailure(ex))
        {
            // Try again at the next gossip.
        }
        finally
        {
            Volatile.Write(ref _syncing, 0);
        }
    }

    private SyncStep TryAdopt(IReadOnlyList<Block> blocks, string peerId)
    {
        lock (_gate)
        {
            var chain = _chain!;
            long ancestor = -1;
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                if (chain.Get(blocks[i].Number)?.Hash == blocks[i].Hash)
                {
                    ancestor = blocks[i].Number;
                    break;
                }
            }

            if (ancestor < 0 && chain.Get(blocks[0].Number - 1)?.Hash == blocks[0].ParentHash)
            {
                ancestor = blocks[0].Number - 1;
            }

            if (ancestor < 0)
            {
                return SyncStep.NoCommonBlock;
            }

            var incoming = blocks.Where(b => b.Number > ancestor).ToList();
            if (incoming.Count == 0 || !IsBetter(incoming[^1].Number, incoming[^1].Hash, chain.Height, chain.Head.Hash))
            {
                return SyncStep.NotBetter;
            }

            var dropped = chain.Height - ancestor;
            chain.ReplaceAbove(ancestor, incoming);
            PruneVotes();
            if (dropped > 0)
            {
                LogReorganized(_logger, dropped, ancestor, peerId, chain.Height);
            }

            return SyncStep.Adopted;
        }
    }

    /// <summary>Fork choice: the higher chain; at equal height the lower head hash (any fixed rule converges).</summary>
    private static bool IsBetter(long height, string hash, long thanHeight, string thanHash) =>
        height > thanHeight || (height == thanHeight && string.CompareOrdinal(hash, thanHash) < 0);

    private static bool IsContinuous(IReadOnlyList<Block> blocks, long start)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Number != start + i || !block.IsHashValid() || (i > 0 && block.ParentHash != blocks[i - 1].Hash))
            {
                return false;
            }
        }

        return true;
    }

    private enum SyncStep
    {
        NoCommonBlock,
        NotBetter,
        Adopted,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Switched chains: dropped {Dropped} block(s) above {Ancestor} for {Peer}'s chain, now at {Height}")]
    private static partial void LogReorganized(ILogger logger, long dropped, long ancestor, string peer, long height);
}
