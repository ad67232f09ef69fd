using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using MetaNode.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Tests.Audit;

/// <summary>The audit log on a real SQLite file in a temporary folder, its schema made by the real migrations.</summary>
internal sealed class AuditStore : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly ServiceProvider _services;

    private AuditStore(TempDirectory folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
        Log = new AuditLog(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
    }

    public AuditLog Log { get; }

    public static async Task<AuditStore> CreateAsync()
    {
        var folder = new TempDirectory("metanode-audit");
        var connection = StoreServiceCollectionExtensions.SqliteConnectionString(new StorageOptions { Path = "metanode.db" }, folder.Path);
        var services = new ServiceCollection()
            .AddDbContextFactory<DashboardDbContext>(options => options.UseSqlite(connection))
            .BuildServiceProvider();
        await using (var context = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await context.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        return new AuditStore(folder, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
