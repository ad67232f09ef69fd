using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>
/// How many replicas of each component must stay up during voluntary disruptions (drains,
/// rolling updates, maintenance): the Kubernetes PodDisruptionBudget's <c>minAvailable</c>.
/// </summary>
internal static class DisruptionBudgets
{
    /// <summary>
    /// <c>minAvailable</c> by component name. Every component may lose at most the maintenance
    /// policy's max unavailable. Validators are further bound by the quorum: all validator
    /// components together may lose at most n − q, handed out in design order, so that no set of
    /// allowed evictions leaves fewer than q validators (a pod under two budgets cannot be evicted
    /// at all, so one budget spanning every validator component is not an option).
    /// </summary>
    public static IReadOnlyDictionary<string, int> MinAvailable(TopologyDesign design, ChainLayout layout)
    {
        var budgets = new Dictionary<string, int>(StringComparer.Ordinal);
        var validatorLosses = Math.Max(0, layout.Validators.Count - layout.Quorum);
        foreach (var component in design.Components)
        {
            // Text that is no max unavailable (validation reports it) allows one at a time.
            var losses = MaxUnavailable.TryParse(design.Policy.Maintenance.MaxUnavailable, out var max)
                ? max.For(component.Replicas)
                : Math.Min(1, component.Replicas);
            if (component.Role == ComponentRole.Validator)
            {
                losses = Math.Min(losses, validatorLosses);
                validatorLosses -= losses;
            }

            budgets[component.Name] = component.Replicas - losses;
        }

        return budgets;
    }
}
