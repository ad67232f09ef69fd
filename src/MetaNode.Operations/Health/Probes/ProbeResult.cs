namespace MetaNode.Operations.Health.Probes;

/// <summary>What one probe of one node found. <see cref="Answered"/> false means it did not answer at all.</summary>
public sealed record ProbeResult
{
    /// <summary>The node answered (JSON-RPC or /health) within the timeout.</summary>
    public required bool Answered { get; init; }

    /// <summary>Why it did not answer, or what it answered wrongly.</summary>
    public string? Error { get; init; }

    /// <summary>Round trip of the probe.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>When the probe finished (not when the monitor got round to reading it).</summary>
    public DateTimeOffset CompletedAt { get; init; }

    public string? ClientVersion { get; init; }

    public long? ChainId { get; init; }

    public long? Height { get; init; }

    public string? HeadHash { get; init; }

    public DateTimeOffset? HeadTime { get; init; }

    /// <summary>The head block's <c>miner</c>.</summary>
    public string? Proposer { get; init; }

    /// <summary>The head block's <c>nonce</c> read as a number: MetaNode writes the consensus round there.</summary>
    public long? HeadRound { get; init; }

    public int? Peers { get; init; }

    public SyncProgress? Syncing { get; init; }

    /// <summary>The hash the node holds at the checkpoint height asked for, used to spot split brain.</summary>
    public string? CheckpointHash { get; init; }

    /// <summary>The checkpoint height asked for.</summary>
    public long? CheckpointHeight { get; init; }

    /// <summary>What GET /health said: "ok", or the reported status when not serving, or the HTTP code.</summary>
    public string? HealthCheck { get; init; }

    /// <summary>True when /health said the node serves (200).</summary>
    public bool? HealthOk { get; init; }

    /// <summary>Methods the node answered with -32601 (not available).</summary>
    public IReadOnlySet<string> Unsupported { get; init; } = new HashSet<string>();
}

/// <summary>What to probe on one node.</summary>
/// <param name="Endpoint">Base address (JSON-RPC at the root, /health beside it).</param>
/// <param name="JsonRpc">The node serves Ethereum JSON-RPC (blockchain, validator).</param>
/// <param name="HealthEndpoint">The node serves GET /health.</param>
/// <param name="CheckpointHeight">Also ask for the block at this height (split-brain check).</param>
public sealed record ProbeTarget(Uri Endpoint, bool JsonRpc, bool HealthEndpoint, long? CheckpointHeight);
