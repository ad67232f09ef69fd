using MetaNode.Operations;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>
/// The dashboard's health engine without the web: store, providers, monitor and feed, composed
/// by the registrations the dashboard uses, with a store in its own temporary folder.
/// </summary>
internal sealed class HealthEngine : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory _folder;

    private HealthEngine(IHost host, TempDirectory folder)
    {
        _host = host;
        _folder = folder;
    }

    public IHealthFeed Feed => _host.Services.GetRequiredService<IHealthFeed>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the engine with <paramref name="settings"/> (apps, monitor options) on top of a private store.</summary>
    public static async Task<HealthEngine> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var folder = new TempDirectory("metanode-bench-engine");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder.Path, DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
            {
                ["Dashboard:Storage:Path"] = folder.Combine("metanode.db"),
                ["Dashboard:Cluster:Local:StateDirectory"] = folder.Combine("cluster"),
            });
            builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddDashboardEngine(builder.Configuration);
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            return new HealthEngine(host, folder);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>The health-check policy the engine applies to <paramref name="app"/>.</summary>
    public Operations.Topology.HealthCheckPolicy PolicyOf(string app) =>
        _host.Services.GetRequiredService<AppCatalog>().Find(app)?.HealthChecks
        ?? throw new InvalidOperationException($"the engine has no app named {app}");

    /// <summary>The probe slots the monitor shares between all nodes.</summary>
    public int ProbeSlots => _host.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Monitor.MaxConcurrentProbes;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None);
        }
        finally
        {
            _host.Dispose();
            _folder.Dispose();
        }
    }
}
