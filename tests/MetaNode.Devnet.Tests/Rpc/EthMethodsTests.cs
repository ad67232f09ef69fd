using System.Text.Json.Nodes;
using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Rpc;

/// <summary>Every JSON-RPC method the devnet serves, in Ethereum's wire format.</summary>
public sealed class EthMethodsTests(SoloValidatorFixture fixture) : IClassFixture<SoloValidatorFixture>
{
    private static readonly string ZeroHash = "0x" + new string('0', 64);

    private DevnetNode Node => fixture.Node;

    [Fact]
    public async Task Web3ClientVersion_Called_ReturnsNameVersionPlatformAndRuntime()
    {
        var version = (string?)await Node.ResultAsync("web3_clientVersion");

        Assert.NotNull(version);
        Assert.StartsWith("MetaNode/v", version, StringComparison.Ordinal);
        Assert.Equal(4, version.Split('/').Length);
    }

    [Fact]
    public async Task NetVersion_Called_ReturnsChainIdAsDecimalString()
    {
        var result = await Node.ResultAsync("net_version");

        Assert.Equal(System.Text.Json.JsonValueKind.String, result!.GetValueKind());
        Assert.Equal("4242", (string?)result);
    }

    [Fact]
    public async Task NetListening_Called_ReturnsTrue()
    {
        var result = await Node.ResultAsync("net_listening");

        Assert.True((bool)result!);
    }

    [Fact]
    public async Task NetPeerCount_SoloValidator_ReturnsQuantityZero()
    {
        var result = (string?)await Node.ResultAsync("net_peerCount");

        Assert.Equal("0x0", result);
    }

    [Fact]
    public async Task EthChainId_Called_ReturnsChainIdAsHexQuantity()
    {
        var result = (string?)await Node.ResultAsync("eth_chainId");

        Assert.Equal("0x1092", result);
    }

    [Fact]
    public async Task EthBlockNumber_WhileCommitting_ReturnsRisingHexQuantity()
    {
        var first = (string?)await Node.ResultAsync("eth_blockNumber");

        Assert.True(WireFormat.IsQuantity(first), $"'{first}' is not a hex quantity without leading zeros");
        var height = WireFormat.ToLong(first);
        await Eventually.UntilAsync(
            async () => await Node.HeightAsync() > height,
            TimeSpan.FromSeconds(30),
            $"eth_blockNumber to rise above {height}");
    }

    [Fact]
    public async Task EthSyncing_SoloValidator_ReturnsFalse()
    {
        var result = await Node.ResultAsync("eth_syncing");

        Assert.Equal(System.Text.Json.JsonValueKind.False, result!.GetValueKind());
    }

    [Fact]
    public async Task EthGetBlockByNumber_Latest_ReturnsBlockInEthereumShape()
    {
        var before = await Node.HeightAsync();

        var block = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["latest", false]"""))!;

        Assert.True(WireFormat.ToLong((string?)block["number"]) >= before);
        Assert.True(WireFormat.IsHash((string?)block["hash"]), $"hash {block["hash"]}");
        Assert.True(WireFormat.IsHash((string?)block["parentHash"]), $"parentHash {block["parentHash"]}");
        Assert.True(WireFormat.IsAddress((string?)block["miner"]), $"miner {block["miner"]}");
        Assert.True(WireFormat.IsData((string?)block["nonce"], 8), $"nonce {block["nonce"]}");
        Assert.True(WireFormat.IsData((string?)block["logsBloom"], 256), "logsBloom is 256 bytes");
        foreach (var root in new[] { "sha3Uncles", "transactionsRoot", "stateRoot", "receiptsRoot", "mixHash" })
        {
            Assert.True(WireFormat.IsHash((string?)block[root]), $"{root} {block[root]}");
        }

        foreach (var quantity in new[] { "timestamp", "difficulty", "totalDifficulty", "size", "gasLimit", "gasUsed", "baseFeePerGas" })
        {
            Assert.True(WireFormat.IsQuantity((string?)block[quantity]), $"{quantity} {block[quantity]}");
        }

        Assert.Empty(Assert.IsType<JsonArray>(block["transactions"]));
        Assert.Empty(Assert.IsType<JsonArray>(block["uncles"]));
    }

    [Fact]
    public async Task EthGetBlockByNumber_Latest_HasTimestampOfNowInUnixSeconds()
    {
        var block = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["latest", false]"""))!;

        var timestamp = DateTimeOffset.FromUnixTimeSeconds(WireFormat.ToLong((string?)block["timestamp"]));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task EthGetBlockByNumber_Earliest_ReturnsGenesis()
    {
        var block = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["earliest", false]"""))!;

        Assert.Equal("0x0", (string?)block["number"]);
        Assert.Equal(ZeroHash, (string?)block["parentHash"]);
        Assert.True(WireFormat.IsHash((string?)block["hash"]));
    }

    [Fact]
    public async Task EthGetBlockByNumber_Pending_ReturnsTheHead()
    {
        var before = await Node.HeightAsync();

        var block = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["pending", false]"""))!;

        Assert.True(WireFormat.ToLong((string?)block["number"]) >= before);
    }

    [Fact]
    public async Task EthGetBlockByNumber_HexNumbers_ReturnThoseBlocksLinkedToTheirParents()
    {
        var genesis = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["0x0", false]"""))!;
        var one = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["0x1", false]"""))!;
        var two = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["0x2", true]"""))!;

        Assert.Equal("0x1", (string?)one["number"]);
        Assert.Equal("0x2", (string?)two["number"]);
        Assert.Equal((string?)genesis["hash"], (string?)one["parentHash"]);
        Assert.Equal((string?)one["hash"], (string?)two["parentHash"]);
        Assert.True(WireFormat.ToLong((string?)two["timestamp"]) >= WireFormat.ToLong((string?)one["timestamp"]));
        Assert.Empty(Assert.IsType<JsonArray>(two["transactions"]));
    }

    [Fact]
    public async Task EthGetBlockByNumber_BeyondTheHead_ReturnsNull()
    {
        var response = await Node.CallAsync("eth_getBlockByNumber", """["0xffffffff", false]""");

        Assert.False(response.ContainsKey("error"), response.ToJsonString());
        Assert.True(response.ContainsKey("result"), "a missing block is a null result, not an absent one");
        Assert.Null(response["result"]);
    }

    [Fact]
    public async Task EthGetBlockByNumber_WithoutSecondParameter_ReturnsTheBlock()
    {
        var block = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["0x1"]"""))!;

        Assert.Equal("0x1", (string?)block["number"]);
    }

    [Fact]
    public async Task EthGetBlockByHash_KnownHash_ReturnsTheSameBlockAsByNumber()
    {
        var byNumber = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["0x2", false]"""))!;
        var hash = (string)byNumber["hash"]!;

        var byHash = (JsonObject)(await Node.ResultAsync("eth_getBlockByHash", $"""["{hash}", false]"""))!;

        Assert.Equal(byNumber.ToJsonString(), byHash.ToJsonString());
    }

    [Fact]
    public async Task EthGetBlockByHash_UppercaseHex_FindsTheBlock()
    {
        var byNumber = (JsonObject)(await Node.ResultAsync("eth_getBlockByNumber", """["0x1", false]"""))!;
        var hash = (string)byNumber["hash"]!;

        var byHash = (JsonObject)(await Node.ResultAsync("eth_getBlockByHash", $"""["0x{hash[2..].ToUpperInvariant()}", false]"""))!;

        Assert.Equal(hash, (string?)byHash["hash"]);
    }

    [Fact]
    public async Task EthGetBlockByHash_UnknownHash_ReturnsNull()
    {
        var response = await Node.CallAsync("eth_getBlockByHash", $"""["0x{new string('a', 64)}", false]""");

        Assert.False(response.ContainsKey("error"), response.ToJsonString());
        Assert.True(response.ContainsKey("result"));
        Assert.Null(response["result"]);
    }

    [Fact]
    public async Task Response_ToASingleRequest_EchoesIdAndVersionWithJsonContentType()
    {
        var answer = await Node.PostAsync("""{"jsonrpc":"2.0","id":"abc-1","method":"eth_chainId","params":[]}""");

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        var response = answer.Object;
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.Equal("abc-1", (string?)response["id"]);
        Assert.Equal("0x1092", (string?)response["result"]);
        Assert.False(response.ContainsKey("error"));
    }

    [Fact]
    public async Task Request_WithoutParams_IsAnsweredLikeEmptyParams()
    {
        var answer = await Node.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"net_version"}""");

        Assert.Equal("4242", (string?)answer.Object["result"]);
    }
}
