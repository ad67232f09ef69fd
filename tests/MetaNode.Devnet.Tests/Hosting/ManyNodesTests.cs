using System.Net;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Hosting;

/// <summary>Many-nodes mode: one process serving a validator and its followers on consecutive ports.</summary>
public sealed class ManyNodesTests
{
    private const int Count = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ManyNodes_Fifty_EveryNodeServesHealthAndRisingHeights()
    {
        await using var process = await DevnetNode.StartAsync(() => new NodeSettings
        {
            NodeId = "load",
            Role = NodeRole.Validator,
            Listen = DevnetNode.Loopback(FreePorts.Block(Count)),
            BlockTime = DevnetNode.BlockTime,
            Many = Count,
        });
        var basePort = process.Settings.Listen.Port;
        var nodes = Enumerable.Range(0, Count).Select(i => new Node($"node-{i}", DevnetNode.UrlOf(basePort + i))).ToList();

        await Eventually.UntilAsync(
            async () => (await Task.WhenAll(nodes.Select(n => process.HealthAsync(n.Url)))).All(h => h.Status == HttpStatusCode.OK),
            Deadline,
            "every one of the 50 nodes to answer /health with 200");
        await Eventually.UntilAsync(
            async () => (int)(await process.HealthAsync(nodes[0].Url)).Object["peers"]! == Count - 1,
            Deadline,
            "the validator to count its 49 followers as peers");
        foreach (var node in nodes)
        {
            var report = (await process.HealthAsync(node.Url)).Object;
            Assert.Equal(node.Id, (string?)report["nodeId"]);
            Assert.Equal(node.Id == "node-0" ? "validator" : "blockchain", (string?)report["role"]);
        }

        var first = await Task.WhenAll(nodes.Select(n => HeightAsync(process, n)));
        await Eventually.UntilAsync(
            async () =>
            {
                var now = await Task.WhenAll(nodes.Select(n => HeightAsync(process, n)));
                return now.Zip(first).All(pair => pair.First > pair.Second);
            },
            Deadline,
            "every one of the 50 nodes to report a higher eth_blockNumber");
    }

    private static async Task<long> HeightAsync(DevnetNode process, Node node)
    {
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}""");
        using var response = await process.Http.PostAsync(node.Url, content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return WireFormat.ToLong((string?)body["result"]);
    }

    private sealed record Node(string Id, Uri Url);
}
