using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>
/// Brings the local cluster up with the dashboard and down with it: on start, adopts what the
/// previous run left and applies every Local app's topology (in the background, so the pages are
/// served while nodes start); on stop, stops every node.
/// </summary>
internal sealed partial class LocalClusterHost(
    LocalClusterProvider provider,
    AppCatalog catalog,
    IHostApplicationLifetime lifetime,
    ILogger<LocalClusterHost> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every Local app has been applied once (successfully or not).</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Thirteen processes starting at once keep two cores busy for seconds: serve the pages
        // first, so the operator watches the nodes come up instead of waiting for the first page.
        await WhenStartedAsync(stoppingToken);
        try
        {
            var apps = catalog.Apps.Where(a => a.Provider == ProviderKind.Local).ToList();
            await provider.InitializeAsync([.. apps.Select(a => a.Name)], stoppingToken);
            foreach (var app in apps)
            {
                LogStartingApp(logger, app.Name, string.Join(", ", app.Components.Select(c => $"{c.Name} {c.Replicas}")));
                try
                {
                    await provider.ApplyAsync(app, stoppingToken);
                    LogAppUp(logger, app.Name, provider.Nodes(app.Name).Count(n => n.State == NodeRunState.Running));
                }
                catch (ClusterOperationException ex)
                {
                    LogAppFailed(logger, app.Name, ex.Message);
                }
            }
        }
        catch (ClusterOperationException ex)
        {
            LogAppFailed(logger, "local cluster", ex.Message);
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await provider.StopAllAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting local app {App}: {Components}")]
    private static partial void LogStartingApp(ILogger logger, string app, string components);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local app {App} is up: {Running} node(s) running")]
    private static partial void LogAppUp(ILogger logger, string app, int running);

    [LoggerMessage(Level = LogLevel.Error, Message = "Local app {App} could not be brought up: {Reason}")]
    private static partial void LogAppFailed(ILogger logger, string app, string reason);
}
