using System.Security.Cryptography;
using System.Text;

namespace MetaNode.Devnet.Chain;

/// <summary>
/// A committed block. The devnet carries no transactions: a block is the proof that the
/// validator set agreed on one more height. Hashes are SHA-256 over the header fields
/// (an Ethereum client only needs 32-byte hashes, not Keccak specifically).
/// </summary>
/// <param name="Number">Height; genesis is 0.</param>
/// <param name="Hash">0x-prefixed 32-byte hash of the header.</param>
/// <param name="ParentHash">Hash of the block at <c>Number - 1</c>.</param>
/// <param name="ProposedAtMs">Unix milliseconds when proposed. Validators derive the round schedule
/// of the next height from it, so every validator agrees on whose turn it is without talking.</param>
/// <param name="Proposer">The proposing validator's id (e.g. <c>validator-2</c>).</param>
/// <param name="Round">Proposal round at this height; it grows each time a scheduled proposer is skipped.</param>
public sealed record Block(long Number, string Hash, string ParentHash, long ProposedAtMs, string Proposer, long Round)
{
    /// <summary>Unix seconds, as Ethereum's <c>timestamp</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Timestamp => ProposedAtMs / 1000;

    /// <summary>The Ethereum-style address (20 bytes) standing for <see cref="Proposer"/>; shown as <c>miner</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Miner => AddressOf(Proposer);

    /// <summary>Builds a block, computing its hash from the header.</summary>
    public static Block Create(long number, string parentHash, long proposedAtMs, string proposer, long round) =>
        new(number, ComputeHash(number, parentHash, proposedAtMs, proposer, round), parentHash, proposedAtMs, proposer, round);

    /// <summary>The genesis block of a chain: the same on every node of that chain id.</summary>
    /// <remarks>
    /// Every node of a chain must be given the same <paramref name="genesisTimeMs"/>: it anchors the
    /// round schedule of block 1 and is part of the genesis hash.
    /// </remarks>
    public static Block Genesis(long chainId, long genesisTimeMs) =>
        Create(0, "0x" + new string('0', 64), genesisTimeMs, "genesis-" + chainId.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);

    /// <summary>True when <see cref="Hash"/> matches the header (rejects forged blocks from peers).</summary>
    public bool IsHashValid() => Hash == ComputeHash(Number, ParentHash, ProposedAtMs, Proposer, Round);

    /// <summary>A deterministic 20-byte address for a node id.</summary>
    public static string AddressOf(string nodeId) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nodeId)).AsSpan(0, 20));

    private static string ComputeHash(long number, string parentHash, long proposedAtMs, string proposer, long round)
    {
        var header = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{number}|{parentHash}|{proposedAtMs}|{proposer}|{round}");
        return "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(header)));
    }
}
