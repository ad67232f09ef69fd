using System.Globalization;
using System.Text.Json.Nodes;
using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Consensus;

/// <summary>Real node processes talking over HTTP: three validators (quorum 2) and a blockchain follower.</summary>
public sealed class ProcessClusterTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _work = new("metanode-devnet-cluster");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Cluster_ThreeValidatorsQuorumTwoAndAFollower_FollowerKeepsUpAndIsNotSyncing()
    {
        var validatorPorts = Enumerable.Range(0, 3).Select(_ => FreePorts.One()).ToList();
        var followerPort = FreePorts.One();
        var validators = string.Join(',', validatorPorts.Select((port, i) => $"validator-{i}=http://127.0.0.1:{port}/"));
        var follower = $"blockchain-0=http://127.0.0.1:{followerPort}/";
        var genesis = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        string[] common = ["--chain-id", "31337", "--genesis-time", genesis, "--block-time", "300ms", "--validators", validators];
        var nodes = new List<DevnetProcess>();
        try
        {
            nodes.AddRange(validatorPorts.Select((port, i) => DevnetProcess.Start(
                port,
                ["--node-id", $"validator-{i}", "--role", "validator", "--listen", $"127.0.0.1:{port}", "--quorum", "2", "--peers", follower, .. common],
                _work.Path)));
            var followerNode = DevnetProcess.Start(
                followerPort,
                ["--node-id", "blockchain-0", "--role", "blockchain", "--listen", $"127.0.0.1:{followerPort}", .. common],
                _work.Path);
            nodes.Add(followerNode);
            var validator = nodes[0];

            await Eventually.UntilAsync(
                async () => await HeightAsync(validator) >= 3,
                Deadline,
                "the validators to commit block 3 with quorum 2");
            await Eventually.UntilAsync(
                async () => Math.Abs(await HeightAsync(validator) - await HeightAsync(followerNode)) <= 1
                            && await ResultAsync(followerNode, "eth_syncing") is JsonValue syncing && syncing.GetValue<bool>() == false,
                Deadline,
                "the follower to be within a block of the validators and not syncing");

            // The same chain, not just the same height (a round race can fork a head for a moment).
            await Eventually.UntilAsync(
                async () =>
                {
                    var below = await HeightAsync(followerNode) - 1;
                    var atFollower = await BlockHashAsync(followerNode, below);
                    return atFollower is not null && atFollower == await BlockHashAsync(validator, below);
                },
                Deadline,
                "the follower and validator-0 to hold the same block just below the follower's head");
            Assert.Equal("0x7a69", (string?)await ResultAsync(followerNode, "eth_chainId"));
            var followed = await HeightAsync(followerNode);
            await Eventually.UntilAsync(
                async () => await HeightAsync(followerNode) > followed,
                Deadline,
                $"the follower to follow past block {followed}");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task<string?> BlockHashAsync(DevnetProcess node, long number) =>
        (string?)(await ResultAsync(node, "eth_getBlockByNumber", $"""["{WireFormat.Quantity(number)}", false]"""))?["hash"];

    private static async Task<long> HeightAsync(DevnetProcess node) => WireFormat.ToLong((string?)await ResultAsync(node, "eth_blockNumber"));

    private static async Task<JsonNode?> ResultAsync(DevnetProcess node, string method, string parameters = "[]")
    {
        using var content = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""");
        using var response = await node.Http.PostAsync(node.RpcAddress, content, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.False(body.ContainsKey("error"), $"{method} answered {body.ToJsonString()}");
        return body["result"];
    }
}
