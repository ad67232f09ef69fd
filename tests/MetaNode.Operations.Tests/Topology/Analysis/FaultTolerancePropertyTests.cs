using FsCheck.Fluent;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Analysis;

namespace MetaNode.Operations.Tests.Topology.Analysis;

/// <summary>The analysis against a brute-force count of nodes, over random designs.</summary>
public sealed class FaultTolerancePropertyTests
{
    private static readonly FsCheck.Gen<TopologyDesign> Designs =
        from regions in Gen.Choose(1, 3)
        from zones in Gen.Choose(1, 3)
        from validators in Gen.Choose(0, 12)
        from quorum in Gen.Choose(0, 13)
        from blockchain in Gen.Choose(0, 6)
        from agreement in Gen.Choose(0, 4)
        from ipfs in Gen.Choose(0, 6)
        from factor in Gen.Choose(1, 5)
        from consistency in Gen.Elements(Consistency.One, Consistency.Quorum, Consistency.All)
        select Topology.Designs.MyApp() with
        {
            Regions = [.. Enumerable.Range(0, regions).Select(r => new RegionSpec($"r{r}", [.. Enumerable.Range(0, zones).Select(z => $"r{r}z{z}")]))],
            Components =
            [
                ComponentDesign.Default("validator", ComponentRole.Validator, validators),
                ComponentDesign.Default("blockchain", ComponentRole.Blockchain, blockchain),
                ComponentDesign.Default("agreement", ComponentRole.Agreement, agreement),
                ComponentDesign.Default("ipfs", ComponentRole.Ipfs, ipfs),
            ],
            Policy = HaPolicy.Default with
            {
                Consensus = HaPolicy.Default.Consensus with { Quorum = quorum == 0 ? null : quorum },
                Replication = HaPolicy.Default.Replication with { ReplicationFactor = factor, Consistency = consistency },
            },
        };

    [Fact]
    public void Outages_AnyDesign_SurviveExactlyWhenTheLossIsWithinTheTolerance()
    {
        Properties.Hold(Designs, tests: 150, property: design =>
        {
            var report = FaultToleranceAnalyzer.Analyze(design);
            var tolerance = report.Components.ToDictionary(c => c.Component);
            return report.Outages.All(outage =>
            {
                var validatorsLost = outage.Impacts.Where(i => i.Component == "validator").Sum(i => i.Lost);
                // A validator set that cannot reach its quorum is down before anything is lost.
                var quorumReachable = (design.Policy.Consensus.Quorum ?? 0) <= design.ValidatorCount;
                return outage.AppSurvives == outage.Impacts.All(i => i.Survives)
                    && outage.Impacts.All(i => i.Replicas == 0 || i.Survives == (i.Component == "validator"
                        ? quorumReachable && validatorsLost <= tolerance[i.Component].TolerableLosses
                        : i.Lost <= tolerance[i.Component].TolerableLosses));
            });
        });
    }

    [Fact]
    public void Outages_AnyDesign_CountEveryNodeOnceInZonesAndOnceInRegions()
    {
        Properties.Hold(Designs, tests: 150, property: design =>
        {
            var report = FaultToleranceAnalyzer.Analyze(design);
            return design.Components.All(c =>
                report.Outages.Where(o => o.Scope == OutageScope.Zone).Sum(o => o.Impacts.Single(i => i.Component == c.Name).Lost) == c.Replicas
                && report.Outages.Where(o => o.Scope == OutageScope.Region).Sum(o => o.Impacts.Single(i => i.Component == c.Name).Lost) == c.Replicas);
        });
    }

    [Fact]
    public void Validators_AnyDesign_ToleranceIsValidatorsOverQuorumNeverNegative()
    {
        Properties.Hold(Designs, tests: 150, property: design =>
        {
            var n = design.ValidatorCount;
            var q = design.Policy.Consensus.Quorum ?? QuorumMath.ByzantineSafeQuorum(n);
            var row = FaultToleranceAnalyzer.Analyze(design).Components.Single(c => c.Role == ComponentRole.Validator);
            // Losing exactly the tolerance leaves a quorum; one more does not (when a quorum was reachable at all).
            return row.TolerableLosses == Math.Max(0, n - q) && (n == 0 || q > n || (n - row.TolerableLosses >= q && n - row.TolerableLosses - 1 < q));
        });
    }

    [Fact]
    public void App_AnyDesign_ToleratesWhatItsWeakestRunningComponentDoes()
    {
        Properties.Hold(Designs, tests: 150, property: design =>
        {
            var report = FaultToleranceAnalyzer.Analyze(design);
            var running = report.Components.Where(c => c.Replicas > 0).ToList();
            return report.TolerableLosses == (running.Count == 0 ? 0 : running.Min(c => c.TolerableLosses))
                && report.Components.All(c => c.TolerableLosses >= 0 && c.TolerableLosses <= Math.Max(0, c.Replicas - 1));
        });
    }

    [Fact]
    public void Ipfs_AnyDesign_ToleranceMatchesABruteForceOverLostCopies()
    {
        Properties.Hold(Designs, tests: 150, property: design =>
        {
            var ipfs = design.Component("ipfs")!;
            var row = FaultToleranceAnalyzer.Analyze(design).Components.Single(c => c.Component == "ipfs");
            if (ipfs.Replicas == 0)
            {
                return row.TolerableLosses == 0;
            }

            var copies = Math.Clamp(design.Policy.Replication.ReplicationFactor, 1, ipfs.Replicas);
            var needed = design.Policy.Replication.Consistency switch { Consistency.One => 1, Consistency.All => copies, _ => (copies / 2) + 1 };
            // The most nodes that can be lost while any content (worst case: all its copies among the lost) still has enough copies.
            var brute = Enumerable.Range(0, ipfs.Replicas).Last(lost => Enumerable.Range(0, lost + 1).All(k => copies - Math.Min(k, copies) >= needed || k > lost));
            return row.TolerableLosses == brute;
        });
    }
}
