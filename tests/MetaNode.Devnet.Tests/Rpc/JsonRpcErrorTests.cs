using System.Net;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Tests.Support;

namespace MetaNode.Devnet.Tests.Rpc;

/// <summary>The JSON-RPC 2.0 error answers: -32700, -32600, -32601 and -32602, and the HTTP edges.</summary>
public sealed class JsonRpcErrorTests(SoloValidatorFixture fixture) : IClassFixture<SoloValidatorFixture>
{
    private DevnetNode Node => fixture.Node;

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[""")]
    [InlineData("not json at all")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber",}""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}""")]
    public async Task Request_NotJson_AnswersParseErrorWithNullId(string body)
    {
        var answer = await Node.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        JsonRpcAssert.Error(answer.Object, -32700);
        Assert.Null(answer.Object["id"]);
        Assert.True(answer.Object.ContainsKey("id"), "an error answer carries id: null");
    }

    [Fact]
    public async Task Request_NestedDeeperThanAllowed_AnswersParseError()
    {
        var body = new string('[', 40) + new string(']', 40);

        var answer = await Node.PostAsync(body);

        JsonRpcAssert.Error(answer.Object, -32700);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"eth_blockNumber\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":"latest"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":5}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":null}""")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"eth_blockNumber"}""")]
    [InlineData("""{"jsonrpc":2.0,"id":1,"method":"eth_blockNumber"}""")]
    [InlineData("""{"id":1,"method":"eth_blockNumber"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":42}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":""}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":null}""")]
    public async Task Request_NotAValidRequest_AnswersInvalidRequest(string body)
    {
        var answer = await Node.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        JsonRpcAssert.Error(answer.Object, -32600);
    }

    [Fact]
    public async Task InvalidRequest_WithAValidId_EchoesTheId()
    {
        var answer = await Node.PostAsync("""{"jsonrpc":"1.0","id":"req-7","method":"eth_blockNumber"}""");

        JsonRpcAssert.Error(answer.Object, -32600);
        Assert.Equal("req-7", (string?)answer.Object["id"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("true")]
    public async Task Request_WithIdOfInvalidType_AnswersInvalidRequestWithNullId(string id)
    {
        var answer = await Node.PostAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"eth_blockNumber"}""");

        JsonRpcAssert.Error(answer.Object, -32600);
        Assert.True(answer.Object.ContainsKey("id"));
        Assert.Null(answer.Object["id"]);
    }

    [Theory]
    [InlineData("eth_sendRawTransaction")]
    [InlineData("eth_getBalance")]
    [InlineData("ETH_BLOCKNUMBER")]
    [InlineData("admin_peers")]
    public async Task Method_Unknown_AnswersMethodNotFoundNamingIt(string method)
    {
        var response = await Node.CallAsync(method, id: "9");

        var message = JsonRpcAssert.Error(response, -32601);
        Assert.Contains(method, message, StringComparison.Ordinal);
        Assert.Equal(9, (int?)response["id"]);
    }

    [Theory]
    [InlineData("eth_getBlockByNumber", """[]""")]
    [InlineData("eth_getBlockByNumber", """["newest", false]""")]
    [InlineData("eth_getBlockByNumber", """["0x", false]""")]
    [InlineData("eth_getBlockByNumber", """["0xzz", false]""")]
    [InlineData("eth_getBlockByNumber", """["12", false]""")]
    [InlineData("eth_getBlockByNumber", """[1, false]""")]
    [InlineData("eth_getBlockByNumber", """[null, false]""")]
    [InlineData("eth_getBlockByNumber", """["latest", false, true]""")]
    [InlineData("eth_getBlockByNumber", """["latest", "true"]""")]
    [InlineData("eth_getBlockByNumber", """["latest", 1]""")]
    [InlineData("eth_getBlockByNumber", """{"block":"latest","full":false}""")]
    [InlineData("eth_getBlockByHash", """[]""")]
    [InlineData("eth_getBlockByHash", """["0x1234", false]""")]
    [InlineData("eth_getBlockByHash", """["latest", false]""")]
    [InlineData("eth_getBlockByHash", """[1, false]""")]
    [InlineData("eth_getBlockByHash", """["0xgggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg", false]""")]
    [InlineData("eth_getBlockByHash", """["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false]""")]
    [InlineData("eth_getBlockByHash", """["0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "no"]""")]
    [InlineData("eth_getBlockByHash", """["0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false, 1]""")]
    [InlineData("eth_blockNumber", """["latest"]""")]
    [InlineData("eth_chainId", """[1]""")]
    [InlineData("eth_syncing", """[false]""")]
    [InlineData("net_version", """[null]""")]
    [InlineData("net_peerCount", """[1]""")]
    [InlineData("net_listening", """[1]""")]
    [InlineData("web3_clientVersion", """["x"]""")]
    [InlineData("eth_blockNumber", """{}""")]
    public async Task Method_WithBadParams_AnswersInvalidParams(string method, string parameters)
    {
        var response = await Node.CallAsync(method, parameters, id: "\"p\"");

        var message = JsonRpcAssert.Error(response, -32602);
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Equal("p", (string?)response["id"]);
    }

    [Fact]
    public async Task Get_OnTheRpcEndpoint_Answers405AllowingPost()
    {
        using var response = await Node.Http.GetAsync(Node.RpcAddress, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Put_OnTheRpcEndpoint_Answers405()
    {
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}""");
        using var response = await Node.Http.PutAsync(Node.RpcAddress, content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Notification_ValidMethod_Answers204WithoutBody()
    {
        var answer = await Node.PostAsync("""{"jsonrpc":"2.0","method":"eth_blockNumber","params":[]}""");

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(string.Empty, answer.Body);
    }

    [Fact]
    public async Task Notification_UnknownMethod_Answers204WithoutBody()
    {
        var answer = await Node.PostAsync("""{"jsonrpc":"2.0","method":"eth_doesNotExist"}""");

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(string.Empty, answer.Body);
    }

    [Fact]
    public async Task Request_OverOneMebibyte_Answers413()
    {
        var padding = new string(' ', 1024 * 1024);
        var answer = await Node.PostAsync($$"""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"{{padding}}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
    }

    [Theory]
    [InlineData(NodeRole.Agreement)]
    [InlineData(NodeRole.Ipfs)]
    public async Task ServiceRole_PostedJsonRpc_Answers404(NodeRole role)
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.Service("service-0", role));

        var answer = await node.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}""");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.DoesNotContain("jsonrpc", answer.Body, StringComparison.Ordinal);
    }
}
