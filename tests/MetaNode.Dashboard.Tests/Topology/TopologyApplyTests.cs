using MetaNode.Dashboard.Tests.Hubs;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Security;
using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Planning;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Topology;

/// <summary>
/// Applying a design to a real local cluster through the dashboard's services: the plan, the nodes
/// that appear and go away, the topology the monitor then judges by, the refusal of a plan that
/// would halt the chain, and the audit entry of each.
/// </summary>
[Collection(nameof(HostClusterCollection))]
public sealed class TopologyApplyTests : IAsyncLifetime
{
    private const string App = "apply-app";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TopologyApplier Applier => _host.Services.GetRequiredService<TopologyApplier>();

    private AppCatalog Catalog => _host.Services.GetRequiredService<AppCatalog>();

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(
            new() { DataDirectory = _data.Path, Settings = HostClusterCollection.LocalApp(App, validators: 3, blockchain: 1, interval: "00:00:00.500", timeout: "00:00:00.400", ports: (30300, 30399)) },
            Cancellation);
        await WaitForUpAsync(4);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Apply_MoreValidatorsAndABlockchainNode_NodesStartAndTheMonitorJudgesByTheNewTopology()
    {
        var design = Design(validators: 4, blockchain: 2, quorum: 3);

        var plan = Applier.Plan(design);
        Assert.Equal(
            ["blockchain-1", "validator-3"],
            plan.Steps.Where(s => s.Kind == PlanStepKind.AddNode).Select(s => s.Target).Order(StringComparer.Ordinal));
        Assert.True(plan.CanApply, string.Join(" ", plan.Refusals));

        await Applier.ApplyAsync(Operator(), design, Cancellation);

        await WaitForUpAsync(6);
        Assert.Equal(4, Catalog.Find(App)!.ValidatorCount);
        Assert.Equal(3, Catalog.Find(App)!.Consensus.Quorum);
        await Eventually.UntilAsync(
            () => Feed.Current.Apps.TryGetValue(App, out var health) && health.Components.Any(c => c.Name == "validator" && c.Total == 4),
            Deadline,
            "the overview to count 4 validators");
        Assert.True(Applier.Plan(design).IsEmpty);
        var entry = Assert.Single(await AuditAsync("topology.apply"));
        Assert.Equal((AuditOutcome.Succeeded, "olivia", App), (entry.Outcome, entry.ActorName, entry.App));
    }

    [Fact]
    public async Task Apply_WhenTooFewHealthyValidatorsWouldStay_IsRefusedAuditedAndChangesNothing()
    {
        var provider = _host.Services.GetRequiredService<ClusterRegistry>().For(App);
        var victim = provider.Nodes(App).First(n => n.Ref.Name == "validator-0");
        await provider.KillAsync(victim.Ref, Cancellation);
        await Eventually.UntilAsync(
            () => Feed.Current.NodesOf(App).Any(n => n.Node.Name == "validator-0" && n.Status == NodeStatus.Down),
            Deadline,
            "validator-0 to be Down");

        // 3 validators → 2 (validator-2 goes) with the BFT quorum 2: only validator-1 is healthy and stays.
        var refused = await Assert.ThrowsAsync<OperationValidationException>(() => Applier.ApplyAsync(Operator(), Design(validators: 2, blockchain: 1, quorum: null), Cancellation));

        Assert.Contains("1 healthy validator(s) remain for a quorum of 2: the chain would halt", refused.Errors["plan"], StringComparison.Ordinal);
        Assert.Equal(3, provider.Nodes(App).Count(n => n.Ref.Role == ComponentRole.Validator));
        Assert.Equal(3, Catalog.Find(App)!.ValidatorCount);
        Assert.Equal(AuditOutcome.Failed, Assert.Single(await AuditAsync("topology.apply")).Outcome);
    }

    [Fact]
    public async Task Apply_ByAViewer_IsDeniedInTheService()
    {
        var viewer = Operator() with { Name = "victor", Role = DashboardRole.Viewer };

        await Assert.ThrowsAsync<OperationDeniedException>(() => Applier.ApplyAsync(viewer, Design(validators: 4, blockchain: 1, quorum: null), Cancellation));

        Assert.Equal(AuditOutcome.Denied, Assert.Single(await AuditAsync("topology.apply")).Outcome);
        Assert.Equal(3, Catalog.Find(App)!.ValidatorCount);
    }

    private IHealthFeed Feed => _host.Services.GetRequiredService<IHealthFeed>();

    private TopologyDesign Design(int validators, int blockchain, int? quorum)
    {
        var design = TopologyDesign.FromAppTopology(Catalog.Find(App)!);
        return design with
        {
            Components = [.. design.Components.Select(c => c with { Replicas = c.Role == ComponentRole.Validator ? validators : blockchain })],
            Policy = design.Policy with { Consensus = design.Policy.Consensus with { Quorum = quorum } },
        };
    }

    private Task WaitForUpAsync(int count) => Eventually.UntilAsync(
        () => Feed.Current.NodesOf(App).Count(n => n.Status == NodeStatus.Up) == count,
        Deadline,
        $"{count} nodes of {App} to be Up");

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = action }, Cancellation);

    private static Actor Operator() => new(ActorKind.User, "u-olivia", "olivia", DashboardRole.Operator, null, "127.0.0.1", Guid.NewGuid().ToString("N"));
}
