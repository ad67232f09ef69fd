using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>
/// Every node of a design with its zone, and who keeps the chain: the ordered validator set, its
/// quorum and the blockchain followers. Nodes are placed by <see cref="Placement"/>, as everywhere.
/// </summary>
internal sealed class ChainLayout
{
    private ChainLayout(IReadOnlyList<NodeSlot> nodes, int quorum)
    {
        Nodes = nodes;
        Validators = [.. nodes.Where(n => n.Component.Role == ComponentRole.Validator)];
        Followers = [.. nodes.Where(n => n.Component.Role == ComponentRole.Blockchain)];
        Quorum = quorum;
    }

    /// <summary>Every node, by component (design order) and ordinal.</summary>
    public IReadOnlyList<NodeSlot> Nodes { get; }

    /// <summary>The validator set in proposer order.</summary>
    public IReadOnlyList<NodeSlot> Validators { get; }

    /// <summary>The blockchain nodes, which follow what the validators commit.</summary>
    public IReadOnlyList<NodeSlot> Followers { get; }

    /// <summary>Votes a block needs (the policy's, or ⌊2n/3⌋+1); at least 1 when there are validators, as the providers start them.</summary>
    public int Quorum { get; }

    /// <summary>The layout of <paramref name="design"/>.</summary>
    public static ChainLayout Of(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var nodes = new List<NodeSlot>();
        foreach (var component in design.Components)
        {
            for (var ordinal = 0; ordinal < component.Replicas; ordinal++)
            {
                nodes.Add(new NodeSlot(component, ordinal, Placement.ZoneOf(design, component, ordinal)));
            }
        }

        var validators = design.ValidatorCount;
        var quorum = validators == 0 ? 0 : Math.Max(1, design.Policy.Consensus.Quorum ?? QuorumMath.ByzantineSafeQuorum(validators));
        return new ChainLayout(nodes, quorum);
    }

    /// <summary>The nodes of <paramref name="component"/>.</summary>
    public IEnumerable<NodeSlot> NodesOf(ComponentDesign component) => Nodes.Where(n => n.Component.Name == component.Name);
}
