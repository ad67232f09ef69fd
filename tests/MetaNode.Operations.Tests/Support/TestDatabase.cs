using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using MetaNode.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Tests.Support;

/// <summary>The dashboard store on a real SQLite file in a temporary folder, its schema made by the real migrations.</summary>
internal static class TestDatabase
{
    /// <summary>Services with <see cref="DashboardDbContext"/> on <c>metanode.db</c> in <paramref name="folder"/>, plus <paramref name="configure"/>, migrated.</summary>
    public static async Task<ServiceProvider> CreateAsync(TempDirectory folder, Action<IServiceCollection>? configure = null)
    {
        var connection = StoreServiceCollectionExtensions.SqliteConnectionString(new StorageOptions { Path = "metanode.db" }, folder.Path);
        var collection = new ServiceCollection().AddDbContextFactory<DashboardDbContext>(options => options.UseSqlite(connection));
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await using var context = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await context.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return services;
    }

    /// <summary>Disposes <paramref name="services"/>, lets go of the pooled connections and deletes <paramref name="folder"/>.</summary>
    public static async Task DisposeAsync(ServiceProvider services, TempDirectory folder)
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
