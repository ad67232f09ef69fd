using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Dashboard.Model;

/// <summary>How a node of the diagram looks: designed only, or running with a health.</summary>
public enum DiagramNodeState
{
    /// <summary>In the design, not running (yet).</summary>
    Planned,

    /// <summary>Running, not probed yet.</summary>
    Unknown,

    /// <summary>Up.</summary>
    Up,

    /// <summary>Degraded.</summary>
    Degraded,

    /// <summary>Down.</summary>
    Down,
}

/// <summary>One node as the diagram draws it.</summary>
public sealed record DiagramNode(string Name, ComponentRole Role, DiagramNodeState State);

/// <summary>The nodes of one tier (blockchain, validators, storage) inside one zone.</summary>
public sealed record DiagramTier(string Title, IReadOnlyList<DiagramNode> Nodes);

/// <summary>One zone's column: its tiers top to bottom.</summary>
public sealed record DiagramZone(string Name, IReadOnlyList<DiagramTier> Tiers);

/// <summary>One region and its zones.</summary>
public sealed record DiagramRegion(string Name, bool Primary, IReadOnlyList<DiagramZone> Zones);

/// <summary>
/// The architecture the designer draws: load balancer → blockchain → validators → storage, grouped
/// by region and zone, each node coloured by its live health when it runs. Built from the design
/// (what should run) and the health snapshot (what runs), so a node that is designed but not
/// running shows as planned.
/// </summary>
public sealed record TopologyDiagramModel(IReadOnlyList<DiagramRegion> Regions, int NodeCount)
{
    /// <summary>Zone name used when the design names no regions.</summary>
    public const string DefaultZone = "default";

    private static readonly (string Title, ComponentRole[] Roles)[] TierLayout =
    [
        ("blockchain", [ComponentRole.Blockchain]),
        ("validators", [ComponentRole.Validator]),
        ("agreement and storage", [ComponentRole.Agreement, ComponentRole.Ipfs]),
    ];

    /// <summary>Lays out <paramref name="design"/> with <paramref name="health"/> (the app's nodes by name).</summary>
    public static TopologyDiagramModel Of(TopologyDesign design, IReadOnlyDictionary<string, NodeHealth> health)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(health);
        var zones = design.Zones.Count > 0 ? design.Zones : [new ZoneRef(DefaultZone, DefaultZone)];
        var placement = design.Zones.Count > 0
            ? Placement.Assign(design)
            : design.Components
                .SelectMany(c => Enumerable.Range(0, Math.Max(0, c.Replicas)).Select(i => Operations.Clusters.NodeRef.NameOf(c.Name, i)))
                .ToDictionary(n => n, _ => zones[0], StringComparer.Ordinal);
        var primary = design.Policy.MultiRegion.PrimaryRegion ?? zones[0].Region;
        var regions = zones
            .GroupBy(z => z.Region, StringComparer.Ordinal)
            .Select(region => new DiagramRegion(
                region.Key,
                region.Key == primary,
                [.. region.Select(zone => new DiagramZone(zone.Zone, [.. Tiers(design, zone, placement, health)]))]))
            .ToList();
        return new TopologyDiagramModel(regions, design.Components.Sum(c => Math.Max(0, c.Replicas)));
    }

    private static IEnumerable<DiagramTier> Tiers(
        TopologyDesign design,
        ZoneRef zone,
        IReadOnlyDictionary<string, ZoneRef> placement,
        IReadOnlyDictionary<string, NodeHealth> health)
    {
        foreach (var (title, roles) in TierLayout)
        {
            var nodes = design.Components
                .Where(c => roles.Contains(c.Role))
                .SelectMany(c => Enumerable.Range(0, Math.Max(0, c.Replicas)).Select(i => (Component: c, Name: Operations.Clusters.NodeRef.NameOf(c.Name, i))))
                .Where(n => placement.TryGetValue(n.Name, out var at) && at == zone)
                .Select(n => new DiagramNode(n.Name, n.Component.Role, StateOf(health.GetValueOrDefault(n.Name))))
                .ToList();
            yield return new DiagramTier(title, nodes);
        }
    }

    private static DiagramNodeState StateOf(NodeHealth? node) => node?.Status switch
    {
        null => DiagramNodeState.Planned,
        NodeStatus.Up => DiagramNodeState.Up,
        NodeStatus.Degraded => DiagramNodeState.Degraded,
        NodeStatus.Down => DiagramNodeState.Down,
        _ => DiagramNodeState.Unknown,
    };
}
