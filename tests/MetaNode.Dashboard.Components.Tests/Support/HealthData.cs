using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Components.Tests.Support;

/// <summary>Health as the monitor would report it, built in a line.</summary>
public static class HealthData
{
    /// <summary>The default app of the tests: blockchain 3, validator 5 (quorum 4), agreement 2, ipfs 3.</summary>
    public const string App = "my-app";

    /// <summary>When the tests happen.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A node that answers, at height 1000, up for an hour; chain nodes (blockchain, validator) in sync.</summary>
    public static NodeHealth Node(string component, int ordinal, NodeStatus status = NodeStatus.Up, string app = App) => Node(
        new NodeRef(app, component, NodeRef.NameOf(component, ordinal), Enum.Parse<ComponentRole>(component, ignoreCase: true)),
        ordinal,
        status);

    private static NodeHealth Node(NodeRef node, int ordinal, NodeStatus status) => new()
    {
        Node = node,
        Endpoint = new Uri($"http://127.0.0.1:{18500 + ordinal}/"),
        Zone = "zone-a",
        Status = status,
        Reason = status == NodeStatus.Down ? "no answer within 500 ms" : null,
        RunState = NodeRunState.Running,
        CheckedAt = Now.AddSeconds(-1),
        Latency = TimeSpan.FromMilliseconds(12),
        ClientVersion = "MetaNode.Devnet/1.0",
        ChainId = 1337,
        Height = status == NodeStatus.Down ? null : 1000,
        HeadHash = "0x3f2a9b7c6d5e4f30112233445566778899aabbccddeeff00112233445566779c1d",
        HeadTime = Now.AddSeconds(-1),
        Peers = 4,
        HealthCheck = "ok",
        Lag = status == NodeStatus.Down || node.Role is not (ComponentRole.Blockchain or ComponentRole.Validator) ? null : 0,
        UpSince = status == NodeStatus.Down ? null : Now.AddHours(-1),
    };

    /// <summary>The nodes of the default app, all up.</summary>
    public static List<NodeHealth> DefaultNodes() =>
    [
        .. Enumerable.Range(0, 3).Select(i => Node("blockchain", i)),
        .. Enumerable.Range(0, 5).Select(i => Node("validator", i)),
        .. Enumerable.Range(0, 2).Select(i => Node("agreement", i)),
        .. Enumerable.Range(0, 3).Select(i => Node("ipfs", i)),
    ];

    /// <summary>The app's health as the monitor derives it from <paramref name="nodes"/>.</summary>
    public static AppHealth AppOf(IEnumerable<NodeHealth> nodes, string app = App, int quorum = 4, bool operable = true)
    {
        var list = nodes.Where(n => n.Node.App == app).ToList();
        var components = list
            .GroupBy(n => (n.Node.Component, n.Node.Role))
            .OrderBy(g => g.Key.Role)
            .Select(g =>
            {
                var up = g.Count(n => n.Status == NodeStatus.Up);
                var validator = g.Key.Role == ComponentRole.Validator;
                var state = !validator ? QuorumState.NotApplicable
                    : up > quorum ? QuorumState.Healthy
                    : up == quorum ? QuorumState.AtRisk
                    : QuorumState.Lost;
                return new ComponentHealth(
                    g.Key.Component,
                    g.Key.Role,
                    up,
                    g.Count(n => n.Status == NodeStatus.Degraded),
                    g.Count(n => n.Status == NodeStatus.Down),
                    g.Count(),
                    state,
                    validator ? quorum : null);
            })
            .ToList();
        return new AppHealth
        {
            App = app,
            Provider = operable ? ProviderKind.Local : ProviderKind.Watched,
            Operable = operable,
            Components = components,
            HeadHeight = list.Max(n => n.Height),
            HeadChangedAt = Now.AddSeconds(-2),
            BlocksPerMinute = 60,
            Quorum = components.FirstOrDefault(c => c.Role == ComponentRole.Validator)?.Quorum ?? QuorumState.NotApplicable,
            EntryPoint = operable ? new Uri("http://127.0.0.1:8545/") : null,
        };
    }

    /// <summary>A finding about <paramref name="subject"/>, started <paramref name="ago"/> before <see cref="Now"/>.</summary>
    public static Finding Finding(
        FindingKind kind,
        Severity severity,
        string subject,
        string summary,
        TimeSpan ago,
        TimeSpan? lasted = null,
        string app = App) =>
        new(Guid.NewGuid(), app, kind, severity, subject, summary, Now - ago, lasted is { } span ? Now - ago + span : null);
}
