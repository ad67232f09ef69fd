using MetaNode.Operations.Balancing;
using MetaNode.Operations.Clusters.Docker;
using MetaNode.Operations.Clusters.Local;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Clusters;

/// <summary>Registers the apps, the cluster providers and the RPC entry points.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AppCatalog"/>, <see cref="ClusterRegistry"/>, the Local and Docker providers and their hosts, and the entry points.</summary>
    public static IServiceCollection AddDashboardClusters(this IServiceCollection services)
    {
        services.AddSingleton<WatchedNodeRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchedNodeRegistry>());
        services.AddSingleton<AppCatalog>();
        services.AddSingleton<WatchedNodeService>();
        services.AddSingleton<WatchedClusterProvider>();
        services.AddSingleton<IClusterProvider>(sp => sp.GetRequiredService<WatchedClusterProvider>());
        services.AddSingleton(sp => new LocalClusterProvider(
            sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Cluster.Local,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LocalClusterProvider>>()));
        services.AddSingleton<IClusterProvider>(sp => sp.GetRequiredService<LocalClusterProvider>());
        // Always registered, so a Docker app is never "not configured"; it connects only when an app runs on Docker.
        services.AddSingleton(sp => new DockerClusterProvider(
            sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Cluster.Docker,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DockerClusterProvider>>()));
        services.AddSingleton<IClusterProvider>(sp => sp.GetRequiredService<DockerClusterProvider>());
        services.AddSingleton<ClusterRegistry>();
        services.AddSingleton<LocalClusterHost>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalClusterHost>());
        services.AddSingleton<DockerClusterHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DockerClusterHost>());

        services.AddSingleton<IEntryPointDestinations, HealthyNodeDestinations>();
        services.AddSingleton<RpcEntryPointService>();
        services.AddSingleton<IRpcEntryPoints>(sp => sp.GetRequiredService<RpcEntryPointService>());
        services.AddHostedService(sp => sp.GetRequiredService<RpcEntryPointService>());
        return services;
    }
}
