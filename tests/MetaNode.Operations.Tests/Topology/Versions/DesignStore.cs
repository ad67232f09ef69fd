using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Tests.Support;
using MetaNode.Operations.Topology.Design.Versions;
using MetaNode.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Tests.Topology.Versions;

/// <summary>
/// The design store as the engine composes it, on a real SQLite file made by the real migrations,
/// with the real audit gate; my-app configured as in appsettings.json, the clock fixed.
/// </summary>
internal sealed class DesignStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder;
    private readonly ServiceProvider _services;

    private DesignStore(TempDirectory folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
    }

    public TopologyDesignStore Store => _services.GetRequiredService<TopologyDesignStore>();

    public IAuditLog Audit => _services.GetRequiredService<IAuditLog>();

    public IDbContextFactory<DashboardDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    public static async Task<DesignStore> CreateAsync()
    {
        var folder = new TempDirectory("metanode-topology");
        var options = new DashboardOptions();
        options.Apps["my-app"] = new AppOptions
        {
            Components =
            {
                ["blockchain"] = new ComponentOptions { Replicas = 3 },
                ["validator"] = new ComponentOptions { Replicas = 5 },
                ["agreement"] = new ComponentOptions { Replicas = 2 },
                ["ipfs"] = new ComponentOptions { Replicas = 3 },
            },
            Consensus = new ConsensusOptions { Quorum = 4 },
        };
        var services = await TestDatabase.CreateAsync(folder, s => s
            .AddSingleton<TimeProvider>(new FixedTime(Now))
            .AddSingleton(Options.Create(options))
            .AddSingleton<AppCatalog>()
            .AddSingleton<IAuditLog, AuditLog>()
            .AddSingleton<OperationGate>()
            .AddSingleton<TopologyDesignStore>());
        return new DesignStore(folder, services);
    }

    public async ValueTask DisposeAsync() => await TestDatabase.DisposeAsync(_services, _folder);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
