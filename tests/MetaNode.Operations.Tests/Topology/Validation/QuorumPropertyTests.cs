using FsCheck.Fluent;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design.Validation;

namespace MetaNode.Operations.Tests.Topology.Validation;

/// <summary>The quorum rules against the arithmetic they stand for, over many validator sets.</summary>
public sealed class QuorumPropertyTests
{
    private static readonly FsCheck.Gen<(int Validators, int Quorum)> Sets =
        Gen.Choose(1, 200).SelectMany(n => Gen.Choose(1, n + 3), (n, q) => (n, q));

    private static HashSet<string> Rules(int validators, int quorum) =>
        [.. TopologyValidator.Validate(Designs.MyApp().WithReplicas("validator", validators).WithQuorum(quorum)).Select(i => i.Rule)];

    [Fact]
    public void QuorumRules_AnySet_FireExactlyWhenTheArithmeticSays()
    {
        Properties.Hold(Sets, s =>
        {
            var (n, q) = s;
            var rules = Rules(n, q);
            return rules.Contains(TopologyRules.QuorumExceedsValidators) == (q > n)
                && rules.Contains(TopologyRules.QuorumSplitBrain) == (q <= n && 2 * q <= n)
                && rules.Contains(TopologyRules.QuorumNotByzantineSafe) == (q <= n && q < (2 * n / 3) + 1)
                && rules.Contains(TopologyRules.ValidatorsFewerThanFour) == (n < 4);
        });
    }

    [Fact]
    public void QuorumWithoutWarnings_AnySet_TwoQuorumsShareMoreThanTheByzantineValidators()
    {
        Properties.Hold(Sets, s =>
        {
            var (n, q) = s;
            var rules = Rules(n, q);
            var warned = rules.Contains(TopologyRules.QuorumSplitBrain) || rules.Contains(TopologyRules.QuorumNotByzantineSafe) || rules.Contains(TopologyRules.QuorumExceedsValidators);
            var byzantine = (n - 1) / 3;
            // Two quorums of q out of n overlap in at least 2q − n validators; safety needs an honest one among them.
            return warned || ((2 * q) - n >= byzantine + 1 && QuorumMath.TolerableLosses(n, q) == n - q);
        });
    }

    [Fact]
    public void SplitBrain_AnySet_ImpliesNotByzantineSafe()
    {
        Properties.Hold(Sets, s => !Rules(s.Validators, s.Quorum).Contains(TopologyRules.QuorumSplitBrain) || Rules(s.Validators, s.Quorum).Contains(TopologyRules.QuorumNotByzantineSafe));
    }
}
