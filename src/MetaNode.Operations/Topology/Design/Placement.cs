using MetaNode.Operations.Clusters;

namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// Where each node of a design runs. Replica <c>i</c> of a component is node <c>{component}-{i}</c>
/// (0-based, as StatefulSets and the Local and Docker providers name them) and goes to zone
/// <c>i mod z</c> of the component's placement zones: round-robin, so zones differ by at most one node.
/// Generators, providers and the fault-tolerance analysis all place nodes through here.
/// </summary>
public static class Placement
{
    /// <summary>The zones <paramref name="component"/> spreads over: its own list, or every zone of the design.</summary>
    public static IReadOnlyList<ZoneRef> ZonesOf(TopologyDesign design, ComponentDesign component)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(component);
        return component.Zones.Count > 0 ? component.Zones : design.Zones;
    }

    /// <summary>The zone of replica <paramref name="ordinal"/> of <paramref name="component"/>; null when the design has no zones.</summary>
    public static ZoneRef? ZoneOf(TopologyDesign design, ComponentDesign component, int ordinal)
    {
        var zones = ZonesOf(design, component);
        return zones.Count == 0 ? null : zones[ordinal % zones.Count];
    }

    /// <summary>
    /// How many replicas of <paramref name="component"/> sit in zones matching <paramref name="where"/>,
    /// counted from the round-robin arithmetic rather than node by node, so that a design being edited
    /// with an absurd replica count is still judged at once.
    /// </summary>
    public static int CountIn(TopologyDesign design, ComponentDesign component, Func<ZoneRef, bool> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        var zones = ZonesOf(design, component);
        var replicas = Math.Max(0, component.Replicas);
        var count = 0;
        for (var k = 0; k < zones.Count; k++)
        {
            if (where(zones[k]))
            {
                count += (replicas / zones.Count) + (k < replicas % zones.Count ? 1 : 0);
            }
        }

        return count;
    }

    /// <summary>
    /// Every node of <paramref name="design"/> that has a zone, by node name (<c>validator-3</c>), in
    /// component and ordinal order. A design without regions places nothing: all its nodes share one
    /// implicit zone, and they are absent here.
    /// </summary>
    public static IReadOnlyDictionary<string, ZoneRef> Assign(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var nodes = new Dictionary<string, ZoneRef>(StringComparer.Ordinal);
        foreach (var component in design.Components)
        {
            for (var ordinal = 0; ordinal < component.Replicas; ordinal++)
            {
                if (ZoneOf(design, component, ordinal) is { } zone)
                {
                    nodes[NodeRef.NameOf(component.Name, ordinal)] = zone;
                }
            }
        }

        return nodes;
    }
}
