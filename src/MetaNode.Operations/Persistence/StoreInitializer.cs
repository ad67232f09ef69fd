using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Persistence;

/// <summary>
/// Brings the store's schema up to date before anything else starts, and switches SQLite to
/// write-ahead logging so the monitor can write samples while pages read.
/// </summary>
internal sealed partial class StoreInitializer(
    IDbContextFactory<DashboardDbContext> contextFactory,
    ILogger<StoreInitializer> logger) : IHostedLifecycleService
{
    /// <summary>Runs before every other hosted service's start, so none sees an old schema.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await context.Database.MigrateAsync(cancellationToken);
        if (context.Database.IsSqlite())
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogStoreReady(logger, context.Database.GetDbConnection().DataSource, pending.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready at {DataSource}; applied {MigrationCount} migration(s)")]
    private static partial void LogStoreReady(ILogger logger, string dataSource, int migrationCount);
}
