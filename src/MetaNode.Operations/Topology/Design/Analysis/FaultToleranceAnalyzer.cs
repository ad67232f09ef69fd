namespace MetaNode.Operations.Topology.Design.Analysis;

/// <summary>
/// What a design survives, pure: node losses per component (worst case, wherever they fall) and
/// the loss of each zone and each region, with nodes placed by <see cref="Placement"/>. The app
/// survives a failure when every component does.
/// </summary>
public static class FaultToleranceAnalyzer
{
    /// <summary>The full report for <paramref name="design"/>.</summary>
    public static FaultToleranceReport Analyze(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var components = design.Components.Select(c => LossJudge.Tolerance(design, c)).ToList();
        var running = components.Where(c => c.Replicas > 0).ToList();
        var weakest = running.MinBy(c => c.TolerableLosses);
        var tolerable = weakest?.TolerableLosses ?? 0;
        var reason = weakest is null
            ? "no component has replicas: the app is not running"
            : tolerable == 0
                ? $"one node loss can stop the app: {weakest.Component} survives none ({weakest.Reason})"
                : $"survives any {tolerable} node loss{(tolerable == 1 ? string.Empty : "es")}: {weakest.Component} is the least tolerant ({weakest.Reason})";

        var zones = design.Zones.Distinct().Select(z => Outage(design, OutageScope.Zone, z.ToString(), z.Zone, zone => zone == z));
        var regions = design.Regions.Select(r => r.Name).Distinct(StringComparer.Ordinal)
            .Select(r => Outage(design, OutageScope.Region, r, r, zone => zone.Region == r));
        return new FaultToleranceReport(components, tolerable, reason, [.. zones, .. regions]);
    }

    private static OutageScenario Outage(TopologyDesign design, OutageScope scope, string name, string where, Func<ZoneRef, bool> lost)
    {
        var lostByComponent = design.Components
            .Select(c => Placement.CountIn(design, c, lost))
            .ToList();
        var validatorsLost = design.Components.Select((c, i) => c.Role == ComponentRole.Validator ? lostByComponent[i] : 0).Sum();
        var impacts = design.Components.Select((c, i) => LossJudge.Outage(design, c, lostByComponent[i], validatorsLost, where)).ToList();
        return new OutageScenario(scope, name, impacts.All(i => i.Survives), impacts);
    }
}
