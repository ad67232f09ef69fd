using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Multi-region operation and the disaster-recovery region.</summary>
internal static class RegionRules
{
    /// <summary>The region that leads: the one named, else the first declared; null without regions.</summary>
    public static string? PrimaryRegion(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return string.IsNullOrWhiteSpace(design.Policy.MultiRegion.PrimaryRegion)
            ? design.Regions.FirstOrDefault()?.Name
            : design.Policy.MultiRegion.PrimaryRegion;
    }

    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        var multiRegion = design.Policy.MultiRegion;
        var regions = design.Regions.Select(r => r.Name).ToList();
        var known = regions.Count == 0 ? "none are declared" : $"declared: {string.Join(", ", regions)}";
        if (multiRegion.Enabled && regions.Count < 2)
        {
            issues.Add(FieldPath.Policy(DesignKeys.MultiRegion, DesignKeys.Enabled), MultiRegionNeedsTwoRegions,
                $"multi-region is on with {regions.Count} region{(regions.Count == 1 ? string.Empty : "s")} ({known}); declare at least 2");
        }

        if (!string.IsNullOrWhiteSpace(multiRegion.PrimaryRegion) && !regions.Contains(multiRegion.PrimaryRegion))
        {
            issues.Add(FieldPath.Policy(DesignKeys.MultiRegion, DesignKeys.PrimaryRegion), PrimaryRegionUnknown,
                $"primary region {multiRegion.PrimaryRegion} is not among the regions ({known})");
        }

        if (multiRegion.AutomaticFailover && !multiRegion.Enabled)
        {
            issues.Add(FieldPath.Policy(DesignKeys.MultiRegion, DesignKeys.AutomaticFailover), AutomaticFailoverSingleRegion,
                "automatic region failover is on but multi-region is off: there is no region to fail over to");
        }

        var secondary = design.Policy.DisasterRecovery.SecondaryRegion;
        if (string.IsNullOrWhiteSpace(secondary))
        {
            return;
        }

        var field = FieldPath.Policy(DesignKeys.DisasterRecovery, DesignKeys.SecondaryRegion);
        if (secondary == PrimaryRegion(design))
        {
            issues.Add(field, DrSecondaryIsPrimary, $"the recovery region {secondary} is the primary region: an outage of {secondary} takes both; choose another region");
        }
        else if (!regions.Contains(secondary))
        {
            issues.Add(field, DrSecondaryUnknown, $"the recovery region {secondary} is not among the regions ({known}): nothing is placed there to recover into");
        }
    }
}
