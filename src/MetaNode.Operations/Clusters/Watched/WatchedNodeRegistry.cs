using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Clusters.Watched;

/// <summary>The outcome of adding a watched node: the node, or what is wrong, by field.</summary>
public sealed record WatchedNodeResult(WatchedNode? Node, IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>True when the node was added.</summary>
    public bool Succeeded => Node is not null;
}

/// <summary>
/// Every watched node: those in configuration (read-only) and those added on the page (stored).
/// Raises <see cref="Changed"/> when the list changes, so the catalog and the monitor follow.
/// </summary>
public sealed class WatchedNodeRegistry : IHostedService
{
    private readonly IDbContextFactory<DashboardDbContext>? _contextFactory;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<WatchedNode> _configured;
    private readonly IReadOnlySet<string> _otherApps;
    private readonly Lock _gate = new();
    private IReadOnlyList<WatchedNode> _stored = [];

    public WatchedNodeRegistry(IOptions<DashboardOptions> options, TimeProvider time, IDbContextFactory<DashboardDbContext>? contextFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contextFactory = contextFactory;
        _time = time;
        var apps = options.Value.Apps;
        _configured = [.. apps
            .Where(a => string.Equals(a.Value.Provider, nameof(Topology.ProviderKind.Watched), StringComparison.OrdinalIgnoreCase))
            .SelectMany(a => a.Value.Nodes.Select(n => FromOptions(a.Key, n.Key, n.Value)))
            .OfType<WatchedNode>()];
        _otherApps = apps.Where(a => !string.Equals(a.Value.Provider, nameof(Topology.ProviderKind.Watched), StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Raised after nodes were added or removed.</summary>
    public event Action? Changed;

    /// <summary>Every watched node, configured first.</summary>
    public IReadOnlyList<WatchedNode> Nodes
    {
        get
        {
            lock (_gate)
            {
                return [.. _configured, .. _stored];
            }
        }
    }

    /// <summary>Loads the stored nodes (after the store's migrations ran).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_contextFactory is null)
        {
            return;
        }

        await using var context = await _contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await context.WatchedNodes.AsNoTracking().OrderBy(n => n.Id).ToListAsync(cancellationToken);
        lock (_gate)
        {
            _stored = [.. records.Select(FromRecord).OfType<WatchedNode>()];
        }

        Changed?.Invoke();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Validates and stores a node typed on the page; the errors name each field and its rule.</summary>
    internal async Task<WatchedNodeResult> AddAsync(string app, string name, string component, string url, string? zone, string? region, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        app = app?.Trim() ?? string.Empty;
        name = name?.Trim() ?? string.Empty;
        component = string.IsNullOrWhiteSpace(component) ? "blockchain" : component.Trim();
        if (!AppCatalog.IsValidAppName(app))
        {
            errors["App"] = "must be 1-40 lowercase letters, digits or '-', starting with a letter (like public-rpc)";
        }
        else if (_otherApps.Contains(app))
        {
            errors["App"] = $"{app} is operated by the dashboard; watched nodes go in a watched app";
        }

        if (!AppCatalog.IsValidAppName(name))
        {
            errors["Name"] = "must be 1-40 lowercase letters, digits or '-', starting with a letter (like rpc-1)";
        }
        else if (Nodes.Any(n => n.App == app && n.Name == name))
        {
            errors["Name"] = $"{app} already has a node named {name}";
        }

        if (AppCatalog.ResolveRole(component, null) is null)
        {
            errors["Component"] = "must be blockchain, validator, agreement or ipfs";
        }

        if (WatchedNode.CheckUrl(url, out var address) is { } urlProblem)
        {
            errors["Url"] = urlProblem;
        }
        else if (Nodes.Any(n => n.App == app && n.Url == address))
        {
            errors["Url"] = $"{app} already watches {address}";
        }

        if (zone?.Length > 64 || region?.Length > 64)
        {
            errors[zone?.Length > 64 ? "Zone" : "Region"] = "must be at most 64 characters";
        }

        if (errors.Count > 0 || _contextFactory is null)
        {
            if (_contextFactory is null)
            {
                errors["App"] = "watched nodes cannot be stored without the dashboard's store";
            }

            return new WatchedNodeResult(null, errors);
        }

        var record = new WatchedNodeRecord
        {
            App = app,
            Name = name,
            Component = component,
            Url = address!.ToString(),
            Zone = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim(),
            Region = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            AddedAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await using (var context = await _contextFactory.CreateDbContextAsync(cancellationToken))
        {
            context.WatchedNodes.Add(record);
            await context.SaveChangesAsync(cancellationToken);
        }

        var node = FromRecord(record)!;
        lock (_gate)
        {
            _stored = [.. _stored, node];
        }

        Changed?.Invoke();
        return new WatchedNodeResult(node, errors);
    }

    /// <summary>Removes a node added on the page; false when there is no such stored node.</summary>
    internal async Task<bool> RemoveAsync(string app, string name, CancellationToken cancellationToken)
    {
        if (_contextFactory is null)
        {
            return false;
        }

        await using (var context = await _contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await context.WatchedNodes.Where(n => n.App == app && n.Name == name).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        lock (_gate)
        {
            _stored = [.. _stored.Where(n => !(n.App == app && n.Name == name))];
        }

        Changed?.Invoke();
        return true;
    }

    private static WatchedNode? FromOptions(string app, string name, WatchedNodeOptions options) =>
        WatchedNode.CheckUrl(options.Url, out var url) is null && AppCatalog.ResolveRole(options.Component, null) is { } role
            ? new WatchedNode(app, name, options.Component, role, url!, options.Zone, options.Region, FromConfiguration: true)
            : null;

    private static WatchedNode? FromRecord(WatchedNodeRecord record) =>
        WatchedNode.CheckUrl(record.Url, out var url) is null && AppCatalog.ResolveRole(record.Component, null) is { } role
            ? new WatchedNode(record.App, record.Name, record.Component, role, url!, record.Zone, record.Region, FromConfiguration: false)
            : null;
}
