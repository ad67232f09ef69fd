using FsCheck.Fluent;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Versions;

namespace MetaNode.Operations.Tests.Topology.Versions;

/// <summary>What changed between two designs, by the same field paths as validation.</summary>
public sealed class TopologyDiffTests
{
    [Fact]
    public void Diff_EqualDesigns_IsEmpty()
    {
        Assert.Empty(TopologyDesignStore.Diff(Designs.MyApp(), Designs.MyApp()));
    }

    [Fact]
    public void Diff_ReplicasAndQuorum_NamesEachFieldWithOldAndNew()
    {
        var after = Designs.MyApp().WithReplicas("validator", 7).WithQuorum(null);

        Assert.Equal(
            [new DesignChange("components[validator].replicas", "5", "7"), new DesignChange("ha_policy.consensus.quorum", "4", "null")],
            TopologyDesignStore.Diff(Designs.MyApp(), after));
    }

    [Fact]
    public void Diff_DurationsAndWords_ReadAsInTheFile()
    {
        var after = Designs.MyApp().WithPolicy(p => p with
        {
            DisasterRecovery = p.DisasterRecovery with { Rpo = TimeSpan.FromMinutes(90) },
            Maintenance = p.Maintenance with { Strategy = MaintenanceStrategy.BlueGreen },
        });

        Assert.Equal(
            [new DesignChange("ha_policy.disaster_recovery.rpo", "24h", "1h30m"), new DesignChange("ha_policy.maintenance.strategy", "rolling", "blue_green")],
            TopologyDesignStore.Diff(Designs.MyApp(), after));
    }

    [Fact]
    public void Diff_ComponentAddedAndRemoved_IsOneRowEach()
    {
        var before = Designs.MyApp();
        var after = before with { Components = [.. before.Components.Where(c => c.Name != "agreement"), ComponentDesign.Default("archive", ComponentRole.Ipfs, 2)] };

        var changes = TopologyDesignStore.Diff(before, after);

        Assert.Equal(["components[agreement]", "components[archive]"], changes.Select(c => c.Field));
        Assert.Null(changes[0].After);
        Assert.StartsWith("{name: agreement, role: agreement, replicas: 2,", changes[0].Before, StringComparison.Ordinal);
        Assert.Null(changes[1].Before);
    }

    [Fact]
    public void Diff_ComponentsReordered_IsNoChange()
    {
        var before = Designs.MyApp();

        Assert.Empty(TopologyDesignStore.Diff(before, before with { Components = [.. before.Components.Reverse()] }));
    }

    [Fact]
    public void Diff_ZoneListChanged_IsOneRowWithBothLists()
    {
        var after = Designs.MyApp() with { Regions = [new RegionSpec(Designs.Region, ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"])] };

        Assert.Equal(
            [new DesignChange("regions[eu-west-1].zones", "[eu-west-1a, eu-west-1b, eu-west-1c]", "[eu-west-1a, eu-west-1b, eu-west-1c, eu-west-1d]")],
            TopologyDesignStore.Diff(Designs.MyApp(), after));
    }

    [Fact]
    public void Diff_AnyTwoDesigns_IsEmptyExactlyWhenTheyAreEqual()
    {
        var pairs = DesignGenerator.Designs.SelectMany(_ => DesignGenerator.Designs, (a, b) => (a, b));

        Properties.Hold(pairs, tests: 100, property: p =>
            TopologyDesignStore.Diff(p.a, p.a).Count == 0 && (TopologyDesignStore.Diff(p.a, p.b).Count == 0) == (p.a == p.b || SameUpToOrder(p.a, p.b)));
    }

    /// <summary>Components and regions are matched by name, so a design that only reorders them is no change.</summary>
    private static bool SameUpToOrder(TopologyDesign a, TopologyDesign b) =>
        a with { Components = [.. a.Components.OrderBy(c => c.Name, StringComparer.Ordinal)], Regions = [.. a.Regions.OrderBy(r => r.Name, StringComparer.Ordinal)] }
        == b with { Components = [.. b.Components.OrderBy(c => c.Name, StringComparer.Ordinal)], Regions = [.. b.Regions.OrderBy(r => r.Name, StringComparer.Ordinal)] };
}
