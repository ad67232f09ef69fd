using MetaNode.Operations.Clusters;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>One node of a design: replica <paramref name="Ordinal"/> of <paramref name="Component"/>, in its zone.</summary>
internal sealed record NodeSlot(ComponentDesign Component, int Ordinal, ZoneRef? Zone)
{
    /// <summary><c>{component}-{ordinal}</c>, as StatefulSets and every provider name nodes.</summary>
    public string Name => NodeRef.NameOf(Component.Name, Ordinal);
}
