namespace MetaNode.Operations.Topology.Design;

/// <summary>Which zone each replica of a design lands in.</summary>
public static class Placement
{
    /// <summary>
    /// Node name (<c>{component}-{i}</c>) → zone: replica i of a component goes to zone i mod n of
    /// its placement (its own zones, or every zone of the design). Empty when the design has no zones.
    /// </summary>
    public static IReadOnlyDictionary<string, ZoneRef> Assign(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var result = new Dictionary<string, ZoneRef>(StringComparer.Ordinal);
        foreach (var component in design.Components)
        {
            var zones = component.Zones.Count > 0 ? component.Zones : design.Zones;
            for (var i = 0; zones.Count > 0 && i < component.Replicas; i++)
            {
                result[Clusters.NodeRef.NameOf(component.Name, i)] = zones[i % zones.Count];
            }
        }

        return result;
    }
}
