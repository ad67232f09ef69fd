using System.Runtime.CompilerServices;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Components.Tests.Support;

/// <summary>A Local provider that lists the nodes a test gives it and does nothing else.</summary>
public sealed class FakeClusterProvider : IClusterProvider
{
    /// <summary>The nodes it lists, for every app.</summary>
    public List<NodeInfo> Listed { get; } = [];

    /// <inheritdoc />
    public ProviderKind Kind => ProviderKind.Local;

    /// <inheritdoc />
    public ProviderCapabilities Capabilities => ProviderCapabilities.All;

    /// <inheritdoc />
    public IReadOnlyList<NodeInfo> Nodes(string app) => [.. Listed.Where(n => n.Ref.App == app)];

    /// <inheritdoc />
    public async IAsyncEnumerable<ClusterEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    /// <inheritdoc />
    public Task ApplyAsync(AppTopology desired, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task StartAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task StopAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task RestartAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task KillAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task PauseAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task ResumeAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task IsolateAsync(NodeRef node, IReadOnlyCollection<NodeRef> peers, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task AddLatencyAsync(NodeRef node, TimeSpan latency, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task StallAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    /// <inheritdoc />
    public Task HealAsync(NodeRef node, CancellationToken cancellationToken) => throw Unsupported();

    private static NotSupportedException Unsupported() => new("the component tests only read node lists");
}
