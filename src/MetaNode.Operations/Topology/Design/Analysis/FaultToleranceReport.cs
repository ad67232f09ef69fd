namespace MetaNode.Operations.Topology.Design.Analysis;

/// <summary>What a design survives: node losses per component and for the app, and every zone and region outage.</summary>
/// <param name="Components">One row per component.</param>
/// <param name="TolerableLosses">Node losses the app survives wherever they fall: the least of its components'.</param>
/// <param name="Reason">Why, naming the least tolerant component.</param>
/// <param name="Outages">Each zone and each region lost in turn; empty when the design declares no zones.</param>
public sealed record FaultToleranceReport(
    IReadOnlyList<ComponentTolerance> Components,
    int TolerableLosses,
    string Reason,
    IReadOnlyList<OutageScenario> Outages)
{
    /// <summary>True when the app survives the loss of any one zone (false without zones: one implicit zone holds everything).</summary>
    public bool SurvivesAnyZoneLoss => Outages.Any(o => o.Scope == OutageScope.Zone) && Outages.Where(o => o.Scope == OutageScope.Zone).All(o => o.AppSurvives);

    /// <summary>True when the app survives the loss of any one region (false with fewer than two regions).</summary>
    public bool SurvivesAnyRegionLoss => Outages.Count(o => o.Scope == OutageScope.Region) > 1 && Outages.Where(o => o.Scope == OutageScope.Region).All(o => o.AppSurvives);
}

/// <summary>How many node losses one component survives, worst case.</summary>
/// <param name="Component">The component's name.</param>
/// <param name="Role">What it does.</param>
/// <param name="Replicas">Its nodes.</param>
/// <param name="TolerableLosses">Nodes that can be lost, wherever, while it keeps working.</param>
/// <param name="Reason">The arithmetic, as a sentence.</param>
public sealed record ComponentTolerance(string Component, ComponentRole Role, int Replicas, int TolerableLosses, string Reason);

/// <summary>What is lost together.</summary>
public enum OutageScope
{
    /// <summary>One availability zone.</summary>
    Zone,

    /// <summary>A whole region, every zone in it.</summary>
    Region,
}

/// <summary>One zone or region lost: what each component loses and whether the app goes on.</summary>
/// <param name="Scope">Zone or region.</param>
/// <param name="Name">The zone (<c>eu-west-1/eu-west-1a</c>) or region (<c>eu-west-1</c>).</param>
/// <param name="AppSurvives">True when every component survives.</param>
/// <param name="Impacts">One row per component.</param>
public sealed record OutageScenario(OutageScope Scope, string Name, bool AppSurvives, IReadOnlyList<OutageImpact> Impacts);

/// <summary>One component in one outage.</summary>
/// <param name="Component">The component's name.</param>
/// <param name="Lost">Its nodes in the lost zone or region.</param>
/// <param name="Replicas">Its nodes in all.</param>
/// <param name="Survives">Whether it keeps working.</param>
/// <param name="Reason">Why, with the arithmetic ("loses 2 of 5 validators in eu-west-1a; 3 remain &lt; quorum 4: the chain halts").</param>
public sealed record OutageImpact(string Component, int Lost, int Replicas, bool Survives, string Reason);
