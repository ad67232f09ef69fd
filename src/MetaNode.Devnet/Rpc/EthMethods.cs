using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Consensus;

namespace MetaNode.Devnet.Rpc;

/// <summary>
/// The Ethereum JSON-RPC subset a MetaNode node serves. Each method checks its positional
/// parameters and returns a writer for its result, so the answer is taken from one consistent
/// look at the node.
/// </summary>
internal sealed class EthMethods
{
    /// <summary>web3_clientVersion's answer, in the usual name/version/platform/runtime shape.</summary>
    public static readonly string ClientVersion =
        $"MetaNode/v0.1.0-devnet/{RuntimeInformation.RuntimeIdentifier}/dotnet{Environment.Version.Major}.{Environment.Version.Minor}";

    // keccak256(rlp([])) and the empty trie root: what a block without uncles or transactions carries.
    private const string EmptyUnclesHash = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
    private const string EmptyTrieRoot = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
    private static readonly string EmptyBloom = "0x" + new string('0', 512);
    private static readonly string ZeroHash = "0x" + new string('0', 64);

    private readonly NodeRuntime _node;
    private readonly Dictionary<string, Func<JsonElement[], Action<Utf8JsonWriter>>> _methods;

    public EthMethods(NodeRuntime node)
    {
        _node = node;
        _methods = new(StringComparer.Ordinal)
        {
            ["web3_clientVersion"] = p => NoParams(p, w => w.WriteStringValue(ClientVersion)),
            ["net_version"] = p => NoParams(p, w => w.WriteStringValue(_node.Settings.ChainId.ToString(CultureInfo.InvariantCulture))),
            ["net_listening"] = p => NoParams(p, w => w.WriteBooleanValue(true)),
            ["net_peerCount"] = p => Quantity(p, _node.ReachablePeerCount()),
            ["eth_chainId"] = p => Quantity(p, _node.Settings.ChainId),
            ["eth_blockNumber"] = p => Quantity(p, _node.Head!.Number),
            ["eth_syncing"] = Syncing,
            ["eth_getBlockByNumber"] = GetBlockByNumber,
            ["eth_getBlockByHash"] = GetBlockByHash,
        };
    }

    /// <summary>Finds a method by its exact name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out Func<JsonElement[], Action<Utf8JsonWriter>>? method) =>
        _methods.TryGetValue(name, out method);

    private static Action<Utf8JsonWriter> NoParams(JsonElement[] parameters, Action<Utf8JsonWriter> result)
    {
        MaxParams(parameters, 0);
        return result;
    }

    private static Action<Utf8JsonWriter> Quantity(JsonElement[] parameters, long value)
    {
        MaxParams(parameters, 0);
        var text = Hex.Quantity(value);
        return w => w.WriteStringValue(text);
    }

    private Action<Utf8JsonWriter> Syncing(JsonElement[] parameters)
    {
        MaxParams(parameters, 0);
        if (_node.Syncing() is not { } progress)
        {
            return w => w.WriteBooleanValue(false);
        }

        return w =>
        {
            w.WriteStartObject();
            w.WriteString("startingBlock", Hex.Quantity(progress.Starting));
            w.WriteString("currentBlock", Hex.Quantity(progress.Current));
            w.WriteString("highestBlock", Hex.Quantity(progress.Highest));
            w.WriteEndObject();
        };
    }

    private Action<Utf8JsonWriter> GetBlockByNumber(JsonElement[] parameters)
    {
        MaxParams(parameters, 2);
        if (parameters.Length == 0)
        {
            throw new InvalidParamsException("missing value for required argument 0 (block number or tag)");
        }

        var fullTransactions = FullTransactionsFlag(parameters);
        var tag = parameters[0].ValueKind == JsonValueKind.String ? parameters[0].GetString() : null;
        var head = _node.Head!;
        Block? block = tag switch
        {
            "latest" or "pending" or "safe" or "finalized" => head,
            "earliest" => _node.GetBlock(0),
            _ when Hex.TryParseQuantity(tag, out var number) => _node.GetBlock(number),
            _ => throw new InvalidParamsException("argument 0 must be a hex block number or one of latest, earliest, pending, safe, finalized"),
        };
        return BlockResult(block, fullTransactions);
    }

    private Action<Utf8JsonWriter> GetBlockByHash(JsonElement[] parameters)
    {
        MaxParams(parameters, 2);
        if (parameters.Length == 0 || parameters[0].ValueKind != JsonValueKind.String || !Hex.IsHash(parameters[0].GetString()))
        {
            throw new InvalidParamsException("argument 0 must be a 0x-prefixed 32-byte block hash");
        }

        var fullTransactions = FullTransactionsFlag(parameters);
        return BlockResult(_node.GetBlockByHash(parameters[0].GetString()!.ToLowerInvariant()), fullTransactions);
    }

    private static bool FullTransactionsFlag(JsonElement[] parameters)
    {
        if (parameters.Length < 2)
        {
            return false;
        }

        return parameters[1].ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidParamsException("argument 1 (full transactions) must be a boolean"),
        };
    }

    private static Action<Utf8JsonWriter> BlockResult(Block? block, bool fullTransactions)
    {
        _ = fullTransactions; // the devnet's blocks carry no transactions, full or not
        if (block is null)
        {
            return w => w.WriteNullValue();
        }

        return w =>
        {
            w.WriteStartObject();
            w.WriteString("number", Hex.Quantity(block.Number));
            w.WriteString("hash", block.Hash);
            w.WriteString("parentHash", block.ParentHash);
            w.WriteString("nonce", "0x" + block.Round.ToString("x16", CultureInfo.InvariantCulture));
            w.WriteString("mixHash", ZeroHash);
            w.WriteString("sha3Uncles", EmptyUnclesHash);
            w.WriteString("logsBloom", EmptyBloom);
            w.WriteString("transactionsRoot", EmptyTrieRoot);
            w.WriteString("stateRoot", EmptyTrieRoot);
            w.WriteString("receiptsRoot", EmptyTrieRoot);
            w.WriteString("miner", block.Miner);
            w.WriteString("difficulty", "0x0");
            w.WriteString("totalDifficulty", "0x0");
            w.WriteString("extraData", "0x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(block.Proposer)));
            w.WriteString("size", "0x220");
            w.WriteString("gasLimit", "0x1c9c380");
            w.WriteString("gasUsed", "0x0");
            w.WriteString("baseFeePerGas", "0x0");
            w.WriteString("timestamp", Hex.Quantity(block.Timestamp));
            w.WriteStartArray("transactions");
            w.WriteEndArray();
            w.WriteStartArray("uncles");
            w.WriteEndArray();
            w.WriteEndObject();
        };
    }

    private static void MaxParams(JsonElement[] parameters, int max)
    {
        if (parameters.Length > max)
        {
            throw new InvalidParamsException($"too many arguments, want at most {max}");
        }
    }
}
