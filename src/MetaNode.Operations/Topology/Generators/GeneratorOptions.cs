namespace MetaNode.Operations.Topology.Generators;

/// <summary>What the generators need beyond the design itself.</summary>
public sealed record GeneratorOptions
{
    /// <summary>
    /// The chain's genesis time. Every node of one chain must be started with the same value (it is
    /// part of the genesis block's hash and anchors the proposer schedule), so keep it for the life
    /// of the app: regenerating with another value and applying it starts a new chain.
    /// </summary>
    public required DateTimeOffset GenesisTime { get; init; }

    /// <summary>The Kubernetes namespace; null: the app's name.</summary>
    public string? Namespace { get; init; }
}
