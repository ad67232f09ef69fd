using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters.Watched;

/// <summary>
/// Nodes the dashboard watches but does not operate: existing MetaNode nodes or any Ethereum-style
/// JSON-RPC endpoint. Every health feature works on them; every operation is refused with a
/// sentence saying why.
/// </summary>
internal sealed class WatchedClusterProvider : IClusterProvider
{
    private readonly WatchedNodeRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ClusterEventStream _events = new();
    private IReadOnlyList<WatchedNode> _known;

    public WatchedClusterProvider(WatchedNodeRegistry registry, TimeProvider time)
    {
        _registry = registry;
        _time = time;
        _known = registry.Nodes;
        registry.Changed += OnChanged;
    }

    public ProviderKind Kind => ProviderKind.Watched;

    public ProviderCapabilities Capabilities => ProviderCapabilities.None;

    public IReadOnlyList<NodeInfo> Nodes(string app) =>
        [.. _registry.Nodes.Where(n => n.App == app).Select(n => new NodeInfo(
            n.Ref,
            NodeRunState.Running,
            n.Url,
            n.Zone,
            n.Region,
            null,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Endpoint"] = n.Url.ToString(),
                ["Defined in"] = n.FromConfiguration ? "appsettings.json" : "the Watched nodes page",
            }))];

    public IAsyncEnumerable<ClusterEvent> WatchAsync(CancellationToken cancellationToken) => _events.WatchAsync(cancellationToken);

    public Task ApplyAsync(AppTopology desired, CancellationToken cancellationToken) => Refuse(desired.Name);

    public Task StartAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task StopAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task RestartAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task KillAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task PauseAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task ResumeAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task IsolateAsync(NodeRef node, IReadOnlyCollection<NodeRef> peers, CancellationToken cancellationToken) => Refuse(node.App);

    public Task AddLatencyAsync(NodeRef node, TimeSpan latency, CancellationToken cancellationToken) => Refuse(node.App);

    public Task StallAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    public Task HealAsync(NodeRef node, CancellationToken cancellationToken) => Refuse(node.App);

    private static Task Refuse(string app) =>
        Task.FromException(new ClusterOperationException($"{app} is watched only: the dashboard checks its health but does not operate its nodes"));

    // Tell the monitor at once instead of at its next reconcile.
    private void OnChanged()
    {
        var now = _time.GetUtcNow();
        var current = _registry.Nodes;
        foreach (var added in current.Where(n => !_known.Any(k => k.Ref == n.Ref)))
        {
            _events.Publish(new ClusterEvent(added.Ref, ClusterEventKind.Started, now, "now watched"));
        }

        foreach (var removed in _known.Where(k => !current.Any(n => n.Ref == k.Ref)))
        {
            _events.Publish(new ClusterEvent(removed.Ref, ClusterEventKind.Removed, now, "no longer watched"));
        }

        _known = current;
    }
}
