namespace MetaNode.Operations.Topology.Design.Analysis;

/// <summary>
/// Whether one component keeps working after losing nodes, worst case, with the arithmetic as a
/// sentence. Validators are judged as one set against the quorum; blockchain and agreement nodes
/// each serve alone; ipfs content has replication-factor copies on arbitrary nodes, so a loss
/// may hit every copy of some piece of content.
/// </summary>
internal static class LossJudge
{
    public static ComponentTolerance Tolerance(TopologyDesign design, ComponentDesign component)
    {
        var n = component.Replicas;
        var (losses, reason) = n <= 0
            ? (0, $"no replicas: {component.Name} is not running")
            : component.Role switch
            {
                ComponentRole.Validator => ValidatorTolerance(design),
                ComponentRole.Ipfs => ContentTolerance(design, component),
                ComponentRole.Blockchain => (n - 1, $"{Nodes(n, component)} serve RPC while one remains: survives {Losses(n - 1)}"),
                _ => (n - 1, $"{Nodes(n, component)} serve while one remains: survives {Losses(n - 1)}"),
            };
        return new ComponentTolerance(component.Name, component.Role, n, losses, reason);
    }

    /// <summary>Judges <paramref name="component"/> losing <paramref name="lost"/> nodes (and the validator set <paramref name="validatorsLost"/>) in <paramref name="where"/>.</summary>
    public static OutageImpact Outage(TopologyDesign design, ComponentDesign component, int lost, int validatorsLost, string where)
    {
        var n = component.Replicas;
        var (survives, reason) = component.Role switch
        {
            _ when n <= 0 => (true, $"no replicas: {component.Name} is not running"),
            ComponentRole.Validator => ValidatorOutage(design, validatorsLost, where),
            _ when lost == 0 => (true, $"none of the {Nodes(n, component)} are in {where}"),
            _ when lost >= n => (false, $"loses all {Nodes(n, component)} in {where}: {component.Name} is down"),
            ComponentRole.Ipfs => ContentOutage(design, component, lost, where),
            ComponentRole.Blockchain => (true, $"loses {lost} of {Nodes(n, component)} in {where}; {Serve(n - lost)} RPC"),
            _ => (true, $"loses {lost} of {Nodes(n, component)} in {where}; {Serve(n - lost)}"),
        };
        return new OutageImpact(component.Name, lost, n, survives, reason);
    }

    private static (int, string) ValidatorTolerance(TopologyDesign design)
    {
        var (n, q) = ValidatorSet(design);
        if (q > n)
        {
            return (0, $"{n} validators cannot reach quorum {q}: the chain cannot commit at all");
        }

        var tolerable = QuorumMath.TolerableLosses(n, q);
        return (tolerable, $"{n} validators, quorum {q}: survives {Losses(tolerable)} ({n} − {q}); {Losses(tolerable + 1)} leave {q - 1} < {q} and the chain halts");
    }

    private static (bool, string) ValidatorOutage(TopologyDesign design, int lost, string where)
    {
        var (n, q) = ValidatorSet(design);
        var remain = n - lost;
        return lost == 0
            ? (remain >= q, $"none of the {n} validators are in {where}{(remain >= q ? string.Empty : $", but {n} < quorum {q}: the chain cannot commit")}")
            : remain >= q
                ? (true, $"loses {lost} of {n} validators in {where}; {remain} remain ≥ quorum {q}: the chain keeps committing")
                : (false, $"loses {lost} of {n} validators in {where}; {remain} remain < quorum {q}: the chain halts");
    }

    private static (int, string) ContentTolerance(TopologyDesign design, ComponentDesign component)
    {
        var (copies, needed, consistency) = Content(design, component);
        var tolerable = copies - needed;
        var head = $"{Nodes(component.Replicas, component)} keep {copies} {(copies == 1 ? "copy" : "copies")} of each content";
        return design.Policy.Replication.Consistency switch
        {
            Consistency.All => (0, $"{head}; writes need all {copies}: any loss stops writes to the content it held"),
            Consistency.One => (tolerable, $"{head}; writes need 1: survives {Losses(tolerable)}; {Losses(copies)} can take every copy of some content"),
            _ => (tolerable, $"{head}; {consistency} writes need {needed} of {copies}: survives {Losses(tolerable)}; {Losses(tolerable + 1)} can leave some content {needed - 1} of {copies} and stop its writes"),
        };
    }

    private static (bool, string) ContentOutage(TopologyDesign design, ComponentDesign component, int lost, string where)
    {
        var (copies, needed, consistency) = Content(design, component);
        var head = $"loses {lost} of {Nodes(component.Replicas, component)} in {where}";
        var hit = Math.Min(lost, copies);
        return lost <= copies - needed
            ? (true, $"{head}; content keeps at least {copies - lost} of {copies} copies, {needed} needed for {consistency} writes: reads and writes go on")
            : lost >= copies
                ? (false, $"{head}; content with all {copies} copies there is lost until they return")
                : (false, $"{head}; content with {hit} of its {copies} copies there keeps {copies - hit} < {needed} needed for {consistency} writes: its writes stop");
    }

    /// <summary>Copies of each content (the replication factor, within 1..replicas) and copies a write needs.</summary>
    private static (int Copies, int Needed, string Consistency) Content(TopologyDesign design, ComponentDesign component)
    {
        var replication = design.Policy.Replication;
        var copies = Math.Clamp(replication.ReplicationFactor, 1, Math.Max(1, component.Replicas));
        var needed = replication.Consistency switch
        {
            Consistency.One => 1,
            Consistency.All => copies,
            _ => (copies / 2) + 1,
        };
        return (copies, needed, replication.Consistency.ToString().ToLowerInvariant());
    }

    private static (int Validators, int Quorum) ValidatorSet(TopologyDesign design)
    {
        var n = design.ValidatorCount;
        return (n, design.Policy.Consensus.Quorum ?? QuorumMath.ByzantineSafeQuorum(n));
    }

    private static string Nodes(int count, ComponentDesign component) => $"{count} {component.Name} node{(count == 1 ? string.Empty : "s")}";

    private static string Serve(int count) => $"{count} still serve{(count == 1 ? "s" : string.Empty)}";

    private static string Losses(int count) => $"{count} loss{(count == 1 ? string.Empty : "es")}";
}
