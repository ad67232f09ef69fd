using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Planning;

namespace MetaNode.Operations.Tests.Topology.Planning;

/// <summary>The planner's steps and its refusals, with the quorum guard's arithmetic.</summary>
public sealed class TopologyPlannerTests
{
    private static readonly AppTopology Current = new()
    {
        Name = "my-app",
        Provider = ProviderKind.Local,
        Components = [new("blockchain", ComponentRole.Blockchain, 3), new("validator", ComponentRole.Validator, 5)],
    };

    private static readonly IReadOnlyList<NodeInfo> Running = [.. Nodes("blockchain", ComponentRole.Blockchain, 3), .. Nodes("validator", ComponentRole.Validator, 5)];

    private static readonly HashSet<string> AllHealthy = [.. Running.Select(n => n.Ref.Name)];

    [Fact]
    public void SameDesign_PlansNothing()
    {
        var plan = Plan(Design());

        Assert.True(plan.IsEmpty);
        Assert.False(plan.CanApply);
        Assert.Empty(plan.Refusals);
    }

    [Fact]
    public void OneMoreValidator_AddsItAndRaisesTheByzantineQuorum()
    {
        var plan = Plan(Design(validators: 6));

        Assert.Equal(
            [(PlanStepKind.AddNode, "validator-5"), (PlanStepKind.ChangeMembership, "validators")],
            plan.Steps.Select(s => (s.Kind, s.Target)));
        Assert.Contains("Validator set 5 → 6, quorum 4 → 5", plan.Steps[1].Description, StringComparison.Ordinal);
        Assert.True(plan.CanApply);
    }

    [Fact]
    public void FourValidatorsQuorumTwo_RemovesTheLastOneAndMayApply()
    {
        var plan = Plan(Design(validators: 4, quorum: 2));

        Assert.Equal(
            [(PlanStepKind.RemoveNode, "validator-4"), (PlanStepKind.ChangeMembership, "validators")],
            plan.Steps.Select(s => (s.Kind, s.Target)));
        Assert.Contains("quorum 4 → 2", plan.Steps[1].Description, StringComparison.Ordinal);
        Assert.True(plan.CanApply);
    }

    [Fact]
    public void RemovingValidators_WhenTooFewHealthyStay_IsRefusedWithTheNumbers()
    {
        HashSet<string> healthy = [.. AllHealthy.Except(["validator-0", "validator-1"])];

        var plan = Plan(Design(validators: 4), healthy);

        var refusal = Assert.Single(plan.Refusals);
        Assert.Equal("After the change 2 healthy validator(s) remain for a quorum of 3: the chain would halt. Heal the validators first, or keep more of them.", refusal);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public void AddingValidators_WhenTheNewOnesAreNeededForQuorum_WarnsThatTheChainPauses()
    {
        HashSet<string> healthy = [.. AllHealthy.Except(["validator-0", "validator-1"])];

        var plan = Plan(Design(validators: 7, quorum: 4), healthy);

        Assert.Empty(plan.Refusals);
        Assert.Equal("After the change 3 healthy validator(s) remain for a quorum of 4: the chain pauses until the 2 new validator(s) are up.", Assert.Single(plan.Warnings));
    }

    [Fact]
    public void QuorumAboveTheValidators_IsRefused()
    {
        var plan = Plan(Design(validators: 3, quorum: 4));

        Assert.Contains("Quorum 4 is more than the 3 validators: no block could ever commit.", plan.Refusals);
    }

    [Fact]
    public void RemovingTheOnlyHealthyBlockchainNode_IsRefused()
    {
        HashSet<string> healthy = [.. AllHealthy.Except(["blockchain-0", "blockchain-1"])];

        var plan = Plan(Design(blockchain: 2), healthy);

        Assert.Contains(plan.Refusals, r => r.StartsWith("Every healthy blockchain node (1) would be removed at once", StringComparison.Ordinal));
    }

    [Fact]
    public void WatchedApp_OrAnotherProvider_IsRefused()
    {
        var watched = TopologyPlanner.Plan(Current, Running, AllHealthy, Design(validators: 6), ProviderCapabilities.None);
        var moved = Plan(Design() with { Provider = ProviderKind.Docker });

        Assert.Contains(watched.Refusals, r => r.Contains("only watches", StringComparison.Ordinal));
        Assert.Contains(moved.Refusals, r => r.Contains("moving an app between providers", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(7, 5)]
    [InlineData(10, 7)]
    public void AnyValidatorCountWithAllHealthy_MayApplyAndStepsMatchTheDifference(int validators, int quorum)
    {
        var plan = Plan(Design(validators: validators, quorum: quorum));

        Assert.Empty(plan.Refusals);
        Assert.Equal(Math.Abs(validators - 5), plan.Steps.Count(s => s.Kind is PlanStepKind.AddNode or PlanStepKind.RemoveNode));
    }

    private static TopologyPlan Plan(TopologyDesign design, IReadOnlySet<string>? healthy = null) =>
        TopologyPlanner.Plan(Current, Running, healthy ?? AllHealthy, design, ProviderCapabilities.All);

    private static TopologyDesign Design(int blockchain = 3, int validators = 5, int? quorum = null)
    {
        var design = TopologyDesign.FromAppTopology(Current);
        return design with
        {
            Components = [.. design.Components.Select(c => c.Role == ComponentRole.Validator ? c with { Replicas = validators } : c with { Replicas = blockchain })],
            Policy = design.Policy with { Consensus = design.Policy.Consensus with { Quorum = quorum } },
        };
    }

    private static IEnumerable<NodeInfo> Nodes(string component, ComponentRole role, int count) =>
        Enumerable.Range(0, count).Select(i => new NodeInfo(
            new NodeRef("my-app", component, NodeRef.NameOf(component, i), role),
            NodeRunState.Running,
            new Uri($"http://127.0.0.1:{18500 + i}/"),
            null,
            null,
            DateTimeOffset.UnixEpoch,
            new Dictionary<string, string>()));
}
