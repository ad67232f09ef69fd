using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Faults;

/// <summary>Faults injected through the admin API, seen from outside: hangs, slow answers, a halted chain.</summary>
public sealed class FaultInjectionTests
{
    private const string BlockNumberRequest = """{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}""";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stall_ThenHeal_RpcAndHealthHangWhileAdminAnswersThenBlocksResume()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());
        await Eventually.UntilAsync(async () => await node.HeightAsync() >= 1, Deadline, "block 1");
        using var impatient = DevnetNode.CreateClient(node.RpcAddress, TimeSpan.FromMilliseconds(500));

        var stalled = await node.AdminAsync(HttpMethod.Post, "admin/stall");

        Assert.Equal(HttpStatusCode.OK, stalled.Status);
        Assert.True((bool)stalled.Object["stalled"]!);
        var rpc = await Assert.ThrowsAsync<TaskCanceledException>(() => node.PostAsync(BlockNumberRequest, impatient));
        Assert.IsType<TimeoutException>(rpc.InnerException);
        var stalledHeight = await AdminHeightAsync(node);
        var health = await Assert.ThrowsAsync<TaskCanceledException>(
            () => impatient.GetAsync(new Uri("health", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.IsType<TimeoutException>(health.InnerException);
        Assert.Equal(stalledHeight, await AdminHeightAsync(node));
        Assert.True((bool)(await node.AdminAsync(HttpMethod.Get, "admin/faults")).Object["stalled"]!);

        var healed = await node.AdminAsync(HttpMethod.Post, "admin/heal");

        Assert.Equal(HttpStatusCode.OK, healed.Status);
        Assert.False((bool)healed.Object["stalled"]!);
        Assert.Equal(HttpStatusCode.OK, (await node.PostAsync(BlockNumberRequest, impatient)).Status);
        Assert.Equal(HttpStatusCode.OK, (await node.HealthAsync()).Status);
        await Eventually.UntilAsync(
            async () => await node.HeightAsync() > stalledHeight,
            Deadline,
            $"blocks to resume above {stalledHeight} after heal");
    }

    [Fact]
    public async Task Stall_HungRequest_IsAnsweredOnceHealed()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());
        await node.AdminAsync(HttpMethod.Post, "admin/stall");

        var hung = node.PostAsync(BlockNumberRequest);
        // An admin round trip on another connection: the hung request has had time to arrive.
        Assert.True((bool)(await node.AdminAsync(HttpMethod.Get, "admin/faults")).Object["stalled"]!);
        Assert.False(hung.IsCompleted, "a stalled node does not answer");
        await node.AdminAsync(HttpMethod.Post, "admin/heal");

        var answer = await hung.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(WireFormat.IsQuantity((string?)answer.Object["result"]));
    }

    [Fact]
    public async Task Latency_SetThenCleared_DelaysAnswersByAtLeastTheRequestedAmount()
    {
        const int Milliseconds = 400;
        // Timers have millisecond granularity: allow the delay to end a hair early.
        var atLeast = TimeSpan.FromMilliseconds(Milliseconds - 10);
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());

        var set = await node.AdminAsync(HttpMethod.Post, "admin/latency", $$"""{"milliseconds":{{Milliseconds}}}""");

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(Milliseconds, (int)set.Object["latencyMilliseconds"]!);
        var rpc = await TimeAsync(() => node.PostAsync(BlockNumberRequest));
        Assert.True(rpc >= atLeast, $"eth_blockNumber answered after {rpc.TotalMilliseconds:0} ms");
        var health = await TimeAsync(() => node.HealthAsync());
        Assert.True(health >= atLeast, $"/health answered after {health.TotalMilliseconds:0} ms");

        var cleared = await node.AdminAsync(HttpMethod.Post, "admin/latency", """{"milliseconds":0}""");

        Assert.Equal(0, (int)cleared.Object["latencyMilliseconds"]!);
        Assert.Equal(HttpStatusCode.OK, (await node.PostAsync(BlockNumberRequest)).Status);
    }

    [Fact]
    public async Task Heal_AfterLatencyAndPartition_ClearsEveryFault()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());
        await node.AdminAsync(HttpMethod.Post, "admin/latency", """{"milliseconds":50}""");
        var partitioned = await node.AdminAsync(HttpMethod.Post, "admin/partition", """{"peers":["validator-2","validator-1"]}""");
        Assert.Equal(["validator-1", "validator-2"], Assert.IsType<JsonArray>(partitioned.Object["partitionedFrom"]).Select(p => (string?)p));

        var healed = await node.AdminAsync(HttpMethod.Post, "admin/heal");

        Assert.Empty(Assert.IsType<JsonArray>(healed.Object["partitionedFrom"]));
        Assert.Equal(0, (int)healed.Object["latencyMilliseconds"]!);
        Assert.False((bool)healed.Object["stalled"]!);
    }

    [Fact]
    public async Task Reconnect_SomePeers_KeepsTheOthersPartitioned()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());
        await node.AdminAsync(HttpMethod.Post, "admin/partition", """{"peers":["validator-1","validator-2"]}""");

        var reconnected = await node.AdminAsync(HttpMethod.Post, "admin/reconnect", """{"peers":["validator-1"]}""");

        Assert.Equal(HttpStatusCode.OK, reconnected.Status);
        Assert.Equal(["validator-2"], Assert.IsType<JsonArray>(reconnected.Object["partitionedFrom"]).Select(p => (string?)p));
    }

    [Theory]
    [InlineData("admin/heal", "{}")]
    [InlineData("admin/reconnect", """{"peers":["validator-1"]}""")]
    public async Task Partition_TwoValidatorsWithQuorumTwo_HaltsTheChainUntilRejoined(string rejoinPath, string rejoinBody)
    {
        var nodes = await DevnetNode.StartAllAsync(() => QuorumTwoPair());
        await using var first = nodes[0];
        await using var second = nodes[1];
        await Eventually.UntilAsync(
            async () => await first.HeightAsync() >= 2 && await second.HeightAsync() >= 2,
            Deadline,
            "both validators to commit block 2 together");

        var partitioned = await first.AdminAsync(HttpMethod.Post, "admin/partition", """{"peers":["validator-1"]}""");

        Assert.Equal(HttpStatusCode.OK, partitioned.Status);
        var atPartition = Math.Max(await first.HeightAsync(), await second.HeightAsync());
        // Each side reports itself isolated once it has heard nothing from the other for 10+ block times.
        await Eventually.UntilAsync(async () => await IsIsolatedAsync(first), Deadline, "validator-0 to report itself isolated");
        await Eventually.UntilAsync(async () => await IsIsolatedAsync(second), Deadline, "validator-1 to report itself isolated");
        // A commit whose votes were gathered before the cut may still land; nothing after it.
        Assert.InRange(await first.HeightAsync(), 2, atPartition + 1);
        Assert.InRange(await second.HeightAsync(), 2, atPartition + 1);
        var halted = Math.Max(await first.HeightAsync(), await second.HeightAsync());

        var rejoined = await first.AdminAsync(HttpMethod.Post, rejoinPath, rejoinBody);

        Assert.Equal(HttpStatusCode.OK, rejoined.Status);
        Assert.Empty(Assert.IsType<JsonArray>(rejoined.Object["partitionedFrom"]));
        await Eventually.UntilAsync(
            async () => await first.HeightAsync() > halted + 2 && await second.HeightAsync() > halted + 2,
            Deadline,
            $"both validators to commit past {halted + 2} after rejoining");
        var resumed = (await first.ResultAsync("eth_getBlockByNumber", $"""["{WireFormat.Quantity(halted + 1)}", false]"""))!;
        var resumedOnSecond = (await second.ResultAsync("eth_getBlockByNumber", $"""["{WireFormat.Quantity(halted + 1)}", false]"""))!;
        Assert.Equal((string?)resumed["hash"], (string?)resumedOnSecond["hash"]);
        await Eventually.UntilAsync(
            async () => (await first.HealthAsync()).Status == HttpStatusCode.OK
                        && (await second.HealthAsync()).Status == HttpStatusCode.OK,
            Deadline,
            "both validators to report themselves ok again");
    }

    [Fact]
    public async Task Membership_Valid_AnswersTheFaultReportAndTheChainGoesOn()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());
        var height = await node.HeightAsync();

        var answer = await node.AdminAsync(
            HttpMethod.Put,
            "admin/membership",
            $$"""{"validators":{"validator-0":"{{node.RpcAddress}}"},"peers":{},"quorum":1}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False((bool)answer.Object["stalled"]!);
        await Eventually.UntilAsync(async () => await node.HeightAsync() > height, Deadline, $"blocks above {height}");
    }

    private static IReadOnlyList<NodeSettings> QuorumTwoPair()
    {
        var ports = new[] { FreePorts.One(), FreePorts.One() };
        var validators = ports.Select((port, i) => new Peer($"validator-{i}", DevnetNode.UrlOf(port))).ToList();
        return
        [
            .. ports.Select((port, i) => new NodeSettings
            {
                NodeId = $"validator-{i}",
                Role = NodeRole.Validator,
                Listen = DevnetNode.Loopback(port),
                AdminListen = DevnetNode.Loopback(FreePorts.One()),
                AdminToken = DevnetNode.AdminToken,
                Validators = validators,
                Quorum = 2,
                BlockTime = DevnetNode.BlockTime,
            }),
        ];
    }

    private static async Task<bool> IsIsolatedAsync(DevnetNode node)
    {
        var answer = await node.HealthAsync();
        return answer.Status == HttpStatusCode.ServiceUnavailable && (string?)answer.Object["status"] == "isolated";
    }

    private static async Task<long> AdminHeightAsync(DevnetNode node) =>
        (long)(await node.AdminAsync(HttpMethod.Get, "admin/status")).Object["height"]!;

    private static async Task<TimeSpan> TimeAsync<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        await call();
        return clock.Elapsed;
    }
}
