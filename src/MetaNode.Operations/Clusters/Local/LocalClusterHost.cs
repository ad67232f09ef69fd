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
        await AppStartup.WhenStartedAsync(lifetime, stoppingToken);
        try
        {
            var apps = catalog.Apps.Where(a => a.Provider == ProviderKind.Local).ToList();
            await provider.InitializeAsync([.. apps.Select(a => a.Name)], stoppingToken);
            await AppStartup.ApplyAllAsync(provider, apps, logger, stoppingToken);
        }
        catch (ClusterOperationException ex)
        {
            LogClusterFailed(logger, ex.Message);
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await provider.StopAllAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The local cluster could not be brought up: {Reason}")]
    private static partial void LogClusterFailed(ILogger logger, string reason);
}
