using MetaNode.Operations.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters;

/// <summary>
/// How a provider's host brings its apps up when the dashboard starts: once the pages are served
/// (nodes starting keep two cores busy for seconds; the operator watches them come up instead of
/// waiting for the first page), one app after another, a failure logged and not fatal.
/// </summary>
internal static partial class AppStartup
{
    /// <summary>Completes when the dashboard has started serving.</summary>
    public static Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Applies each of <paramref name="apps"/> through <paramref name="provider"/>, logging how each went.</summary>
    public static async Task ApplyAllAsync(IClusterProvider provider, IEnumerable<AppTopology> apps, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(apps);
        foreach (var app in apps)
        {
            LogStartingApp(logger, provider.Kind, app.Name, string.Join(", ", app.Components.Select(c => $"{c.Name} {c.Replicas}")));
            try
            {
                await provider.ApplyAsync(app, stoppingToken);
                LogAppUp(logger, provider.Kind, app.Name, provider.Nodes(app.Name).Count(n => n.State == NodeRunState.Running));
            }
            catch (ClusterOperationException ex)
            {
                LogAppFailed(logger, provider.Kind, app.Name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {Provider} app {App}: {Components}")]
    private static partial void LogStartingApp(ILogger logger, ProviderKind provider, string app, string components);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} app {App} is up: {Running} node(s) running")]
    private static partial void LogAppUp(ILogger logger, ProviderKind provider, string app, int running);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Provider} app {App} could not be brought up: {Reason}")]
    private static partial void LogAppFailed(ILogger logger, ProviderKind provider, string app, string reason);
}
