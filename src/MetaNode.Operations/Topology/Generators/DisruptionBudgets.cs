using System.Globalization;
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
            var losses = MaxUnavailable(design.Policy.Maintenance.MaxUnavailable, component.Replicas);
            if (component.Role == ComponentRole.Validator)
            {
                losses = Math.Min(losses, validatorLosses);
                validatorLosses -= losses;
            }

            budgets[component.Name] = component.Replicas - losses;
        }

        return budgets;
    }

    /// <summary>
    /// Replicas of <paramref name="replicas"/> that may be down at once under <paramref name="text"/>
    /// (<c>1</c> or <c>25%</c>): a percentage rounds down but allows at least one, so maintenance can
    /// progress; text that is neither (validation reports it) allows one.
    /// </summary>
    public static int MaxUnavailable(string text, int replicas)
    {
        if (replicas <= 0)
        {
            return 0;
        }

        var trimmed = (text ?? string.Empty).Trim();
        var percent = trimmed.EndsWith('%');
        var valid = int.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1;
        var count = !valid ? 1 : percent ? replicas * Math.Min(value, 100) / 100 : value;
        return Math.Clamp(count, 1, replicas);
    }
}
