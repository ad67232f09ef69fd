using System.Collections.Concurrent;
using System.Net;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Balancing;

/// <summary>Where each app's RPC entry point listens, for pages and the API.</summary>
public interface IRpcEntryPoints
{
    /// <summary>The entry point's address, or null when the app has none running.</summary>
    Uri? AddressOf(string app);

    /// <summary>The nodes the entry point of <paramref name="app"/> sends requests to now.</summary>
    IReadOnlyList<string> DestinationsOf(string app);
}

/// <summary>Runs the RPC entry point of every app the dashboard runs (Local, Docker) and keeps its destinations current.</summary>
internal sealed partial class RpcEntryPointService(
    AppCatalog catalog,
    IEntryPointDestinations destinations,
    ILoggerFactory loggers,
    ILogger<RpcEntryPointService> logger) : BackgroundService, IRpcEntryPoints
{
    private readonly ConcurrentDictionary<string, RpcEntryPoint> _entryPoints = new(StringComparer.Ordinal);

    public Uri? AddressOf(string app) => _entryPoints.TryGetValue(app, out var entryPoint) ? entryPoint.Address : null;

    public IReadOnlyList<string> DestinationsOf(string app) => _entryPoints.TryGetValue(app, out var entryPoint) ? entryPoint.Destinations : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // building a proxy host takes a moment: not on the start-up path
        var changes = destinations.ChangesAsync(stoppingToken).GetAsyncEnumerator(stoppingToken);
        foreach (var app in catalog.Apps.Where(a => a.Provider is ProviderKind.Local or ProviderKind.Docker))
        {
            var options = catalog.EntryPoint(app.Name);
            if (!options.Enabled)
            {
                continue;
            }

            try
            {
                var entryPoint = await RpcEntryPoint.StartAsync(app.Name, IPAddress.Parse(options.Address), options.Port, loggers, stoppingToken);
                _entryPoints[app.Name] = entryPoint;
                LogListening(logger, app.Name, entryPoint.Address);
                entryPoint.Route(destinations.Select(app.Name));
            }
            catch (IOException ex)
            {
                LogCannotListen(logger, app.Name, options.Address, options.Port, ex.Message);
            }
        }

        try
        {
            while (await changes.MoveNextAsync())
            {
                if (_entryPoints.TryGetValue(changes.Current, out var entryPoint))
                {
                    entryPoint.Route(destinations.Select(changes.Current));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await changes.DisposeAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var entryPoint in _entryPoints.Values)
        {
            await entryPoint.DisposeAsync();
        }

        _entryPoints.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} JSON-RPC entry point listening on {Address}")]
    private static partial void LogListening(ILogger logger, string app, Uri address);

    [LoggerMessage(Level = LogLevel.Error, Message = "{App} JSON-RPC entry point cannot listen on {Address}:{Port} ({Reason}); set Dashboard:Apps:{App}:EntryPoint:Port to a free port, or 0 for any")]
    private static partial void LogCannotListen(ILogger logger, string app, string address, int port, string reason);
}
