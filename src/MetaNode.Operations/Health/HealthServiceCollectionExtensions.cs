using MetaNode.Operations.Health.History;
using MetaNode.Operations.Health.Monitoring;
using MetaNode.Operations.Health.Probes;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Health;

/// <summary>Registers the health monitor, the feed and health history.</summary>
public static class HealthServiceCollectionExtensions
{
    /// <summary>Name of the pooled HTTP client the probes use.</summary>
    public const string ProbeClient = "metanode-probe";

    /// <summary>Adds <see cref="HealthState"/> (as <see cref="IHealthFeed"/>), the monitor, the finding writer, samples and history.</summary>
    public static IServiceCollection AddHealthMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<HealthState>();
        services.AddSingleton<IHealthFeed>(sp => sp.GetRequiredService<HealthState>());
        services.AddSingleton<IHealthHistory, HealthHistory>();

        // One pooled client for every probe: connections are reused, and each probe sets its own
        // strict timeout, so the client's own timeout only guards against a bug.
        services.AddHttpClient(ProbeClient, client => client.Timeout = TimeSpan.FromMinutes(1))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 4,
            });
        services.AddSingleton(sp => new NodeProbe(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ProbeClient), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<FindingWriter>();
        services.AddSingleton<IFindingSink>(sp => sp.GetRequiredService<FindingWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<FindingWriter>());
        services.AddMetrics();
        services.AddSingleton<MonitorMetrics>();
        services.AddSingleton<HealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        services.AddHostedService<SampleRecorder>();
        return services;
    }
}
