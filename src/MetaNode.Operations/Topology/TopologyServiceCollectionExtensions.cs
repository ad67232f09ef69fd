using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology.Design.Versions;
using MetaNode.Operations.Topology.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaNode.Operations.Topology;

/// <summary>Registers the design store, the planner's applier, and the start-up that restores applied designs.</summary>
public static class TopologyServiceCollectionExtensions
{
    /// <summary>Adds <see cref="TopologyDesignStore"/>, <see cref="TopologyApplier"/> and <see cref="AppliedTopologyRestorer"/>.</summary>
    public static IServiceCollection AddTopology(this IServiceCollection services)
    {
        services.AddSingleton<TopologyDesignStore>();
        services.AddSingleton<TopologyApplier>();
        services.AddHostedService<AppliedTopologyRestorer>();
        return services;
    }
}

/// <summary>
/// At start, before any cluster is brought up (the cluster hosts wait for the application to have
/// started), makes each app's last applied design its topology again: a restart must not quietly
/// revert a cluster to <c>appsettings.json</c>.
/// </summary>
internal sealed class AppliedTopologyRestorer(TopologyDesignStore store, AppCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var applied in await store.AppliedAsync(cancellationToken))
        {
            if (catalog.IsConfigured(applied.Design.Name))
            {
                catalog.Apply(applied.Design.ToAppTopology());
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
