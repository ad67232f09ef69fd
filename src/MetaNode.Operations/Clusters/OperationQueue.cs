namespace MetaNode.Operations.Clusters;

/// <summary>
/// Runs a provider's operations one at a time: an apply and a kill of the same node must not
/// interleave. Also says, in the same words for every provider, when a node is in the wrong state
/// for an operation.
/// </summary>
internal sealed class OperationQueue : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs <paramref name="operation"/> once every earlier operation has finished.</summary>
    public async Task RunAsync(Func<Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await operation();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Refuses to start a node that runs (or is starting).</summary>
    public static void RequireNotRunning(NodeRef node, NodeRunState state)
    {
        if (state is NodeRunState.Running or NodeRunState.Paused or NodeRunState.Starting)
        {
            throw new ClusterOperationException($"{node} is already running");
        }
    }

    /// <summary>Refuses to pause a paused node.</summary>
    public static void RequireNotPaused(NodeRef node, NodeRunState state)
    {
        if (state == NodeRunState.Paused)
        {
            throw new ClusterOperationException($"{node} is already paused");
        }
    }

    /// <summary>Refuses to resume a node that is not paused.</summary>
    public static void RequirePaused(NodeRef node, NodeRunState state)
    {
        if (state != NodeRunState.Paused)
        {
            throw new ClusterOperationException($"{node} is not paused");
        }
    }

    public void Dispose() => _gate.Dispose();
}
