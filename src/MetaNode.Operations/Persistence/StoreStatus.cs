using System.Data;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Persistence;

/// <summary>What the store looks like right now, as shown on the System page.</summary>
/// <param name="Provider">The EF Core provider in use, e.g. Microsoft.EntityFrameworkCore.Sqlite.</param>
/// <param name="DataSource">The database file (SQLite) or server.</param>
/// <param name="SizeBytes">Size of the database file including its WAL, when it is a file.</param>
/// <param name="AppliedMigrations">Migrations applied, oldest first.</param>
/// <param name="JournalMode">SQLite's journal mode (wal expected).</param>
public sealed record StoreStatus(
    string Provider,
    string DataSource,
    long? SizeBytes,
    IReadOnlyList<string> AppliedMigrations,
    string? JournalMode)
{
    /// <summary>Reads the store's status through a short-lived context.</summary>
    public static async Task<StoreStatus> ReadAsync(
        IDbContextFactory<DashboardDbContext> contextFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var database = context.Database;
        var applied = (await database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var connection = database.GetDbConnection();
        string? journalMode = null;
        long? size = null;
        if (database.IsSqlite())
        {
            journalMode = await ScalarAsync(connection, "PRAGMA journal_mode;", cancellationToken);
            size = FileSize(connection.DataSource) + FileSize(connection.DataSource + "-wal");
        }

        return new StoreStatus(database.ProviderName ?? "unknown", connection.DataSource, size, applied, journalMode);
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
