using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>Designs for tests: the product brief's my-app in one region with three zones, and ways to change it.</summary>
internal static class Designs
{
    public const string Region = "eu-west-1";

    public static readonly ZoneRef ZoneA = new(Region, "eu-west-1a");
    public static readonly ZoneRef ZoneB = new(Region, "eu-west-1b");
    public static readonly ZoneRef ZoneC = new(Region, "eu-west-1c");

    /// <summary>
    /// blockchain 3, validator 5 with quorum 4, agreement 2, ipfs 3 in eu-west-1a/b/c; validators
    /// spread with preferred anti-affinity (5 replicas cannot each have one of 3 zones). Clean: no issues.
    /// </summary>
    public static TopologyDesign MyApp() => new()
    {
        Name = "my-app",
        Provider = ProviderKind.Kubernetes,
        Regions = [new RegionSpec(Region, [ZoneA.Zone, ZoneB.Zone, ZoneC.Zone])],
        Components =
        [
            ComponentDesign.Default("blockchain", ComponentRole.Blockchain, 3),
            ComponentDesign.Default("validator", ComponentRole.Validator, 5) with { AntiAffinity = AntiAffinity.Preferred },
            ComponentDesign.Default("agreement", ComponentRole.Agreement, 2),
            ComponentDesign.Default("ipfs", ComponentRole.Ipfs, 3),
        ],
        Policy = HaPolicy.Default with { Consensus = HaPolicy.Default.Consensus with { Quorum = 4 } },
    };

    public static TopologyDesign WithComponent(this TopologyDesign design, string name, Func<ComponentDesign, ComponentDesign> change) =>
        design with { Components = [.. design.Components.Select(c => c.Name == name ? change(c) : c)] };

    public static TopologyDesign WithReplicas(this TopologyDesign design, string name, int replicas) =>
        design.WithComponent(name, c => c with { Replicas = replicas });

    public static TopologyDesign WithPolicy(this TopologyDesign design, Func<HaPolicy, HaPolicy> change) =>
        design with { Policy = change(design.Policy) };

    public static TopologyDesign WithQuorum(this TopologyDesign design, int? quorum) =>
        design.WithPolicy(p => p with { Consensus = p.Consensus with { Quorum = quorum } });

    public static TopologyDesign WithRegion(this TopologyDesign design, string name, params string[] zones) =>
        design with { Regions = [.. design.Regions, new RegionSpec(name, zones)] };
}
