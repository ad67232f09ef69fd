using System.Globalization;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Planning;

/// <summary>
/// Turns (what runs, what is designed, who is healthy) into a plan, and refuses the unsafe ones
/// with the numbers. Pure: the page shows the plan, the applier executes the same plan.
/// </summary>
public static class TopologyPlanner
{
    /// <param name="current">The topology the app runs under now.</param>
    /// <param name="nodes">The provider's nodes of the app.</param>
    /// <param name="healthy">Names of the nodes the monitor sees Up now.</param>
    /// <param name="desired">The design to apply.</param>
    /// <param name="capabilities">What the app's provider can do.</param>
    public static TopologyPlan Plan(
        AppTopology current,
        IReadOnlyList<NodeInfo> nodes,
        IReadOnlySet<string> healthy,
        TopologyDesign desired,
        ProviderCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(healthy);
        ArgumentNullException.ThrowIfNull(desired);
        var target = desired.ToAppTopology();
        var refusals = new List<string>();
        var warnings = new List<string>();

        if (!capabilities.HasFlag(ProviderCapabilities.Apply))
        {
            refusals.Add($"{current.Name} runs on {current.Provider}, which the dashboard only watches: deploy the exported files instead.");
        }

        if (desired.Provider != current.Provider)
        {
            refusals.Add($"The design puts {current.Name} on {desired.Provider} but it runs on {current.Provider}; moving an app between providers is a migration, not an apply.");
        }

        var existing = nodes.Select(n => n.Ref.Name).ToHashSet(StringComparer.Ordinal);
        var wanted = target.Components
            .SelectMany(c => Enumerable.Range(0, Math.Max(0, c.Replicas)).Select(i => (Component: c, Name: NodeRef.NameOf(c.Name, i))))
            .ToList();
        var wantedNames = wanted.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        var steps = new List<PlanStep>();

        foreach (var (component, name) in wanted.Where(w => !existing.Contains(w.Name)))
        {
            steps.Add(new PlanStep(PlanStepKind.AddNode, name, $"Create and start {name} ({component.Role.ToString().ToLowerInvariant()})."));
        }

        foreach (var node in nodes.Where(n => !wantedNames.Contains(n.Ref.Name)).OrderByDescending(n => n.Ref.Name, StringComparer.Ordinal))
        {
            var state = healthy.Contains(node.Ref.Name) ? "healthy" : "not healthy";
            steps.Add(new PlanStep(PlanStepKind.RemoveNode, node.Ref.Name, $"Stop and remove {node.Ref.Name} (now {state}); its chain data is deleted."));
        }

        AddMembershipStep(current, target, steps);
        AddSettingSteps(current, target, steps);
        CheckQuorum(nodes, healthy, target, wantedNames, refusals, warnings);
        CheckEntryPoint(nodes, healthy, target, wantedNames, refusals);

        return new TopologyPlan(current.Name, steps, refusals, warnings);
    }

    private static void AddMembershipStep(AppTopology current, AppTopology target, List<PlanStep> steps)
    {
        var (before, after) = (current.ValidatorCount, target.ValidatorCount);
        var (quorumBefore, quorumAfter) = (current.Consensus.EffectiveQuorum(before), target.Consensus.EffectiveQuorum(after));
        if (before != after || quorumBefore != quorumAfter)
        {
            steps.Add(new PlanStep(
                PlanStepKind.ChangeMembership,
                "validators",
                string.Create(CultureInfo.InvariantCulture, $"Validator set {before} → {after}, quorum {quorumBefore} → {quorumAfter}: every node is told the new set.")));
        }
    }

    private static void AddSettingSteps(AppTopology current, AppTopology target, List<PlanStep> steps)
    {
        if (current.HealthChecks != target.HealthChecks)
        {
            steps.Add(new PlanStep(
                PlanStepKind.ChangeSetting,
                "health checks",
                string.Create(CultureInfo.InvariantCulture, $"Probe every {target.HealthChecks.Interval.TotalMilliseconds:0} ms with a {target.HealthChecks.Timeout.TotalMilliseconds:0} ms timeout, Down after {target.HealthChecks.Retries + 1} misses.")));
        }

        if (current.Consensus.BlockTime != target.Consensus.BlockTime || current.Consensus.Timeout != target.Consensus.Timeout)
        {
            steps.Add(new PlanStep(
                PlanStepKind.ChangeSetting,
                "consensus timing",
                string.Create(CultureInfo.InvariantCulture, $"Block time {target.Consensus.BlockTime.TotalSeconds:0.###} s and proposer timeout {target.Consensus.Timeout.TotalSeconds:0.###} s apply to nodes started from now on.")));
        }
    }

    /// <summary>The quorum guard: the validators left healthy after the change must still reach the new quorum.</summary>
    private static void CheckQuorum(
        IReadOnlyList<NodeInfo> nodes,
        IReadOnlySet<string> healthy,
        AppTopology target,
        IReadOnlySet<string> wantedNames,
        List<string> refusals,
        List<string> warnings)
    {
        var validators = target.ValidatorCount;
        if (validators == 0)
        {
            return;
        }

        var quorum = target.Consensus.EffectiveQuorum(validators);
        if (quorum > validators)
        {
            refusals.Add($"Quorum {quorum} is more than the {validators} validators: no block could ever commit.");
            return;
        }

        // New validators start empty and count only once they serve; the healthy ones that stay carry the chain meanwhile.
        var staying = nodes.Count(n => n.Ref.Role == ComponentRole.Validator && wantedNames.Contains(n.Ref.Name) && healthy.Contains(n.Ref.Name));
        var added = validators - nodes.Count(n => n.Ref.Role == ComponentRole.Validator && wantedNames.Contains(n.Ref.Name));
        if (staying < quorum)
        {
            var message = $"After the change {staying} healthy validator(s) remain for a quorum of {quorum}";
            if (staying + added >= quorum)
            {
                warnings.Add($"{message}: the chain pauses until the {added} new validator(s) are up.");
            }
            else
            {
                refusals.Add($"{message}: the chain would halt. Heal the validators first, or keep more of them.");
            }
        }
    }

    /// <summary>The RPC entry point must keep at least one healthy blockchain node behind it.</summary>
    private static void CheckEntryPoint(
        IReadOnlyList<NodeInfo> nodes,
        IReadOnlySet<string> healthy,
        AppTopology target,
        IReadOnlySet<string> wantedNames,
        List<string> refusals)
    {
        var serving = nodes.Count(n => n.Ref.Role == ComponentRole.Blockchain && healthy.Contains(n.Ref.Name));
        var staying = nodes.Count(n => n.Ref.Role == ComponentRole.Blockchain && healthy.Contains(n.Ref.Name) && wantedNames.Contains(n.Ref.Name));
        var wantsBlockchain = target.Components.Any(c => c.Role == ComponentRole.Blockchain && c.Replicas > 0);
        if (serving > 0 && staying == 0 && wantsBlockchain)
        {
            refusals.Add($"Every healthy blockchain node ({serving}) would be removed at once: JSON-RPC clients would get no answer until the new ones sync.");
        }
    }
}
