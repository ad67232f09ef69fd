using System.Net;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Tests.Support;
using MetaNode.Testing;

namespace MetaNode.Devnet.Tests.Hosting;

/// <summary><c>GET /health</c>: 200 with a JSON report while serving, 503 when cut off from every peer.</summary>
public sealed class HealthTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Health_SoloValidatorServing_Answers200WithReport()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator("validator-0"));
        await Eventually.UntilAsync(async () => await node.HeightAsync() >= 1, Deadline, "block 1");

        var answer = await node.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        var report = answer.Object;
        Assert.Equal("ok", (string?)report["status"]);
        Assert.Equal("validator-0", (string?)report["nodeId"]);
        Assert.Equal("validator", (string?)report["role"]);
        Assert.True((long)report["height"]! >= 1);
        Assert.Equal(0, (int)report["peers"]!);
        Assert.False((bool)report["syncing"]!);
    }

    [Fact]
    public async Task Health_HeightField_FollowsTheChain()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());
        var first = (long)(await node.HealthAsync()).Object["height"]!;

        await Eventually.UntilAsync(
            async () => (long)(await node.HealthAsync()).Object["height"]! > first,
            Deadline,
            $"/health to report a height above {first}");
    }

    [Theory]
    [InlineData(NodeRole.Agreement, "agreement")]
    [InlineData(NodeRole.Ipfs, "ipfs")]
    public async Task Health_ServiceRole_Answers200WithoutChainFields(NodeRole role, string roleName)
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.Service("service-1", role));

        var answer = await node.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var report = answer.Object;
        Assert.Equal("ok", (string?)report["status"]);
        Assert.Equal("service-1", (string?)report["nodeId"]);
        Assert.Equal(roleName, (string?)report["role"]);
        Assert.Null(report["height"]);
        Assert.Null(report["peers"]);
        Assert.False((bool)report["syncing"]!);
    }

    [Fact]
    public async Task Health_FollowerWhoseValidatorsAreUnreachable_Answers503Isolated()
    {
        var closedPort = FreePorts.One();
        await using var follower = await DevnetNode.StartAsync(() => DevnetNode.Follower("blockchain-0", closedPort));

        var answer = await follower.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        var report = answer.Object;
        Assert.Equal("isolated", (string?)report["status"]);
        Assert.Equal("blockchain", (string?)report["role"]);
        Assert.Equal(0, (long)report["height"]!);
        Assert.Equal(0, (int)report["peers"]!);
    }

    [Fact]
    public async Task Health_FollowerOfALiveValidator_Answers200WithOnePeer()
    {
        var nodes = await DevnetNode.StartValidatorAndFollowerAsync();
        await using var validator = nodes[0];
        await using var follower = nodes[1];

        await Eventually.UntilAsync(
            async () => (await follower.HealthAsync()) is { Status: HttpStatusCode.OK } answer && (int)answer.Object["peers"]! == 1,
            Deadline,
            "the follower to report itself ok with 1 peer");
        await Eventually.UntilAsync(
            async () => (await validator.HealthAsync()) is { Status: HttpStatusCode.OK } answer && (int)answer.Object["peers"]! == 1,
            Deadline,
            "the validator to report itself ok with 1 peer");
    }

    [Fact]
    public async Task Health_PartitionedFromEveryPeer_Answers503IsolatedUntilHealed()
    {
        var nodes = await DevnetNode.StartValidatorAndFollowerAsync();
        await using var validator = nodes[0];
        await using var follower = nodes[1];
        await Eventually.UntilAsync(
            async () => (await follower.HealthAsync()).Status == HttpStatusCode.OK,
            Deadline,
            "the follower to be ok before the partition");

        var partitioned = await follower.AdminAsync(HttpMethod.Post, "admin/partition", """{"peers":["validator-0"]}""");

        Assert.Equal(HttpStatusCode.OK, partitioned.Status);
        await Eventually.UntilAsync(
            async () => (await follower.HealthAsync()) is { Status: HttpStatusCode.ServiceUnavailable } answer
                        && (string?)answer.Object["status"] == "isolated",
            Deadline,
            "the partitioned follower to report 503 isolated");

        var healed = await follower.AdminAsync(HttpMethod.Post, "admin/heal");

        Assert.Equal(HttpStatusCode.OK, healed.Status);
        await Eventually.UntilAsync(
            async () => (await follower.HealthAsync()).Status == HttpStatusCode.OK,
            Deadline,
            "the healed follower to report 200 again");
    }

    [Fact]
    public async Task Health_PostedTo_IsNotServed()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());

        using var content = new StringContent("{}");
        using var response = await node.Http.PostAsync(new Uri("health", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_OnANode_Answers404()
    {
        await using var node = await DevnetNode.StartAsync(() => DevnetNode.SoloValidator());

        using var response = await node.Http.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
