using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Tests.Support;

namespace MetaNode.Devnet.Tests.Hosting;

/// <summary>The two Kubo RPC calls an ipfs node answers, in Kubo's JSON shape.</summary>
public sealed class IpfsApiTests
{
    [Fact]
    public async Task Id_Posted_AnswersKuboIdentity()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.Service("ipfs-0", NodeRole.Ipfs));

        var id = await PostAsync(node, "api/v0/id");

        Assert.StartsWith("12D3KooW", (string?)id["ID"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)id["PublicKey"]));
        var addresses = Assert.IsType<JsonArray>(id["Addresses"]);
        Assert.Contains($"/ip4/127.0.0.1/tcp/{node.Settings.Listen.Port}", addresses.Select(a => (string?)a));
        Assert.StartsWith("kubo/", (string?)id["AgentVersion"], StringComparison.Ordinal);
        var protocols = Assert.IsType<JsonArray>(id["Protocols"]);
        Assert.NotEmpty(protocols);
        Assert.All(protocols, p => Assert.StartsWith("/", (string?)p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Id_TwoNodes_AreStableAndDistinct()
    {
        await using var first = await DevnetNode.StartAsync(() => DevnetNode.Service("ipfs-0", NodeRole.Ipfs));
        await using var second = await DevnetNode.StartAsync(() => DevnetNode.Service("ipfs-1", NodeRole.Ipfs));

        var firstId = (string?)(await PostAsync(first, "api/v0/id"))["ID"];
        var firstAgain = (string?)(await PostAsync(first, "api/v0/id"))["ID"];
        var secondId = (string?)(await PostAsync(second, "api/v0/id"))["ID"];

        Assert.Equal(firstId, firstAgain);
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task Version_Posted_AnswersKuboVersion()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.Service("ipfs-0", NodeRole.Ipfs));

        var version = await PostAsync(node, "api/v0/version");

        foreach (var field in new[] { "Version", "Commit", "Repo", "System", "Golang" })
        {
            Assert.Equal(JsonValueKind.String, version[field]?.GetValueKind());
        }

        Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)version["Version"]);
    }

    [Theory]
    [InlineData("api/v0/id")]
    [InlineData("api/v0/version")]
    public async Task KuboCall_WithGet_IsRefused(string path)
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.Service("ipfs-0", NodeRole.Ipfs));

        using var response = await node.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    [Theory]
    [InlineData(NodeRole.Agreement)]
    [InlineData(NodeRole.Blockchain)]
    public async Task KuboCall_OnANonIpfsNode_Answers404(NodeRole role)
    {
        await using var node = await DevnetNode.StartAsync(() => role == NodeRole.Blockchain
            ? DevnetNode.Follower("blockchain-0", FreePorts.One())
            : DevnetNode.Service("agreement-0", role));

        using var content = new StringContent(string.Empty);
        using var response = await node.Http.PostAsync(new Uri("api/v0/id", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonObject> PostAsync(DevnetNode node, string path)
    {
        using var content = new StringContent(string.Empty);
        using var response = await node.Http.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return Assert.IsType<JsonObject>(JsonNode.Parse(body));
    }
}
