using System.Net;
using System.Text.Json.Nodes;
using MetaNode.Devnet.Tests.Support;

namespace MetaNode.Devnet.Tests.Rpc;

/// <summary>JSON-RPC 2.0 batches: one answer per request that has an id, none for notifications.</summary>
public sealed class JsonRpcBatchTests(SoloValidatorFixture fixture) : IClassFixture<SoloValidatorFixture>
{
    private DevnetNode Node => fixture.Node;

    [Fact]
    public async Task Batch_MixedValidInvalidAndNotifications_AnswersEveryRequestWithAnId()
    {
        var answer = await Node.PostAsync("""
            [
              {"jsonrpc":"2.0","id":1,"method":"eth_chainId"},
              {"jsonrpc":"2.0","method":"eth_blockNumber"},
              {"jsonrpc":"1.0","id":"old","method":"eth_chainId"},
              {"jsonrpc":"2.0","id":"gone","method":"eth_gone"},
              {"jsonrpc":"2.0","id":3,"method":"eth_getBlockByNumber","params":["nope"]},
              {"jsonrpc":"2.0","method":"eth_gone"},
              {"jsonrpc":"2.0","id":"v","method":"net_version","params":[]},
              5
            ]
            """);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var responses = answer.Array.Select(r => r!.AsObject()).ToList();
        Assert.Equal(6, responses.Count);
        Assert.Equal("0x1092", (string?)ById(responses, "1")["result"]);
        JsonRpcAssert.Error(ById(responses, "\"old\""), -32600);
        JsonRpcAssert.Error(ById(responses, "\"gone\""), -32601);
        JsonRpcAssert.Error(ById(responses, "3"), -32602);
        Assert.Equal("4242", (string?)ById(responses, "\"v\"")["result"]);
        JsonRpcAssert.Error(ById(responses, "null"), -32600);
    }

    [Fact]
    public async Task Batch_StringNumberAndNullIds_EchoesEachIdExactly()
    {
        var answer = await Node.PostAsync("""
            [
              {"jsonrpc":"2.0","id":"a string id","method":"eth_chainId"},
              {"jsonrpc":"2.0","id":0,"method":"eth_chainId"},
              {"jsonrpc":"2.0","id":-17,"method":"eth_chainId"},
              {"jsonrpc":"2.0","id":12345678901234567890,"method":"eth_chainId"},
              {"jsonrpc":"2.0","id":null,"method":"eth_chainId"}
            ]
            """);

        string[] expected = ["\"a string id\"", "0", "-17", "12345678901234567890", "null"];
        Assert.All(answer.Array, r => Assert.True(r!.AsObject().ContainsKey("id"), "every answer carries its id"));
        var ids = answer.Array.Select(r => r!["id"]?.ToJsonString() ?? "null");
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(answer.Array, r => Assert.Equal("0x1092", (string?)r!["result"]));
    }

    [Fact]
    public async Task Batch_OfIdenticalRequests_AnswersEachOne()
    {
        var batch = "[" + string.Join(',', Enumerable.Range(1, 10).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"net_version"}""")) + "]";

        var answer = await Node.PostAsync(batch);

        Assert.Equal(Enumerable.Range(1, 10), answer.Array.Select(r => (int)r!["id"]!).Order());
    }

    [Fact]
    public async Task Batch_OnlyNotifications_Answers204WithoutBody()
    {
        var answer = await Node.PostAsync("""
            [
              {"jsonrpc":"2.0","method":"eth_blockNumber"},
              {"jsonrpc":"2.0","method":"eth_gone","params":[]}
            ]
            """);

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(string.Empty, answer.Body);
    }

    [Fact]
    public async Task Batch_Empty_AnswersOneInvalidRequestObject()
    {
        var answer = await Node.PostAsync("[]");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var response = answer.Object;
        JsonRpcAssert.Error(response, -32600);
        Assert.Null(response["id"]);
    }

    [Fact]
    public async Task Batch_OfNonObjects_AnswersInvalidRequestForEach()
    {
        var answer = await Node.PostAsync("[1, \"two\", null]");

        Assert.Equal(3, answer.Array.Count);
        Assert.All(answer.Array, r => JsonRpcAssert.Error(r!.AsObject(), -32600));
    }

    [Fact]
    public async Task Batch_OfOneHundred_AnswersAll()
    {
        var answer = await Node.PostAsync(Batch(100));

        Assert.Equal(100, answer.Array.Count);
        Assert.All(answer.Array, r => Assert.Equal("0x1092", (string?)r!["result"]));
    }

    [Fact]
    public async Task Batch_OverOneHundred_AnswersOneInvalidRequestNamingTheLimit()
    {
        var answer = await Node.PostAsync(Batch(101));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var message = JsonRpcAssert.Error(answer.Object, -32600);
        Assert.Contains("100", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_BlockNumberAndLatestBlock_AnswerFromTheSameChain()
    {
        var answer = await Node.PostAsync("""
            [
              {"jsonrpc":"2.0","id":"n","method":"eth_blockNumber"},
              {"jsonrpc":"2.0","id":"b","method":"eth_getBlockByNumber","params":["latest",false]}
            ]
            """);

        var responses = answer.Array.Select(r => r!.AsObject()).ToList();
        var number = WireFormat.ToLong((string?)ById(responses, "\"n\"")["result"]);
        var block = ById(responses, "\"b\"")["result"]!;
        Assert.True(WireFormat.ToLong((string?)block["number"]) >= number);
    }

    private static string Batch(int count) =>
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"eth_chainId"}""")) + "]";

    /// <summary>The one response whose id is <paramref name="idJson"/> (as JSON text).</summary>
    private static JsonObject ById(IEnumerable<JsonObject> responses, string idJson) =>
        Assert.Single(responses, r => (r["id"]?.ToJsonString() ?? "null") == idJson && r.ContainsKey("id"));
}
