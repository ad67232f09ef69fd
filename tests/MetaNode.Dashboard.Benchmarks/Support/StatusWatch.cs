using System.Diagnostics;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>When a status was seen, and why the dashboard said so.</summary>
/// <param name="Timestamp">A <see cref="Stopwatch"/> timestamp taken as the batch arrived.</param>
/// <param name="Reason">The node's reason in that batch.</param>
internal sealed record Seen(long Timestamp, string? Reason);

/// <summary>
/// Follows one node's status through the batches a reader receives (a SignalR client, or the
/// feed in-process) and completes waiters the moment a batch shows the status they wait for.
/// </summary>
internal sealed class StatusWatch(string nodeId)
{
    private readonly Lock _gate = new();
    private readonly List<(NodeStatus Status, TaskCompletionSource<Seen> Done)> _waiters = [];
    private NodeStatus? _status;

    /// <summary>The node's status in the latest batch that carried it.</summary>
    public NodeStatus? Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Takes the node's state from a snapshot or a batch.</summary>
    public void Observe(IEnumerable<NodeHealth> nodes)
    {
        var at = Stopwatch.GetTimestamp();
        foreach (var node in nodes)
        {
            if (node.Node.Id != nodeId)
            {
                continue;
            }

            lock (_gate)
            {
                _status = node.Status;
                foreach (var waiter in _waiters.Where(w => w.Status == node.Status).ToList())
                {
                    waiter.Done.TrySetResult(new Seen(at, node.Reason));
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    /// <summary>Completes at the next batch, from now on, that shows <paramref name="status"/>.</summary>
    public Task<Seen> Next(NodeStatus status)
    {
        var done = new TaskCompletionSource<Seen>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((status, done));
        }

        return done.Task;
    }

    /// <summary>Completes at once if the node has <paramref name="status"/> now, else at the next batch that shows it.</summary>
    public Task<Seen> Reach(NodeStatus status)
    {
        lock (_gate)
        {
            return _status == status ? Task.FromResult(new Seen(Stopwatch.GetTimestamp(), null)) : Next(status);
        }
    }
}
