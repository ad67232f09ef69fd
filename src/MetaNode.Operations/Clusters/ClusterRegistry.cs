using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters;

/// <summary>Which provider runs which app. One app is bound to one provider; several providers can run at once.</summary>
public sealed class ClusterRegistry(AppCatalog catalog, IEnumerable<IClusterProvider> providers)
{
    private readonly Dictionary<ProviderKind, IClusterProvider> _providers = providers.ToDictionary(p => p.Kind);

    /// <summary>Every provider in use.</summary>
    public IReadOnlyCollection<IClusterProvider> Providers => _providers.Values;

    /// <summary>The provider of <paramref name="app"/>.</summary>
    public IClusterProvider For(string app)
    {
        var topology = catalog.Find(app) ?? throw new ClusterOperationException($"there is no app named {app}");
        return _providers.TryGetValue(topology.Provider, out var provider)
            ? provider
            : throw new ClusterOperationException($"{app} runs on {topology.Provider}, which this dashboard is not configured for");
    }
}
