using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>Designs the generator tests start from.</summary>
internal static class SampleDesigns
{
    /// <summary>A fixed genesis time, so the output is the same on every run.</summary>
    public static GeneratorOptions Options { get; } = new() { GenesisTime = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000) };

    /// <summary>
    /// The brief's app (blockchain 3, validator 5, agreement 2, ipfs 3) over two regions with five
    /// zones, so that Required anti-affinity has a zone for every validator.
    /// </summary>
    public static TopologyDesign MyApp() => new()
    {
        Name = "my-app",
        Provider = ProviderKind.Kubernetes,
        Regions =
        [
            new RegionSpec("eu-west-1", ["eu-west-1a", "eu-west-1b", "eu-west-1c"]),
            new RegionSpec("eu-central-1", ["eu-central-1a", "eu-central-1b"]),
        ],
        Components =
        [
            ComponentDesign.Default("blockchain", ComponentRole.Blockchain, 3),
            ComponentDesign.Default("validator", ComponentRole.Validator, 5),
            ComponentDesign.Default("agreement", ComponentRole.Agreement, 2),
            ComponentDesign.Default("ipfs", ComponentRole.Ipfs, 3),
        ],
    };

    /// <summary>A design with no regions: every node in one implicit zone.</summary>
    public static TopologyDesign NoZones() => MyApp() with { Regions = [] };

    /// <summary><paramref name="design"/> with <paramref name="change"/> applied to the component called <paramref name="name"/>.</summary>
    public static TopologyDesign WithComponent(this TopologyDesign design, string name, Func<ComponentDesign, ComponentDesign> change) =>
        design with { Components = [.. design.Components.Select(c => c.Name == name ? change(c) : c)] };

    /// <summary><paramref name="design"/> with another maintenance max unavailable and quorum.</summary>
    public static TopologyDesign WithBudget(this TopologyDesign design, string maxUnavailable, int? quorum) => design with
    {
        Policy = design.Policy with
        {
            Maintenance = design.Policy.Maintenance with { MaxUnavailable = maxUnavailable },
            Consensus = design.Policy.Consensus with { Quorum = quorum },
        },
    };
}
