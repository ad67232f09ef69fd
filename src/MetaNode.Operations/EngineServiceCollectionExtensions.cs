using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations;

/// <summary>
/// The dashboard's engine in one call — options, store, clusters, health — so the web host, the
/// tests and the benchmarks compose it the same way.
/// </summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>Dashboard</c> from <paramref name="configuration"/> and adds the engine.</summary>
    public static IServiceCollection AddDashboardEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        // Order matters: hosted services stop in reverse, and the monitor must stop before the
        // local cluster stops its nodes, or the dashboard's own shutdown reads as every node down.
        services.AddDashboardStore();
        services.AddAudit();
        services.AddDashboardClusters();
        services.AddTopology();
        services.AddHealthMonitoring();
        return services;
    }
}
