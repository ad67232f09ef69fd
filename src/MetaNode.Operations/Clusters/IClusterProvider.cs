using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters;

/// <summary>What a provider can do; pages and engines offer only what is there.</summary>
[Flags]
public enum ProviderCapabilities
{
    /// <summary>Watch only.</summary>
    None = 0,

    /// <summary>Create and remove nodes to match a topology (and so scale).</summary>
    Apply = 1 << 0,

    /// <summary>Start, stop and restart nodes.</summary>
    StartStop = 1 << 1,

    /// <summary>Kill a node's process or container without warning.</summary>
    Kill = 1 << 2,

    /// <summary>Freeze and thaw a node.</summary>
    PauseResume = 1 << 3,

    /// <summary>Cut nodes off from each other and heal.</summary>
    Isolate = 1 << 4,

    /// <summary>Slow a node's answers, or make it hang.</summary>
    Degrade = 1 << 5,

    /// <summary>CPU and memory figures per node.</summary>
    ResourceStats = 1 << 6,

    /// <summary>Everything the Local and Docker providers do.</summary>
    All = Apply | StartStop | Kill | PauseResume | Isolate | Degrade,
}

/// <summary>
/// One kind of cluster (local processes, Docker, Kubernetes) behind one narrow interface. The
/// monitor reads <see cref="Nodes"/> and <see cref="WatchAsync"/>; engines call the operations.
/// Every operation fails with <see cref="ClusterOperationException"/> and a sentence an operator
/// can act on.
/// </summary>
public interface IClusterProvider
{
    /// <summary>Which kind this is.</summary>
    ProviderKind Kind { get; }

    /// <summary>What it can do.</summary>
    ProviderCapabilities Capabilities { get; }

    /// <summary>The nodes of <paramref name="app"/> as known now (no I/O).</summary>
    IReadOnlyList<NodeInfo> Nodes(string app);

    /// <summary>Events from now on, one channel per caller, until <paramref name="cancellationToken"/> ends it.</summary>
    IAsyncEnumerable<ClusterEvent> WatchAsync(CancellationToken cancellationToken);

    /// <summary>Creates, reconfigures and removes nodes until the app runs <paramref name="desired"/>.</summary>
    Task ApplyAsync(AppTopology desired, CancellationToken cancellationToken);

    /// <summary>Starts a stopped or exited node.</summary>
    Task StartAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Stops a node gracefully (SIGTERM, then SIGKILL after the stop timeout).</summary>
    Task StopAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Stops and starts a node.</summary>
    Task RestartAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Kills a node at once (SIGKILL), as a crash would.</summary>
    Task KillAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Freezes a node: it stays up but answers nothing.</summary>
    Task PauseAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Thaws a frozen node.</summary>
    Task ResumeAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Cuts <paramref name="node"/> off from <paramref name="peers"/>, both directions.</summary>
    Task IsolateAsync(NodeRef node, IReadOnlyCollection<NodeRef> peers, CancellationToken cancellationToken);

    /// <summary>Delays every answer of <paramref name="node"/> by <paramref name="latency"/>.</summary>
    Task AddLatencyAsync(NodeRef node, TimeSpan latency, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="node"/> hang: no blocks, no answers, process still alive.</summary>
    Task StallAsync(NodeRef node, CancellationToken cancellationToken);

    /// <summary>Clears every network and degradation fault on <paramref name="node"/> (and its side of any partition).</summary>
    Task HealAsync(NodeRef node, CancellationToken cancellationToken);
}

/// <summary>A cluster operation that could not be done; the message says why and what to do.</summary>
public sealed class ClusterOperationException : Exception
{
    public ClusterOperationException()
    {
    }

    public ClusterOperationException(string message)
        : base(message)
    {
    }

    public ClusterOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
