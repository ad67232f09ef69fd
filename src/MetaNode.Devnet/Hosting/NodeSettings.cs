using System.Globalization;
using System.Net;

namespace MetaNode.Devnet.Hosting;

/// <summary>The roles a MetaNode node can play.</summary>
public enum NodeRole
{
    /// <summary>Serves JSON-RPC; follows the chain the validators commit.</summary>
    Blockchain,

    /// <summary>Proposes and votes on blocks; serves JSON-RPC too.</summary>
    Validator,

    /// <summary>The agreement service: health only.</summary>
    Agreement,

    /// <summary>Content storage: health plus Kubo's <c>/api/v0/id</c> and <c>/api/v0/version</c>.</summary>
    Ipfs,
}

/// <summary>
/// One node's settings, from the command line (<c>--block-time 500ms</c> or <c>--block-time=500ms</c>)
/// or the environment (<c>METANODE_BLOCK_TIME=500ms</c>); the command line wins.
/// </summary>
public sealed record NodeSettings
{
    /// <summary>This node's id, unique in its app and used by peers (e.g. <c>validator-0</c>).</summary>
    public required string NodeId { get; init; }

    /// <summary>The app the node belongs to (shown in its client version).</summary>
    public string App { get; init; } = "devnet";

    /// <summary>What the node does.</summary>
    public required NodeRole Role { get; init; }

    /// <summary>Where JSON-RPC, <c>/health</c> and peer traffic are served.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>Where the fault admin API listens (loopback by default); null disables it.</summary>
    public IPEndPoint? AdminListen { get; init; }

    /// <summary>Bearer token the admin API requires. Pass it in the environment, not on the command line.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The validator set, ordered: the proposer at height h, round r is <c>Validators[(h + r) % n]</c>.</summary>
    public IReadOnlyList<Peer> Validators { get; init; } = [];

    /// <summary>Other chain nodes (blockchain followers) that receive commits and can serve blocks.</summary>
    public IReadOnlyList<Peer> Peers { get; init; } = [];

    /// <summary>EIP-155 chain id.</summary>
    public long ChainId { get; init; } = 1337;

    /// <summary>Unix milliseconds of the chain's genesis; the same on every node of the chain.</summary>
    public long GenesisTimeMs { get; init; }

    /// <summary>Target time between blocks.</summary>
    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long validators wait for a commit at one round before skipping its proposer.</summary>
    public TimeSpan? RoundTimeout { get; init; }

    /// <summary>Votes a block needs; by default the Byzantine-safe ⌊2n/3⌋+1.</summary>
    public int? Quorum { get; init; }

    /// <summary>Where the chain is kept across restarts; in memory only when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Free text for process managers (the dashboard marks the nodes it owns with it).</summary>
    public string? Label { get; init; }

    /// <summary>Many-nodes mode: host this many follower nodes on consecutive ports from <see cref="Listen"/>.</summary>
    public int Many { get; init; }

    /// <summary>The effective quorum.</summary>
    public int EffectiveQuorum => Quorum ?? DefaultQuorum(Validators.Count);

    /// <summary>The effective round timeout (twice the block time unless set).</summary>
    public TimeSpan EffectiveRoundTimeout => RoundTimeout ?? BlockTime * 2;

    /// <summary>True for the roles that keep a chain.</summary>
    public bool KeepsChain => Role is NodeRole.Validator or NodeRole.Blockchain;

    /// <summary>⌊2n/3⌋+1, the smallest Byzantine-safe quorum.</summary>
    public static int DefaultQuorum(int validators) => validators == 0 ? 0 : (2 * validators / 3) + 1;

    /// <summary>Parses and validates; returns null and the problems when the settings cannot work.</summary>
    public static NodeSettings? Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var values = Collect(args, environment, errors);

        string? Get(string key) => values.TryGetValue(key, out var v) ? v : null;

        var nodeId = Get("node-id");
        if (string.IsNullOrWhiteSpace(nodeId))
        {
            errors.Add("--node-id is required (e.g. validator-0)");
        }

        NodeRole role = default;
        if (Get("role") is not { } roleText || !Enum.TryParse(roleText, ignoreCase: true, out role) || !Enum.IsDefined(role))
        {
            errors.Add("--role must be one of blockchain, validator, agreement, ipfs");
        }

        var many = ParseInt(Get("many"), "--many", 0, 5000, errors) ?? 0;
        var listen = ParseEndpoint(Get("listen"), "--listen", required: true, errors);
        var adminListen = ParseEndpoint(Get("admin-listen"), "--admin-listen", required: false, errors);
        var adminToken = Get("admin-token");
        if (adminListen is not null && string.IsNullOrEmpty(adminToken))
        {
            errors.Add("--admin-listen needs a token: set METANODE_ADMIN_TOKEN");
        }

        var validators = ParsePeers(Get("validators"), "--validators", errors);
        var peers = ParsePeers(Get("peers"), "--peers", errors);
        var chainId = ParseLong(Get("chain-id"), "--chain-id", 1, long.MaxValue / 2, errors) ?? 1337;
        var genesisTime = ParseLong(Get("genesis-time"), "--genesis-time", 0, long.MaxValue / 2, errors) ?? 0;
        var blockTime = ParseDuration(Get("block-time"), "--block-time", errors) ?? TimeSpan.FromSeconds(1);
        if (blockTime < TimeSpan.FromMilliseconds(50) || blockTime > TimeSpan.FromMinutes(10))
        {
            errors.Add("--block-time must be between 50ms and 10m");
        }

        var roundTimeout = ParseDuration(Get("round-timeout"), "--round-timeout", errors);
        if (roundTimeout is { } timeout && timeout < TimeSpan.FromMilliseconds(50))
        {
            // The round schedule counts whole milliseconds (under 1ms it divides by zero); 50ms is --block-time's floor too.
            errors.Add("--round-timeout must be at least 50ms");
        }

        var quorum = ParseInt(Get("quorum"), "--quorum", 1, 1000, errors);

        var settings = errors.Count > 0 ? null : new NodeSettings
        {
            NodeId = nodeId!,
            App = Get("app") ?? "devnet",
            Role = role,
            Listen = listen!,
            AdminListen = adminListen,
            AdminToken = adminToken,
            Validators = validators,
            Peers = peers,
            ChainId = chainId,
            GenesisTimeMs = genesisTime,
            BlockTime = blockTime,
            RoundTimeout = roundTimeout,
            Quorum = quorum,
            DataDirectory = Get("data-dir"),
            Label = Get("label"),
            Many = many,
        };

        if (settings is not null)
        {
            ValidateConsensus(settings, errors);
        }

        problems = errors;
        return errors.Count == 0 ? settings : null;
    }

    private static void ValidateConsensus(NodeSettings settings, List<string> errors)
    {
        if (settings.Many > 0)
        {
            return;
        }

        if (settings.Role == NodeRole.Validator && !settings.Validators.Any(v => v.Id == settings.NodeId))
        {
            errors.Add($"--validators must include this validator's own id '{settings.NodeId}'");
        }

        if (settings.Role == NodeRole.Blockchain && settings.Validators.Count == 0 && settings.Peers.Count == 0)
        {
            errors.Add("a blockchain node needs --validators or --peers to follow");
        }

        if (settings.Quorum is { } q && settings.Validators.Count > 0 && q > settings.Validators.Count)
        {
            errors.Add($"--quorum {q} is larger than the {settings.Validators.Count} validators: no block could ever commit");
        }

        if (settings.Validators.Select(v => v.Id).Distinct(StringComparer.Ordinal).Count() != settings.Validators.Count)
        {
            errors.Add("--validators lists an id twice");
        }
    }

    /// <summary>Every option name the devnet understands.</summary>
    public static IReadOnlySet<string> KnownOptions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "node-id", "app", "role", "listen", "admin-listen", "admin-token", "validators", "peers", "chain-id",
        "genesis-time", "block-time", "round-timeout", "quorum", "data-dir", "label", "many",
    };

    private static Dictionary<string, string> Collect(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, List<string> errors)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith("METANODE_", StringComparison.Ordinal))
            {
                values[name["METANODE_".Length..].ToLowerInvariant().Replace('_', '-')] = value;
            }
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                errors.Add($"unexpected argument '{arg}' (options look like --name value)");
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? arg[2..eq] : arg[2..];
            if (!KnownOptions.Contains(key))
            {
                errors.Add($"unknown option --{key}");
                if (eq < 0 && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            if (eq > 0)
            {
                values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                errors.Add($"{arg} needs a value");
            }
        }

        return values;
    }

    private static IPEndPoint? ParseEndpoint(string? text, string name, bool required, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add($"{name} is required (address:port, e.g. 127.0.0.1:8545)");
            }

            return null;
        }

        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port is > 0 and <= 65535)
        {
            return endpoint;
        }

        errors.Add($"{name} must be address:port with a port 1-65535 (was '{text}')");
        return null;
    }

    private static List<Peer> ParsePeers(string? text, string name, List<string> errors)
    {
        var peers = new List<Peer>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return peers;
        }

        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !Uri.TryCreate(item[(eq + 1)..], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                errors.Add($"{name} entries must be id=http://host:port (was '{item}')");
                continue;
            }

            peers.Add(new Peer(item[..eq], url));
        }

        return peers;
    }

    private static int? ParseInt(string? text, string name, int min, int max, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{name} must be a whole number from {min} to {max} (was '{text}')");
        return null;
    }

    private static long? ParseLong(string? text, string name, long min, long max, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{name} must be a whole number from {min} to {max} (was '{text}')");
        return null;
    }

    /// <summary>Parses "250ms", "2s", "1m" or a plain number of milliseconds.</summary>
    public static TimeSpan? ParseDuration(string? text, string name, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, 1.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * scale < TimeSpan.FromDays(1).TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(value * scale);
        }

        errors.Add($"{name} must be a duration like 500ms, 2s or 1m (was '{text}')");
        return null;
    }
}

/// <summary>Another node this one talks to.</summary>
/// <param name="Id">Its node id.</param>
/// <param name="Url">Its JSON-RPC/peer base address.</param>
public sealed record Peer(string Id, Uri Url);
