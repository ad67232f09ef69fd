using System.Collections.Immutable;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.SignalR;

namespace MetaNode.Dashboard.Hubs;

/// <summary>
/// Reads the health feed once for the whole hub and sends each batch to the all-apps group and,
/// cut to size, to each app's group. The server never connects to its own hub.
/// </summary>
internal sealed partial class HealthHubPublisher(
    IHealthFeed feed,
    IHubContext<HealthHub, IHealthClient> hub,
    ILogger<HealthHubPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe();
        try
        {
            await foreach (var batch in subscription.ReadAllAsync(stoppingToken))
            {
                // Groups in parallel; a failed send is logged and the feed goes on: one bad
                // batch must not silence the hub for good.
                var sends = AppsIn(batch)
                    .Select(app => hub.Clients.Group(HealthHub.AppGroup(app)).Changes(OnlyApp(batch, app)))
                    .Append(hub.Clients.Group(HealthHub.AllApps).Changes(batch));
                try
                {
                    await Task.WhenAll(sends);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSendFailed(logger, batch.Version, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push health batch {Version} to hub clients")]
    private static partial void LogSendFailed(ILogger logger, long version, Exception exception);

    /// <summary>The part of <paramref name="snapshot"/> about <paramref name="app"/>.</summary>
    public static HealthSnapshot OnlyApp(HealthSnapshot snapshot, string app) => snapshot with
    {
        Apps = snapshot.Apps.Where(a => a.Key == app).ToImmutableSortedDictionary(StringComparer.Ordinal),
        Nodes = snapshot.Nodes.Where(n => n.Value.Node.App == app).ToImmutableDictionary(StringComparer.Ordinal),
        Findings = [.. snapshot.Findings.Where(f => f.App == app)],
    };

    private static HealthBatch OnlyApp(HealthBatch batch, string app) => batch with
    {
        Nodes = [.. batch.Nodes.Where(n => n.Node.App == app)],
        RemovedNodes = [.. batch.RemovedNodes.Where(id => id.StartsWith(app + "/", StringComparison.Ordinal))],
        Apps = [.. batch.Apps.Where(a => a.App == app)],
        Findings = [.. batch.Findings.Where(f => f.App == app)],
    };

    private static IEnumerable<string> AppsIn(HealthBatch batch) =>
        batch.Nodes.Select(n => n.Node.App)
            .Concat(batch.RemovedNodes.Select(id => id[..id.IndexOf('/', StringComparison.Ordinal)]))
            .Concat(batch.Apps.Select(a => a.App))
            .Concat(batch.Findings.Select(f => f.App))
            .Distinct(StringComparer.Ordinal);
}
