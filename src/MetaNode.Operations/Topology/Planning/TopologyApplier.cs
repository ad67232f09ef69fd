using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Security;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Planning;

/// <summary>
/// Plans a design against what runs and applies it through the app's provider. Applying re-plans
/// inside the gate, so a plan shown minutes ago cannot apply something the cluster no longer allows.
/// </summary>
public sealed class TopologyApplier(ClusterRegistry registry, AppCatalog catalog, IHealthFeed feed, OperationGate gate)
{
    /// <summary>The plan for <paramref name="desired"/> now.</summary>
    /// <exception cref="ClusterOperationException">There is no app of that name.</exception>
    public TopologyPlan Plan(TopologyDesign desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var current = catalog.Find(desired.Name) ?? throw new ClusterOperationException($"there is no app named {desired.Name}");
        var provider = registry.For(desired.Name);
        var healthy = feed.Current.NodesOf(desired.Name)
            .Where(n => n.Status == NodeStatus.Up)
            .Select(n => n.Node.Name)
            .ToHashSet(StringComparer.Ordinal);
        return TopologyPlanner.Plan(current, provider.Nodes(desired.Name), healthy, desired, provider.Capabilities);
    }

    /// <summary>
    /// Applies <paramref name="desired"/> (Operator; audited as <c>topology.apply</c>): the provider
    /// creates and removes nodes, and the app's topology becomes the design's.
    /// </summary>
    /// <exception cref="OperationValidationException">The plan is refused; the errors say why.</exception>
    public Task<TopologyPlan> ApplyAsync(Actor actor, TopologyDesign desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var request = new OperationRequest(
            "topology.apply",
            desired.Name,
            DashboardRole.Operator,
            desired.Name,
            new { components = desired.Components.Select(c => new { c.Name, c.Replicas }), quorum = desired.Policy.Consensus.Quorum });
        return gate.RunAsync(
            actor,
            request,
            async ct =>
            {
                var plan = Plan(desired);
                if (plan.Refusals.Count > 0)
                {
                    throw new OperationValidationException(new Dictionary<string, string>(StringComparer.Ordinal) { ["plan"] = string.Join(" ", plan.Refusals) });
                }

                if (plan.IsEmpty)
                {
                    return plan;
                }

                var topology = desired.ToAppTopology();
                await registry.For(desired.Name).ApplyAsync(topology, ct);
                catalog.Apply(topology);
                return plan;
            },
            cancellationToken);
    }
}
