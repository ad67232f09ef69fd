using System.Collections.Concurrent;
using System.Diagnostics;
using MetaNode.Dashboard.Hubs;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Hubs;

/// <summary>The SignalR health hub, with a real local cluster behind the dashboard.</summary>
[Collection(nameof(HostClusterCollection))]
public sealed class HealthHubTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // A 5 s probe interval: a Down seen sooner than that came from the provider's exit event.
        _host = await DashboardTestHost.StartAsync(
            new()
            {
                DataDirectory = _data.Path,
                Settings = HostClusterCollection.LocalApp("hub-app", validators: 1, blockchain: 1, interval: "00:00:05", timeout: "00:00:01", ports: (30100, 30199)),
            },
            TestContext.Current.CancellationToken);
        var feed = _host.Services.GetRequiredService<IHealthFeed>();
        await Eventually.UntilAsync(
            () => feed.Current.NodesOf("hub-app").Count() == 2 && feed.Current.NodesOf("hub-app").All(n => n.Status == NodeStatus.Up),
            TimeSpan.FromSeconds(60),
            "hub-app's nodes to be Up");
        await _host.CreateUserAsync("viewer", "Viewer");
        using var client = await _host.SignedInClientAsync("viewer");
        _cookie = _host.Cookies(client)!;
    }

    private string _cookie = string.Empty;

    [Fact]
    public async Task Connect_NotSignedIn_IsRefused()
    {
        using var anonymous = _host.CreateClient();

        using var negotiate = await anonymous.PostAsync(new Uri(HealthHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Connect_NewClient_GetsTheSnapshotWithEveryApp()
    {
        var snapshots = new ConcurrentQueue<HealthSnapshot>();
        await using var connection = Connect();
        connection.On<HealthSnapshot>(nameof(IHealthClient.Snapshot), snapshots.Enqueue);

        await connection.StartAsync(TestContext.Current.CancellationToken);

        await Eventually.UntilAsync(() => !snapshots.IsEmpty, TimeSpan.FromSeconds(10), "the snapshot on connect");
        snapshots.TryPeek(out var snapshot);
        Assert.True(snapshot!.Apps.ContainsKey("hub-app"));
        Assert.Equal(2, snapshot.NodesOf("hub-app").Count());
        Assert.All(snapshot.NodesOf("hub-app"), n => Assert.Equal(NodeStatus.Up, n.Status));
    }

    [Fact]
    public async Task KilledNode_IsDownOnTheClientBeforeTheNextProbeWouldRun()
    {
        var downSeen = new TaskCompletionSource<NodeHealth>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = Connect();
        connection.On<HealthBatch>(nameof(IHealthClient.Changes), batch =>
        {
            if (batch.Nodes.FirstOrDefault(n => n.Node.Name == "blockchain-0" && n.Status == NodeStatus.Down) is { } down)
            {
                downSeen.TrySetResult(down);
            }
        });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync(nameof(HealthHub.SubscribeApp), "hub-app", TestContext.Current.CancellationToken);
        var provider = _host.Services.GetRequiredService<ClusterRegistry>().For("hub-app");
        var clock = Stopwatch.StartNew();

        await provider.KillAsync(provider.Nodes("hub-app").Single(n => n.Ref.Name == "blockchain-0").Ref, TestContext.Current.CancellationToken);

        var down = await downSeen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the client saw Down after {clock.ElapsedMilliseconds} ms, no sooner than a probe");
        Assert.Equal("process killed (SIGKILL) by the dashboard", down.Reason);
    }

    [Fact]
    public async Task SubscribeApp_UnknownApp_FailsWithAMessage()
    {
        await using var connection = Connect();
        await connection.StartAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync(nameof(HealthHub.SubscribeApp), "no-such-app", TestContext.Current.CancellationToken));

        Assert.Contains("there is no app named 'no-such-app'", error.Message, StringComparison.Ordinal);
    }

    private HubConnection Connect()
    {
        var server = _host.TestServer!;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, HealthHub.Path.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.Headers["Cookie"] = _cookie;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Cookie = _cookie;
                    return await client.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
    }
}
