using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// Brings every Docker app to its configured topology when the dashboard starts (in the
/// background, so pages are served meanwhile), waiting with backoff for an engine that is not up
/// yet. Unlike local processes, containers are left running when the dashboard stops: they do not
/// depend on it, and the next start finds them again by their labels.
/// </summary>
internal sealed partial class DockerClusterHost(
    DockerClusterProvider provider,
    AppCatalog catalog,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DockerClusterHost> logger) : BackgroundService
{
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every Docker app has been applied once (successfully or not), or there is none.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var apps = catalog.Apps.Where(a => a.Provider == ProviderKind.Docker).ToList();
            if (apps.Count == 0)
            {
                return; // no app runs on Docker: do not even look for an engine
            }

            await AppStartup.WhenStartedAsync(lifetime, stoppingToken);
            await ConnectAsync([.. apps.Select(a => a.Name)], stoppingToken);
            await AppStartup.ApplyAllAsync(provider, apps, logger, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    private async Task ConnectAsync(IReadOnlyCollection<string> apps, CancellationToken stoppingToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await provider.ConnectAsync(apps, stoppingToken);
                return;
            }
            catch (ClusterOperationException ex)
            {
                var wait = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, TimeSpan.FromSeconds(1).Ticks << Math.Min(failures - 1, 5)));
                LogEngineUnavailable(logger, failures, ex.Message, wait.TotalSeconds);
                await Task.Delay(wait, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Docker engine is not available ({Failures} attempt(s)): {Reason}; trying again in {Seconds} s")]
    private static partial void LogEngineUnavailable(ILogger logger, int failures, string reason, double seconds);
}
