using MetaNode.Operations.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Persistence;

/// <summary>Registers the dashboard store for the provider named in <c>Dashboard:Storage</c>.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DashboardDbContext"/> (scoped and as a factory, for components and
    /// background services), the migrator that runs at start, and a readiness check.
    /// </summary>
    public static IServiceCollection AddDashboardStore(this IServiceCollection services)
    {
        services.AddDbContextFactory<DashboardDbContext>(ConfigureProvider);
        services.AddHostedService<StoreInitializer>();
        // Opening a SQLite file proves little (it does not read the header): run a real query.
        services.AddHealthChecks().AddDbContextCheck<DashboardDbContext>(
            "store",
            tags: [HealthCheckTags.Ready],
            customTestQuery: async (context, cancellationToken) =>
            {
                await context.Database.ExecuteSqlRawAsync("SELECT 1 FROM __EFMigrationsHistory LIMIT 1;", cancellationToken);
                return true;
            });
        return services;
    }

    private static void ConfigureProvider(IServiceProvider services, DbContextOptionsBuilder builder)
    {
        var storage = services.GetRequiredService<IOptions<DashboardOptions>>().Value.Storage;
        var environment = services.GetRequiredService<IHostEnvironment>();
        // Only SQLite ships today; the options validator refuses any other provider name, so a
        // new engine is one more branch here and its own migrations assembly.
        builder.UseSqlite(SqliteConnectionString(storage, environment.ContentRootPath));
    }

    /// <summary>The SQLite connection string for <paramref name="storage"/>, creating its folder.</summary>
    public static string SqliteConnectionString(StorageOptions storage, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var path = ResolveDatabasePath(storage, contentRoot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)storage.BusyTimeout.TotalSeconds,
        }.ToString();
    }

    /// <summary>The absolute database path: relative paths are taken from the content root.</summary>
    public static string ResolveDatabasePath(StorageOptions storage, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return System.IO.Path.GetFullPath(storage.Path, contentRoot);
    }
}

/// <summary>Tags that sort health checks into liveness and readiness.</summary>
public static class HealthCheckTags
{
    /// <summary>Checks that must pass before the dashboard takes traffic (<c>/readyz</c>).</summary>
    public const string Ready = "ready";
}
