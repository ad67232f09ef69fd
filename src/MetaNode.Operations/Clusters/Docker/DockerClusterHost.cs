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

            await WhenStartedAsync(stoppingToken);
            await ConnectAsync([.. apps.Select(a => a.Name)], stoppingToken);
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

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting Docker app {App}: {Components}")]
    private static partial void LogStartingApp(ILogger logger, string app, string components);

    [LoggerMessage(Level = LogLevel.Information, Message = "Docker app {App} is up: {Running} node(s) running")]
    private static partial void LogAppUp(ILogger logger, string app, int running);

    [LoggerMessage(Level = LogLevel.Error, Message = "Docker app {App} could not be brought up: {Reason}")]
    private static partial void LogAppFailed(ILogger logger, string app, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Docker engine is not available ({Failures} attempt(s)): {Reason}; trying again in {Seconds} s")]
    private static partial void LogEngineUnavailable(ILogger logger, int failures, string reason, double seconds);
}
