using FsCheck.Fluent;
using MetaNode.Operations.Topology.Design;
using static MetaNode.Operations.Tests.Topology.Designs;

namespace MetaNode.Operations.Tests.Topology;

/// <summary>Round-robin placement of replicas over zones, named as the providers name nodes.</summary>
public sealed class PlacementTests
{
    [Fact]
    public void Assign_MyApp_PlacesReplicaIInZoneIModuloThree()
    {
        var nodes = Placement.Assign(MyApp());

        Assert.Equal(13, nodes.Count);
        Assert.Equal([ZoneA, ZoneB, ZoneC, ZoneA, ZoneB], Enumerable.Range(0, 5).Select(i => nodes[$"validator-{i}"]));
        Assert.Equal(ZoneB, nodes["agreement-1"]);
    }

    [Fact]
    public void Assign_ComponentWithItsOwnZones_UsesOnlyThose()
    {
        var design = MyApp().WithComponent("ipfs", c => c with { Zones = [ZoneC, ZoneA] });

        var nodes = Placement.Assign(design);

        Assert.Equal([ZoneC, ZoneA, ZoneC], Enumerable.Range(0, 3).Select(i => nodes[$"ipfs-{i}"]));
    }

    [Fact]
    public void Assign_WithoutRegions_PlacesNothing()
    {
        Assert.Empty(Placement.Assign(MyApp() with { Regions = [] }));
    }

    [Fact]
    public void Assign_AnyReplicasAndZones_BalancesZonesWithinOne()
    {
        var cases = Gen.Choose(0, 200).SelectMany(_ => Gen.Choose(1, 9), (replicas, zones) => (replicas, zones));

        Properties.Hold(cases, c =>
        {
            var design = MyApp() with { Regions = [new RegionSpec("r", [.. Enumerable.Range(0, c.zones).Select(z => $"z{z}")])] };
            var nodes = Placement.Assign(design.WithReplicas("validator", c.replicas)).Where(n => n.Key.StartsWith("validator-", StringComparison.Ordinal)).ToList();
            var perZone = design.Zones.Select(z => nodes.Count(n => n.Value == z)).ToList();
            return nodes.Count == c.replicas && perZone.Max() - perZone.Min() <= 1;
        });
    }

    [Fact]
    public void CountIn_AnyReplicasAndZones_MatchesCountingTheAssignedNodes()
    {
        var cases = Gen.Choose(0, 200).SelectMany(_ => Gen.Choose(1, 9), (replicas, zones) => (replicas, zones));

        Properties.Hold(cases, c =>
        {
            var design = MyApp().WithReplicas("ipfs", c.replicas) with { Regions = [new RegionSpec("r", [.. Enumerable.Range(0, c.zones).Select(z => $"z{z}")])] };
            var nodes = Placement.Assign(design);
            return design.Zones.All(z => Placement.CountIn(design, design.Component("ipfs")!, zone => zone == z) == nodes.Count(n => n.Key.StartsWith("ipfs-", StringComparison.Ordinal) && n.Value == z));
        });
    }
}
