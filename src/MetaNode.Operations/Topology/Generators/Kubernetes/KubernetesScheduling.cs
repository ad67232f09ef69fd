using k8s.Models;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators.Kubernetes;

/// <summary>
/// Where a component's pods may run and how they keep apart: node affinity to the placement's
/// regions and zones, pod anti-affinity per the component's rule, and an even spread over the zones.
/// </summary>
internal static class KubernetesScheduling
{
    /// <summary>The pod's affinity; null when nothing restricts it.</summary>
    public static V1Affinity? Affinity(ComponentDesign component, IReadOnlyList<ZoneRef> zones, IDictionary<string, string> selector)
    {
        var affinity = new V1Affinity
        {
            NodeAffinity = zones.Count == 0 ? null : NodeAffinity(zones),
            PodAntiAffinity = PodAntiAffinity(component.AntiAffinity, zones, selector),
        };
        return affinity.NodeAffinity is null && affinity.PodAntiAffinity is null ? null : affinity;
    }

    /// <summary>
    /// An even spread over the zones (sizes differ by at most one, as the round-robin placement has
    /// them). A StatefulSet cannot pin ordinal i to zone i mod z; the scheduler's spread gives the
    /// same counts per zone, not the same ordinals. Hard for Required anti-affinity, soft otherwise.
    /// </summary>
    public static List<V1TopologySpreadConstraint>? Spread(ComponentDesign component, IReadOnlyList<ZoneRef> zones, IDictionary<string, string> selector)
    {
        if (zones.Count < 2)
        {
            return null;
        }

        var hard = component.AntiAffinity == Design.AntiAffinity.Required;
        return
        [
            new V1TopologySpreadConstraint
            {
                MaxSkew = 1,
                TopologyKey = KubernetesLabels.Zone,
                WhenUnsatisfiable = hard ? "DoNotSchedule" : "ScheduleAnyway",
                // With a zone missing from the cluster, count it as empty rather than spreading over the rest.
                MinDomains = hard ? Math.Min(zones.Count, component.Replicas) : null,
                LabelSelector = new V1LabelSelector { MatchLabels = selector },
            },
        ];
    }

    private static V1NodeAffinity NodeAffinity(IReadOnlyList<ZoneRef> zones) => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
        {
            NodeSelectorTerms =
            [
                new V1NodeSelectorTerm
                {
                    MatchExpressions =
                    [
                        new V1NodeSelectorRequirement
                        {
                            Key = KubernetesLabels.Region,
                            OperatorProperty = "In",
                            Values = [.. zones.Select(z => z.Region).Distinct(StringComparer.Ordinal)],
                        },
                        new V1NodeSelectorRequirement
                        {
                            Key = KubernetesLabels.Zone,
                            OperatorProperty = "In",
                            Values = [.. zones.Select(z => z.Zone).Distinct(StringComparer.Ordinal)],
                        },
                    ],
                },
            ],
        },
    };

    /// <summary>
    /// Required: never two replicas in one zone (with no zones in the design, never two on one host);
    /// Preferred: apart on hosts when the scheduler can; None: no rule.
    /// </summary>
    private static V1PodAntiAffinity? PodAntiAffinity(AntiAffinity rule, IReadOnlyList<ZoneRef> zones, IDictionary<string, string> selector) => rule switch
    {
        Design.AntiAffinity.Required => new V1PodAntiAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution =
            [
                new V1PodAffinityTerm
                {
                    TopologyKey = zones.Count > 0 ? KubernetesLabels.Zone : KubernetesLabels.Hostname,
                    LabelSelector = new V1LabelSelector { MatchLabels = selector },
                },
            ],
        },
        Design.AntiAffinity.Preferred => new V1PodAntiAffinity
        {
            PreferredDuringSchedulingIgnoredDuringExecution =
            [
                new V1WeightedPodAffinityTerm
                {
                    Weight = 100,
                    PodAffinityTerm = new V1PodAffinityTerm
                    {
                        TopologyKey = KubernetesLabels.Hostname,
                        LabelSelector = new V1LabelSelector { MatchLabels = selector },
                    },
                },
            ],
        },
        _ => null,
    };
}
