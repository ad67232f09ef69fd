using MetaNode.Dashboard.Hosting;
using MetaNode.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Tests.Hosting;

public sealed class StartupTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Start_EmptyDatabaseFile_AppliesMigrationsAndSwitchesToWal()
    {
        var database = DashboardTestHost.DatabasePath(_data.Path);
        await File.WriteAllBytesAsync(database, [], TestContext.Current.CancellationToken);

        await using (await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path }, TestContext.Current.CancellationToken))
        {
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.NotEqual("0", await ScalarAsync(connection, "SELECT COUNT(*) FROM __EFMigrationsHistory;"));
        Assert.Equal("DataProtectionKeys", await ScalarAsync(connection, "SELECT name FROM sqlite_master WHERE name = 'DataProtectionKeys';"));
    }

    [Fact]
    public async Task Start_MissingDataFolder_CreatesIt()
    {
        var nested = Path.Combine(_data.Path, "does", "not", "exist");

        await using (await DashboardTestHost.StartAsync(new() { DataDirectory = nested }, TestContext.Current.CancellationToken))
        {
        }

        Assert.True(File.Exists(DashboardTestHost.DatabasePath(nested)));
    }

    [Fact]
    public void Build_InvalidSettings_FailsWithOneMessagePerKeyAtFault()
    {
        var error = Assert.ThrowsAny<Exception>(() => DashboardTestHost.Build(new()
        {
            DataDirectory = _data.Path,
            Settings = new Dictionary<string, string?>
            {
                ["Dashboard:Storage:Provider"] = "Oracle",
                ["Dashboard:Storage:BusyTimeout"] = "00:00:00",
            },
        }));

        Assert.True(ConfigurationProblems.TryDescribe(error, out var problems));
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Dashboard:Storage:Provider:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Dashboard:Storage:BusyTimeout:", StringComparison.Ordinal));
        Assert.IsType<OptionsValidationException>(error);
    }

    [Fact]
    public async Task Process_InvalidConfiguration_ExitsWithCode78AndNamesEachKey()
    {
        var result = await RunDashboardProcessAsync(
            "--Dashboard:Storage:Provider=Oracle",
            "--Dashboard:Storage:Path=",
            $"--Urls=http://127.0.0.1:0");

        Assert.Equal(DashboardHost.InvalidConfigurationExitCode, result.ExitCode);
        Assert.Contains("the configuration is invalid", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("  - Dashboard:Storage:Provider: must be one of Sqlite (was 'Oracle')", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("  - Dashboard:Storage:Path: must name the database file", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_ValueOfWrongType_ExitsWithCode78AndNamesTheKey()
    {
        var result = await RunDashboardProcessAsync(
            "--Dashboard:Storage:BusyTimeout=soon",
            $"--Dashboard:Storage:Path={DashboardTestHost.DatabasePath(_data.Path)}",
            "--Urls=http://127.0.0.1:0");

        Assert.Equal(DashboardHost.InvalidConfigurationExitCode, result.ExitCode);
        Assert.Contains("'Dashboard:Storage:BusyTimeout'", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<ChildProcess.Result> RunDashboardProcessAsync(params string[] arguments) =>
        await ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "MetaNode.Dashboard.dll"), .. arguments],
            TimeSpan.FromSeconds(60),
            AppContext.BaseDirectory,
            cancellationToken: TestContext.Current.CancellationToken);

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))?.ToString();
    }
}
