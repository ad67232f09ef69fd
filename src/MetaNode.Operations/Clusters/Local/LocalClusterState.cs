using System.Text.Json;
using System.Text.Json.Serialization;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>One node the Local provider owns: where it listens and which process runs it.</summary>
internal sealed record LocalNodeRecord
{
    public required string Name { get; init; }

    public required string Component { get; init; }

    public required ComponentRole Role { get; init; }

    public required int RpcPort { get; init; }

    public required int AdminPort { get; init; }

    /// <summary>The running process, or null when not running.</summary>
    public int? Pid { get; init; }

    /// <summary>With <see cref="Pid"/>, identifies the process for good (pids are reused).</summary>
    public long? ProcessStartTime { get; init; }
}

/// <summary>One app's nodes and chain identity.</summary>
internal sealed record LocalAppRecord
{
    public required string App { get; init; }

    /// <summary>Anchors the chain's genesis; every node of the app gets the same value.</summary>
    public required long GenesisTimeMs { get; init; }

    /// <summary>Bearer token of the nodes' admin API. The state file is readable by its owner only.</summary>
    public required string AdminToken { get; init; }

    /// <summary>
    /// The membership (validators, peers, quorum) the running nodes were last given, as a
    /// fingerprint; when a new topology changes it, the running chain nodes are told.
    /// </summary>
    public string Membership { get; init; } = string.Empty;

    public List<LocalNodeRecord> Nodes { get; init; } = [];
}

/// <summary>
/// What the Local provider must remember across dashboard restarts (and crashes): every node it
/// started, with its ports and process, so the next start adopts or cleans up instead of orphaning.
/// Saved atomically (write, then rename) after every change.
/// </summary>
internal sealed class LocalClusterState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _file;

    private LocalClusterState(string file, Dictionary<string, LocalAppRecord> apps)
    {
        _file = file;
        Apps = apps;
    }

    /// <summary>Apps by name.</summary>
    public Dictionary<string, LocalAppRecord> Apps { get; }

    /// <summary>Loads the state file in <paramref name="directory"/>, or starts empty.</summary>
    public static LocalClusterState Load(string directory)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "state.json");
        Dictionary<string, LocalAppRecord>? apps = null;
        if (File.Exists(file))
        {
            try
            {
                apps = JsonSerializer.Deserialize<Dictionary<string, LocalAppRecord>>(File.ReadAllText(file), Json);
            }
            catch (JsonException)
            {
                // A damaged file: start empty; the process scan still finds and stops our old nodes.
            }
        }

        return new LocalClusterState(file, apps ?? new Dictionary<string, LocalAppRecord>(StringComparer.Ordinal));
    }

    /// <summary>Writes the state atomically, readable by the owner only (it holds admin tokens).</summary>
    public void Save()
    {
        var temporary = _file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, Apps, Json);
        }

        File.Move(temporary, _file, overwrite: true);
    }
}
