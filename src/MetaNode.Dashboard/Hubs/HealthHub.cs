using MetaNode.Operations.Health;
using Microsoft.AspNetCore.SignalR;

namespace MetaNode.Dashboard.Hubs;

/// <summary>
/// The live health feed over SignalR at <c>/hubs/health</c> for clients that are not Blazor pages.
/// A client gets the whole snapshot on connect and every change after it; or, after
/// <see cref="SubscribeApp"/>, the snapshot and changes of one app only.
/// </summary>
public sealed class HealthHub(IHealthFeed feed) : Hub<IHealthClient>
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/health";

    /// <summary>The group of clients that follow every app.</summary>
    public const string AllApps = "apps:*";

    /// <summary>The group of clients that follow <paramref name="app"/>.</summary>
    public static string AppGroup(string app) => "app:" + app;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, AllApps);
        await Clients.Caller.Snapshot(feed.Current);
        await base.OnConnectedAsync();
    }

    /// <summary>Follow one app only: the caller leaves the all-apps group and gets that app's snapshot.</summary>
    public async Task SubscribeApp(string app)
    {
        var snapshot = feed.Current;
        if (!snapshot.Apps.ContainsKey(app))
        {
            throw new HubException($"there is no app named '{app}'");
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AllApps);
        await Groups.AddToGroupAsync(Context.ConnectionId, AppGroup(app));
        await Clients.Caller.Snapshot(HealthHubPublisher.OnlyApp(snapshot, app));
    }

    /// <summary>Stop following one app (and follow none until <see cref="SubscribeApp"/> or reconnect).</summary>
    public Task UnsubscribeApp(string app) => Groups.RemoveFromGroupAsync(Context.ConnectionId, AppGroup(app));
}
