using System.Text.Json;
using System.Text.Json.Nodes;

namespace MetaNode.Devnet.Tests.Support;

/// <summary>Checks on JSON-RPC 2.0 answers.</summary>
internal static class JsonRpcAssert
{
    /// <summary>Checks that <paramref name="response"/> is an error answer with <paramref name="code"/>; returns its message.</summary>
    public static string Error(JsonObject response, int code)
    {
        Assert.Equal("2.0", (string?)response["jsonrpc"]);
        Assert.True(response.ContainsKey("id"), $"an answer always carries its id, null if unknown: {response.ToJsonString()}");
        Assert.False(response.ContainsKey("result"), $"an error answer has no result: {response.ToJsonString()}");
        var error = Assert.IsType<JsonObject>(response["error"]);
        Assert.Equal(JsonValueKind.Number, error["code"]!.GetValueKind());
        Assert.Equal(code, (int)error["code"]!);
        var message = (string?)error["message"];
        Assert.False(string.IsNullOrWhiteSpace(message), "an error has a message");
        return message!;
    }
}
