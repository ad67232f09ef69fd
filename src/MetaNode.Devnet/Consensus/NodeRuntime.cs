using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Faults;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet.Consensus;

/// <summary>
/// One node: its chain, its view of its peers, its faults, and (for validators) its part in
/// consensus. All mutable state is guarded by one lock; network calls happen outside it.
/// </summary>
/// <remarks>
/// Consensus is deliberately simple, but real enough to show what the dashboard must detect:
/// the proposer of height h at round r is <c>validators[(h + r) % n]</c>; rounds follow a clock
/// schedule anchored on the head block's proposal time, so every validator agrees whose turn it
/// is without extra messages; a validator votes at most once per (height, round); a block commits
/// with <c>quorum</c> votes. Below quorum nothing commits; with a quorum of n/2 or less the two
/// sides of a partition can both commit, and nodes then hold different blocks at one height.
/// Every chain node asks its peers for their heads and switches to the best chain it sees
/// (higher, or as high with a lower head hash), so a healed partition converges.
/// </remarks>
internal sealed partial class NodeRuntime
{
    private readonly Lock _gate = new();
    private readonly IPeerTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ChainStore? _chain;
    private readonly Dictionary<(long Height, long Round), string> _votes = [];
    private readonly Dictionary<string, PeerView> _peerViews = new(StringComparer.Ordinal);
    private IReadOnlyList<Peer> _validators;
    private IReadOnlyList<Peer> _peers;
    private int _quorum;
    private (long Height, long Round) _lastProposed = (-1, -1);
    private long? _syncStartHeight;
    private int _syncing;

    public NodeRuntime(NodeSettings settings, IPeerTransport transport, TimeProvider time, ILogger logger)
    {
        Settings = settings;
        _transport = transport;
        _time = time;
        _logger = logger;
        _validators = settings.Validators;
        _peers = settings.Peers;
        _quorum = settings.EffectiveQuorum;
        StartedAt = time.GetUtcNow();
        if (settings.KeepsChain)
        {
            _chain = new ChainStore(settings.ChainId, settings.GenesisTimeMs, settings.DataDirectory);
        }
    }

    /// <summary>What this node was started with.</summary>
    public NodeSettings Settings { get; }

    /// <summary>Faults injected through the admin API.</summary>
    public FaultState Faults { get; } = new();

    /// <summary>When the node started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>This node's id.</summary>
    public string Id => Settings.NodeId;

    /// <summary>True when the node keeps a chain (validator, blockchain).</summary>
    public bool KeepsChain => _chain is not null;

    private TimeSpan PeerFreshness => TimeSpan.FromMilliseconds(Math.Max(2000, GossipInterval.TotalMilliseconds * 3));

    private TimeSpan GossipInterval => TimeSpan.FromMilliseconds(Math.Clamp(Settings.BlockTime.TotalMilliseconds / 2, 100, 2000));

    /// <summary>The newest block, or null for roles without a chain.</summary>
    public Block? Head
    {
        get
        {
            lock (_gate)
            {
                return _chain?.Head;
            }
        }
    }

    /// <summary>The block at <paramref name="number"/>.</summary>
    public Block? GetBlock(long number)
    {
        lock (_gate)
        {
            return _chain?.Get(number);
        }
    }

    /// <summary>The block with <paramref name="hash"/>.</summary>
    public Block? GetBlockByHash(string hash)
    {
        lock (_gate)
        {
            return _chain?.GetByHash(hash);
        }
    }

    /// <summary>Blocks for a peer that is catching up.</summary>
    public IReadOnlyList<Block> Blocks(long from, int count)
    {
        lock (_gate)
        {
            return _chain?.Range(from, Math.Min(count, 512)) ?? [];
        }
    }

    /// <summary>This node's head, for peers.</summary>
    public PeerStatus Status()
    {
        lock (_gate)
        {
            return new PeerStatus(Id, _chain?.Height ?? 0, _chain?.Head.Hash ?? string.Empty);
        }
    }

    /// <summary>Records that <paramref name="peerId"/> reached us (it counts as a live peer).</summary>
    public void NotePeerContact(string peerId)
    {
        lock (_gate)
        {
            var view = _peerViews.GetValueOrDefault(peerId);
            _peerViews[peerId] = (view ?? new PeerView()) with { LastSeen = _time.GetUtcNow() };
        }
    }

    /// <summary>Peers heard from recently (<c>net_peerCount</c>).</summary>
    public int ReachablePeerCount()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var known = KnownPeerIds();
            return _peerViews.Count(p => known.Contains(p.Key) && now - p.Value.LastSeen <= PeerFreshness);
        }
    }

    /// <summary>Catch-up progress while clearly behind the best peer; null when in sync.</summary>
    public (long Starting, long Current, long Highest)? Syncing()
    {
        lock (_gate)
        {
            if (_chain is null)
            {
                return null;
            }

            var highest = HighestFreshPeerHeight();
            if (highest <= _chain.Height + 1)
            {
                _syncStartHeight = null;
                return null;
            }

            _syncStartHeight ??= _chain.Height;
            return (_syncStartHeight.Value, _chain.Height, highest);
        }
    }

    /// <summary>What <c>GET /health</c> reports; not serving when behind or cut off from every peer.</summary>
    public HealthReport Health()
    {
        var role = Settings.Role.ToString().ToLowerInvariant();
        if (_chain is null)
        {
            return new HealthReport("ok", Id, role, null, null, false);
        }

        var syncing = Syncing() is not null;
        var peers = ReachablePeerCount();
        var hasPeers = OtherChainPeers().Count > 0;
        var status = syncing ? "syncing" : hasPeers && peers == 0 ? "isolated" : "ok";
        return new HealthReport(status, Id, role, Head?.Number, peers, syncing);
    }

    /// <summary>Replaces the validator set, peers and quorum (the dashboard calls this when scaling).</summary>
    public void UpdateMembership(IReadOnlyList<Peer> validators, IReadOnlyList<Peer>? peers, int? quorum)
    {
        lock (_gate)
        {
            _validators = validators;
            if (peers is not null)
            {
                _peers = peers;
            }

            _quorum = quorum ?? NodeSettings.DefaultQuorum(validators.Count);
        }

        LogMembership(_logger, validators.Count, _quorum);
    }

    /// <summary>Runs consensus (validators) and head gossip (chain nodes) until stopped.</summary>
    public async Task RunAsync(bool gossip, CancellationToken cancellationToken)
    {
        if (_chain is null)
        {
            return;
        }

        var tick = TimeSpan.FromMilliseconds(Math.Clamp(Settings.BlockTime.TotalMilliseconds / 20, 10, 100));
        var nextGossip = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Faults.WaitWhileStalledAsync(cancellationToken);
            if (Settings.Role == NodeRole.Validator)
            {
                await ProposeIfDueAsync(cancellationToken);
            }

            if (gossip && _time.GetUtcNow() >= nextGossip)
            {
                nextGossip = _time.GetUtcNow() + GossipInterval;
                _ = GossipAsync(cancellationToken);
            }

            await Task.Delay(tick, _time, cancellationToken);
        }
    }

    private IReadOnlyList<Peer> OtherChainPeers()
    {
        lock (_gate)
        {
            return [.. _validators.Concat(_peers).Where(p => p.Id != Id).DistinctBy(p => p.Id)];
        }
    }

    private HashSet<string> KnownPeerIds() =>
        _validators.Concat(_peers).Select(p => p.Id).Where(id => id != Id).ToHashSet(StringComparer.Ordinal);

    private long HighestFreshPeerHeight()
    {
        var now = _time.GetUtcNow();
        return _peerViews.Values.Where(v => now - v.LastSeen <= PeerFreshness).Select(v => v.Height).DefaultIfEmpty(0).Max();
    }

    /// <summary>What this node knows about one peer.</summary>
    private sealed record PeerView
    {
        public DateTimeOffset LastSeen { get; init; }

        public long Height { get; init; }

        public string HeadHash { get; init; } = string.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership changed: {Validators} validators, quorum {Quorum}")]
    private static partial void LogMembership(ILogger logger, int validators, int quorum);
}
