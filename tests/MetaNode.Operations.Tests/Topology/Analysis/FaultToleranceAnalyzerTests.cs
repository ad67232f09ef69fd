using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Analysis;
using static MetaNode.Operations.Tests.Topology.Designs;

namespace MetaNode.Operations.Tests.Topology.Analysis;

/// <summary>What my-app and variants of it survive, and the sentences that say why.</summary>
public sealed class FaultToleranceAnalyzerTests
{
    private static ComponentTolerance Row(FaultToleranceReport report, string component) => report.Components.Single(c => c.Component == component);

    [Fact]
    public void Analyze_MyApp_GivesEachComponentsLossesWithTheArithmetic()
    {
        var report = FaultToleranceAnalyzer.Analyze(MyApp());

        Assert.Equal(1, Row(report, "validator").TolerableLosses);
        Assert.Equal("5 validators, quorum 4: survives 1 loss (5 − 4); 2 losses leave 3 < 4 and the chain halts", Row(report, "validator").Reason);
        Assert.Equal(2, Row(report, "blockchain").TolerableLosses);
        Assert.Equal("3 blockchain nodes serve RPC while one remains: survives 2 losses", Row(report, "blockchain").Reason);
        Assert.Equal(1, Row(report, "agreement").TolerableLosses);
        Assert.Equal(1, Row(report, "ipfs").TolerableLosses);
        Assert.Equal("3 ipfs nodes keep 3 copies of each content; quorum writes need 2 of 3: survives 1 loss; 2 losses can leave some content 1 of 3 and stop its writes", Row(report, "ipfs").Reason);
        Assert.Equal(1, report.TolerableLosses);
    }

    [Fact]
    public void Analyze_MyAppLosingZoneA_HaltsTheChainBecauseTwoOfFiveValidatorsAreThere()
    {
        var report = FaultToleranceAnalyzer.Analyze(MyApp());

        var zoneA = report.Outages.Single(o => o.Name == "eu-west-1/eu-west-1a");
        var validators = zoneA.Impacts.Single(i => i.Component == "validator");

        Assert.Equal(OutageScope.Zone, zoneA.Scope);
        Assert.False(zoneA.AppSurvives);
        Assert.Equal(2, validators.Lost);
        Assert.Equal("loses 2 of 5 validators in eu-west-1a; 3 remain < quorum 4: the chain halts", validators.Reason);
        Assert.Equal("loses 1 of 3 blockchain nodes in eu-west-1a; 2 still serve RPC", zoneA.Impacts.Single(i => i.Component == "blockchain").Reason);
        Assert.True(zoneA.Impacts.Single(i => i.Component == "ipfs").Survives);
    }

    [Fact]
    public void Analyze_MyAppLosingZoneC_KeepsCommittingWithFourValidators()
    {
        var zoneC = FaultToleranceAnalyzer.Analyze(MyApp()).Outages.Single(o => o.Name == "eu-west-1/eu-west-1c");

        Assert.True(zoneC.AppSurvives);
        Assert.Equal("loses 1 of 5 validators in eu-west-1c; 4 remain ≥ quorum 4: the chain keeps committing", zoneC.Impacts.Single(i => i.Component == "validator").Reason);
        Assert.Equal("none of the 2 agreement nodes are in eu-west-1c", zoneC.Impacts.Single(i => i.Component == "agreement").Reason);
    }

    [Fact]
    public void Analyze_MyAppLosingItsOnlyRegion_LosesEverything()
    {
        var report = FaultToleranceAnalyzer.Analyze(MyApp());

        var region = report.Outages.Single(o => o.Scope == OutageScope.Region);

        Assert.False(region.AppSurvives);
        Assert.Equal("loses all 3 blockchain nodes in eu-west-1: blockchain is down", region.Impacts.Single(i => i.Component == "blockchain").Reason);
        Assert.False(report.SurvivesAnyZoneLoss);
        Assert.False(report.SurvivesAnyRegionLoss);
    }

    [Fact]
    public void Analyze_FourValidatorsInFourZones_SurvivesEveryZoneButNotTheRegion()
    {
        var design = MyApp().WithReplicas("validator", 4).WithQuorum(null) with
        {
            Regions = [new RegionSpec(Region, ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d"])],
        };

        var report = FaultToleranceAnalyzer.Analyze(design);

        Assert.True(report.SurvivesAnyZoneLoss);
        Assert.False(report.SurvivesAnyRegionLoss);
        Assert.Equal(5, report.Outages.Count);
    }

    [Fact]
    public void Analyze_ByzantineSafeQuorumOverThreeZones_NeverSurvivesTheLargestZone()
    {
        // ⌊2n/3⌋+1 leaves fewer than ⌈n/3⌉ to lose, and the largest of three zones holds ⌈n/3⌉.
        foreach (var validators in Enumerable.Range(4, 30))
        {
            var report = FaultToleranceAnalyzer.Analyze(MyApp().WithReplicas("validator", validators).WithQuorum(null));

            Assert.False(report.SurvivesAnyZoneLoss);
        }
    }

    [Fact]
    public void Analyze_IpfsLosingTwoOfThreeCopies_StopsWritesOfThatContent()
    {
        var design = MyApp().WithComponent("ipfs", c => c with { Zones = [ZoneA, ZoneA, ZoneB] });

        var ipfs = FaultToleranceAnalyzer.Analyze(design).Outages.Single(o => o.Name == "eu-west-1/eu-west-1a").Impacts.Single(i => i.Component == "ipfs");

        Assert.False(ipfs.Survives);
        Assert.Equal("loses 2 of 3 ipfs nodes in eu-west-1a; content with 2 of its 3 copies there keeps 1 < 2 needed for quorum writes: its writes stop", ipfs.Reason);
    }

    [Fact]
    public void Analyze_IpfsLosingEveryNode_IsDown()
    {
        var design = MyApp().WithComponent("ipfs", c => c with { Zones = [ZoneA] });

        var ipfs = FaultToleranceAnalyzer.Analyze(design).Outages.Single(o => o.Name == "eu-west-1/eu-west-1a").Impacts.Single(i => i.Component == "ipfs");

        Assert.False(ipfs.Survives);
        Assert.Equal("loses all 3 ipfs nodes in eu-west-1a: ipfs is down", ipfs.Reason);
    }

    [Fact]
    public void Analyze_IpfsLosingEveryCopyButNotEveryNode_LosesThatContent()
    {
        var design = MyApp().WithReplicas("ipfs", 4).WithComponent("ipfs", c => c with { Zones = [ZoneA, ZoneA, ZoneA, ZoneB] });

        var ipfs = FaultToleranceAnalyzer.Analyze(design).Outages.Single(o => o.Name == "eu-west-1/eu-west-1a").Impacts.Single(i => i.Component == "ipfs");

        Assert.Equal("loses 3 of 4 ipfs nodes in eu-west-1a; content with all 3 copies there is lost until they return", ipfs.Reason);
    }

    [Fact]
    public void Analyze_ConsistencyAll_SurvivesNoIpfsLoss()
    {
        var design = MyApp().WithPolicy(p => p with { Replication = p.Replication with { Consistency = Consistency.All } });

        var report = FaultToleranceAnalyzer.Analyze(design);

        Assert.Equal(0, Row(report, "ipfs").TolerableLosses);
        Assert.Equal(0, report.TolerableLosses);
        Assert.StartsWith("one node loss can stop the app: ipfs survives none", report.Reason, StringComparison.Ordinal);
        var zoneA = report.Outages.First().Impacts.Single(i => i.Component == "ipfs");
        Assert.Equal("loses 1 of 3 ipfs nodes in eu-west-1a; content with 1 of its 3 copies there keeps 2 < 3 needed for all writes: its writes stop", zoneA.Reason);
    }

    [Fact]
    public void Analyze_QuorumAboveValidators_SurvivesNothing()
    {
        var report = FaultToleranceAnalyzer.Analyze(MyApp().WithQuorum(6));

        Assert.Equal("5 validators cannot reach quorum 6: the chain cannot commit at all", Row(report, "validator").Reason);
        Assert.Equal(0, report.TolerableLosses);
        Assert.All(report.Outages, o => Assert.False(o.AppSurvives));
    }

    [Fact]
    public void Analyze_WithoutRegions_HasNoOutagesToJudge()
    {
        var report = FaultToleranceAnalyzer.Analyze(MyApp() with { Regions = [] });

        Assert.Empty(report.Outages);
        Assert.False(report.SurvivesAnyZoneLoss);
    }

    [Fact]
    public void Analyze_ComponentWithoutReplicas_IsNotRunningAndDoesNotBoundTheApp()
    {
        var report = FaultToleranceAnalyzer.Analyze(MyApp().WithReplicas("agreement", 0));

        Assert.Equal("no replicas: agreement is not running", Row(report, "agreement").Reason);
        Assert.Equal(1, report.TolerableLosses);
    }
}
