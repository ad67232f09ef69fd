using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet.Consensus;

/// <summary>Proposing, voting and committing (validators), and applying commits (every chain node).</summary>
internal sealed partial class NodeRuntime
{
    /// <summary>A proposer asks for this node's vote.</summary>
    public Vote HandleProposal(Proposal proposal)
    {
        NotePeerContact(proposal.From);
        var (vote, needsSync) = Decide(proposal);
        if (needsSync)
        {
            _ = SyncFromAsync(proposal.From, CancellationToken.None);
        }

        return vote;
    }

    /// <summary>A block gathered a quorum somewhere: extend the chain, or catch up when it does not fit.</summary>
    public void HandleCommit(Commit commit)
    {
        NotePeerContact(commit.From);
        bool needsSync;
        lock (_gate)
        {
            if (_chain is null || !commit.Block.IsHashValid())
            {
                return;
            }

            var block = commit.Block;
            var view = _peerViews.GetValueOrDefault(commit.From) ?? new PeerView();
            if (block.Number >= view.Height)
            {
                _peerViews[commit.From] = view with { LastSeen = _time.GetUtcNow(), Height = block.Number, HeadHash = block.Hash };
            }

            var members = _validators.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
            if (commit.Votes.Distinct(StringComparer.Ordinal).Count(members.Contains) < _quorum)
            {
                return; // not a commit under the membership this node knows
            }

            var head = _chain.Head;
            if (block.Number == head.Number + 1 && block.ParentHash == head.Hash)
            {
                _chain.Append(block);
                PruneVotes();
                return;
            }

            needsSync = _chain.Get(block.Number)?.Hash != block.Hash;
        }

        if (needsSync)
        {
            _ = SyncFromAsync(commit.From, CancellationToken.None);
        }
    }

    private (Vote Vote, bool NeedsSync) Decide(Proposal proposal)
    {
        var block = proposal.Block;
        lock (_gate)
        {
            Vote Reject(string reason) => new(false, Id, reason);

            if (_chain is null || Settings.Role != NodeRole.Validator)
            {
                return (Reject("not a validator"), false);
            }

            if (!_validators.Any(v => v.Id == proposal.From))
            {
                return (Reject($"{proposal.From} is not in this validator set"), false);
            }

            if (!block.IsHashValid() || block.Proposer != proposal.From)
            {
                return (Reject("block hash or proposer does not match"), false);
            }

            var head = _chain.Head;
            if (block.Number <= head.Number)
            {
                return (Reject($"already at height {head.Number}"), false);
            }

            if (block.Number > head.Number + 1)
            {
                return (Reject($"behind: at height {head.Number}"), true);
            }

            if (block.ParentHash != head.Hash)
            {
                return (Reject("parent is not this node's head (fork)"), true);
            }

            var round = CurrentRound(head, _time.GetUtcNow());
            if (block.Round < round - 1 || block.Round > round + 1)
            {
                return (Reject($"round {block.Round} is outside this node's round {round}"), false);
            }

            if (ProposerFor(block.Number, block.Round) != proposal.From)
            {
                return (Reject($"not {proposal.From}'s turn at round {block.Round}"), false);
            }

            if (_votes.TryGetValue((block.Number, block.Round), out var voted) && voted != block.Hash)
            {
                return (Reject("already voted for another block in this round"), false);
            }

            _votes[(block.Number, block.Round)] = block.Hash;
            return (new Vote(true, Id, null), false);
        }
    }

    private async Task ProposeIfDueAsync(CancellationToken cancellationToken)
    {
        Block block;
        List<Peer> voters;
        int quorum;
        lock (_gate)
        {
            if (_chain is null || _validators.Count == 0)
            {
                return;
            }

            var head = _chain.Head;
            var now = _time.GetUtcNow();
            var nowMs = now.ToUnixTimeMilliseconds();
            if (nowMs < head.ProposedAtMs + (long)Settings.BlockTime.TotalMilliseconds)
            {
                return;
            }

            var height = head.Number + 1;
            var round = CurrentRound(head, now);
            if (ProposerFor(height, round) != Id || _lastProposed == (height, round))
            {
                return;
            }

            _lastProposed = (height, round);
            block = Block.Create(height, head.Hash, Math.Max(nowMs, head.ProposedAtMs + 1), Id, round);
            _votes[(height, round)] = block.Hash;
            voters = [.. _validators.Where(v => v.Id != Id)];
            quorum = _quorum;
        }

        List<string> accepted = [Id];
        var proposal = new Proposal(block, Id);
        var pending = voters.Where(v => !Faults.IsPartitionedFrom(v.Id)).Select(v => AskVoteAsync(v, proposal, cancellationToken)).ToList();
        while (accepted.Count < quorum && pending.Count > 0)
        {
            var answered = await Task.WhenAny(pending);
            pending.Remove(answered);
            if (await answered is { Accepted: true } vote)
            {
                accepted.Add(vote.Voter);
            }
        }

        if (accepted.Count < quorum)
        {
            LogNoQuorum(_logger, block.Number, block.Round, accepted.Count, quorum);
            return;
        }

        lock (_gate)
        {
            if (_chain is null || _chain.Head.Hash != block.ParentHash)
            {
                return; // the chain moved on (a sync) while votes were collected
            }

            _chain.Append(block);
            PruneVotes();
        }

        LogCommitted(_logger, block.Number, block.Round, accepted.Count);
        var commit = new Commit(block, accepted, Id);
        foreach (var peer in OtherChainPeers().Where(p => !Faults.IsPartitionedFrom(p.Id)))
        {
            _ = SendCommitAsync(peer, commit);
        }
    }

    private async Task<Vote?> AskVoteAsync(Peer voter, Proposal proposal, CancellationToken cancellationToken)
    {
        try
        {
            var vote = await _transport.ProposeAsync(voter, proposal, cancellationToken);
            NotePeerContact(voter.Id);
            return vote;
        }
        catch (Exception ex) when (IsPeerFailure(ex))
        {
            return null;
        }
    }

    private async Task SendCommitAsync(Peer peer, Commit commit)
    {
        try
        {
            await _transport.CommitAsync(peer, commit, CancellationToken.None);
            NotePeerContact(peer.Id); // a follower that only receives commits never calls back: this is its only sign of life
        }
        catch (Exception ex) when (IsPeerFailure(ex))
        {
            // The peer catches up through head gossip.
        }
    }

    /// <summary>Rounds at the next height: round r spans [head + blockTime + r·timeout, … + (r+1)·timeout).</summary>
    private long CurrentRound(Block head, DateTimeOffset now)
    {
        var elapsed = now.ToUnixTimeMilliseconds() - head.ProposedAtMs - (long)Settings.BlockTime.TotalMilliseconds;
        return elapsed <= 0 ? 0 : elapsed / (long)Settings.EffectiveRoundTimeout.TotalMilliseconds;
    }

    private string ProposerFor(long height, long round) => _validators[(int)((height + round) % _validators.Count)].Id;

    private void PruneVotes()
    {
        var keepFrom = (_chain?.Height ?? 0) - 8;
        foreach (var key in _votes.Keys.Where(k => k.Height < keepFrom).ToList())
        {
            _votes.Remove(key);
        }
    }

    private static bool IsPeerFailure(Exception ex) =>
        ex is HttpRequestException or OperationCanceledException or TimeoutException or System.Text.Json.JsonException or IOException;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed block {Number} (round {Round}) with {Votes} votes")]
    private static partial void LogCommitted(ILogger logger, long number, long round, int votes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Block {Number} round {Round} got {Votes} of {Quorum} votes: not committed")]
    private static partial void LogNoQuorum(ILogger logger, long number, long round, int votes, int quorum);
}
