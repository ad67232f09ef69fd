using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet.Faults;

/// <summary>
/// The faults a node has injected on itself through the admin API: cut off from some peers,
/// slow answers, or stalled (no blocks, no answers). Heal clears them all.
/// </summary>
internal sealed class FaultState
{
    private readonly Lock _gate = new();
    private HashSet<string> _partitionedFrom = new(StringComparer.Ordinal);
    private TimeSpan _latency;
    private TaskCompletionSource? _stall;

    /// <summary>Extra delay before every answer.</summary>
    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _latency;
            }
        }
    }

    /// <summary>True while the node pretends to hang.</summary>
    public bool Stalled
    {
        get
        {
            lock (_gate)
            {
                return _stall is not null;
            }
        }
    }

    /// <summary>True when traffic with <paramref name="peer"/> must be dropped.</summary>
    public bool IsPartitionedFrom(string peer)
    {
        lock (_gate)
        {
            return _partitionedFrom.Contains(peer);
        }
    }

    /// <summary>Adds peers to cut off from.</summary>
    public void PartitionFrom(IEnumerable<string> peers)
    {
        lock (_gate)
        {
            _partitionedFrom = new HashSet<string>(_partitionedFrom.Concat(peers), StringComparer.Ordinal);
        }
    }

    /// <summary>Talks to these peers again (the other side of a partition healed).</summary>
    public void ReconnectTo(IEnumerable<string> peers)
    {
        lock (_gate)
        {
            _partitionedFrom = new HashSet<string>(_partitionedFrom.Except(peers), StringComparer.Ordinal);
        }
    }

    /// <summary>Delays every answer by <paramref name="latency"/>.</summary>
    public void SetLatency(TimeSpan latency)
    {
        lock (_gate)
        {
            _latency = latency;
        }
    }

    /// <summary>Stops producing and answering until <see cref="Heal"/>.</summary>
    public void Stall()
    {
        lock (_gate)
        {
            _stall ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Clears every fault; hung requests and the paused consensus loop continue.</summary>
    public void Heal()
    {
        TaskCompletionSource? stall;
        lock (_gate)
        {
            _partitionedFrom = new HashSet<string>(StringComparer.Ordinal);
            _latency = TimeSpan.Zero;
            stall = _stall;
            _stall = null;
        }

        stall?.TrySetResult();
    }

    /// <summary>Completes at once unless stalled; then when healed (or cancelled).</summary>
    public Task WaitWhileStalledAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? stall;
        lock (_gate)
        {
            stall = _stall;
        }

        return stall is null ? Task.CompletedTask : stall.Task.WaitAsync(cancellationToken);
    }

    /// <summary>What is in force now.</summary>
    public FaultReport Report()
    {
        lock (_gate)
        {
            return new FaultReport([.. _partitionedFrom.Order(StringComparer.Ordinal)], (int)_latency.TotalMilliseconds, _stall is not null);
        }
    }
}
