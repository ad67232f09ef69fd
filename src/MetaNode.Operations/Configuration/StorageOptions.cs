namespace MetaNode.Operations.Configuration;

/// <summary><c>Dashboard:Storage</c>: the store behind the dashboard's own state.</summary>
public sealed class StorageOptions
{
    /// <summary>The database engine. Only <see cref="StoreProviders.Sqlite"/> ships today.</summary>
    public string Provider { get; set; } = StoreProviders.Sqlite;

    /// <summary>
    /// For SQLite: the database file. A relative path is resolved against the content root
    /// (the web project's folder under <c>dotnet run</c>, <c>/app</c> in the container).
    /// </summary>
    public string Path { get; set; } = "data/metanode.db";

    /// <summary>How long a statement may wait on a locked database before it fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The store providers the dashboard knows.</summary>
public static class StoreProviders
{
    /// <summary>An embedded SQLite file; the default, nothing to install.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Every accepted value of <see cref="StorageOptions.Provider"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite];
}
