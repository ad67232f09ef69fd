using MetaNode.Operations.Clusters;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Tests.Health;

/// <summary>Watched-only apps: any Ethereum JSON-RPC endpoint, health without operations.</summary>
public sealed class WatchedAppTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WatchedNode_OtherEthereumClient_IsUpWithUnsupportedMethodsShownAsNotAvailable()
    {
        await using var client = await FakeEthereumClient.StartAsync();
        await using var engine = await MonitoredCluster.StartWithAsync(new Dictionary<string, string?>
        {
            ["Dashboard:Apps:public-rpc:Provider"] = "Watched",
            ["Dashboard:Apps:public-rpc:Nodes:rpc-1:Url"] = client.Url.ToString(),
        });

        await engine.WaitForAsync(s => s.Nodes.TryGetValue("public-rpc/rpc-1", out var n) && n.Status == NodeStatus.Up, "the watched node to be Up");

        var node = engine.Feed.Current.Nodes["public-rpc/rpc-1"];
        Assert.Equal("OtherClient/v9.9.9/linux-amd64/go1.22", node.ClientVersion);
        Assert.Equal(1337, node.ChainId);
        Assert.True(node.Height > 100);
        Assert.Null(node.Peers);
        Assert.Contains("net_peerCount", node.Unsupported);
        Assert.Contains("eth_syncing", node.Unsupported);
        Assert.Null(node.HealthCheck);
        Assert.Null(node.RunState);
        Assert.False(engine.Feed.Current.Apps["public-rpc"].Operable);
    }

    [Fact]
    public async Task WatchedApp_AnyOperation_IsRefusedWithASentence()
    {
        await using var client = await FakeEthereumClient.StartAsync();
        await using var engine = await MonitoredCluster.StartWithAsync(new Dictionary<string, string?>
        {
            ["Dashboard:Apps:public-rpc:Provider"] = "Watched",
            ["Dashboard:Apps:public-rpc:Nodes:rpc-1:Url"] = client.Url.ToString(),
        });
        var provider = engine.ProviderOf("public-rpc");

        var error = await Assert.ThrowsAsync<ClusterOperationException>(() =>
            provider.KillAsync(provider.Nodes("public-rpc")[0].Ref, Cancellation));

        Assert.Equal(ProviderCapabilities.None, provider.Capabilities);
        Assert.Equal("public-rpc is watched only: the dashboard checks its health but does not operate its nodes", error.Message);
    }

    [Fact]
    public async Task AddOnPage_ValidNode_IsStoredAndWatchedAtOnce()
    {
        await using var client = await FakeEthereumClient.StartAsync();
        await using var engine = await MonitoredCluster.StartWithAsync(new Dictionary<string, string?>());
        var registry = engine.Services.GetRequiredService<WatchedNodeRegistry>();

        var result = await registry.AddAsync("partner-chain", "rpc-a", "blockchain", client.Url.ToString(), "eu-west-1a", "eu-west-1", Cancellation);

        Assert.True(result.Succeeded);
        Assert.NotNull(engine.Services.GetRequiredService<AppCatalog>().Find("partner-chain"));
        await engine.WaitForAsync(s => s.Nodes.TryGetValue("partner-chain/rpc-a", out var n) && n.Status == NodeStatus.Up, "the added node to be watched");
        Assert.Equal("eu-west-1a", engine.Feed.Current.Nodes["partner-chain/rpc-a"].Zone);

        Assert.True(await registry.RemoveAsync("partner-chain", "rpc-a", Cancellation));
        await engine.WaitForAsync(s => !s.Nodes.ContainsKey("partner-chain/rpc-a"), "the removed node to leave the feed");
    }

    [Theory]
    [InlineData("partner", "rpc-a", "ftp://10.0.0.1", "Url", "must be an absolute http:// or https:// address with a host, e.g. http://10.0.0.5:8545")]
    [InlineData("partner", "rpc-a", "not a url", "Url", "must be an absolute http:// or https:// address with a host, e.g. http://10.0.0.5:8545")]
    [InlineData("partner", "rpc-a", "", "Url", "is required, e.g. http://10.0.0.5:8545")]
    [InlineData("partner", "rpc-a", "http://user:pw@10.0.0.1:8545", "Url", "must not carry a query, a fragment or credentials")]
    [InlineData("Partner", "rpc-a", "http://10.0.0.1:8545", "App", "must be 1-40 lowercase letters, digits or '-', starting with a letter (like public-rpc)")]
    [InlineData("partner", "RPC A", "http://10.0.0.1:8545", "Name", "must be 1-40 lowercase letters, digits or '-', starting with a letter (like rpc-1)")]
    public async Task AddOnPage_BadField_IsRefusedNamingTheFieldAndTheRule(string app, string name, string url, string field, string rule)
    {
        await using var engine = await MonitoredCluster.StartWithAsync(new Dictionary<string, string?>());
        var registry = engine.Services.GetRequiredService<WatchedNodeRegistry>();

        var result = await registry.AddAsync(app, name, "blockchain", url, null, null, Cancellation);

        Assert.False(result.Succeeded);
        Assert.Equal(rule, result.Errors[field]);
        Assert.Empty(registry.Nodes);
    }

    [Fact]
    public async Task AddOnPage_SameNameTwice_IsRefused()
    {
        await using var engine = await MonitoredCluster.StartWithAsync(new Dictionary<string, string?>());
        var registry = engine.Services.GetRequiredService<WatchedNodeRegistry>();
        await registry.AddAsync("partner", "rpc-a", "blockchain", "http://127.0.0.1:1/", null, null, Cancellation);

        var second = await registry.AddAsync("partner", "rpc-a", "blockchain", "http://127.0.0.1:2/", null, null, Cancellation);

        Assert.Equal("partner already has a node named rpc-a", second.Errors["Name"]);
    }
}
