using System.Text.RegularExpressions;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Configuration;

/// <summary>
/// The apps the dashboard knows, as topologies: those in <c>Dashboard:Apps</c> (validated on
/// start) and the watched apps whose nodes were added on the Watched nodes page. A watched app's
/// components follow from its nodes.
/// </summary>
public sealed partial class AppCatalog
{
    /// <summary>The most replicas one component may have.</summary>
    public const int MaxReplicas = 200;

    private readonly IReadOnlyDictionary<string, AppOptions> _configured;
    private readonly WatchedNodeRegistry? _watched;
    private IReadOnlyDictionary<string, AppTopology> _apps = new Dictionary<string, AppTopology>();
    private IReadOnlyDictionary<string, AppTopology> _applied = new Dictionary<string, AppTopology>(StringComparer.Ordinal);
    private readonly Lock _applying = new();

    public AppCatalog(IOptions<DashboardOptions> options, WatchedNodeRegistry? watched = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _configured = options.Value.Apps;
        _watched = watched;
        Rebuild();
        if (watched is not null)
        {
            watched.Changed += Rebuild;
        }
    }

    /// <summary>The providers an app may name today.</summary>
    public static IReadOnlyList<ProviderKind> SupportedProviders { get; } = [ProviderKind.Local, ProviderKind.Docker, ProviderKind.Watched];

    /// <summary>Every app, by name.</summary>
    public IReadOnlyList<AppTopology> Apps => [.. Volatile.Read(ref _apps).Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>The app named <paramref name="name"/>, or null.</summary>
    public AppTopology? Find(string name) => Volatile.Read(ref _apps).GetValueOrDefault(name);

    /// <summary>The configured entry point of <paramref name="name"/> (defaults for apps not in configuration).</summary>
    public EntryPointOptions EntryPoint(string name) => _configured.TryGetValue(name, out var app) ? app.EntryPoint : new EntryPointOptions { Enabled = false };

    /// <summary>True when <paramref name="name"/> comes from configuration (not from the page).</summary>
    public bool IsConfigured(string name) => _configured.ContainsKey(name);

    /// <summary>
    /// Makes <paramref name="topology"/> the app's topology from now on: an applied design wins over
    /// <c>appsettings.json</c>, which only says how an app starts before anything was applied.
    /// </summary>
    public void Apply(AppTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        lock (_applying)
        {
            _applied = new Dictionary<string, AppTopology>(_applied, StringComparer.Ordinal) { [topology.Name] = topology };
        }

        Rebuild();
    }

    /// <summary>True for DNS-label names: <c>my-app</c>, <c>validator</c>.</summary>
    public static bool IsValidAppName(string name) => NamePattern().IsMatch(name);

    /// <summary>The role of a component: explicit, or implied by its name.</summary>
    public static ComponentRole? ResolveRole(string componentName, string? role) =>
        Enum.TryParse<ComponentRole>(role ?? componentName, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    // Under the lock: a rebuild for a watched-node change must not overwrite a newer one for an apply.
    private void Rebuild()
    {
        lock (_applying)
        {
            RebuildCore();
        }
    }

    private void RebuildCore()
    {
        var watchedNodes = _watched?.Nodes ?? [];
        var applied = _applied;
        var apps = _configured.ToDictionary(
            a => a.Key,
            a => applied.TryGetValue(a.Key, out var topology) ? topology : ToTopology(a.Key, a.Value, watchedNodes),
            StringComparer.Ordinal);
        foreach (var app in watchedNodes.Select(n => n.App).Distinct(StringComparer.Ordinal).Where(a => !apps.ContainsKey(a)))
        {
            apps[app] = WatchedTopology(app, new AppOptions { Provider = nameof(ProviderKind.Watched) }, watchedNodes);
        }

        Volatile.Write(ref _apps, apps);
    }

    private static AppTopology ToTopology(string name, AppOptions options, IReadOnlyList<WatchedNode> watchedNodes)
    {
        var provider = Enum.Parse<ProviderKind>(options.Provider, ignoreCase: true);
        if (provider == ProviderKind.Watched)
        {
            return WatchedTopology(name, options, watchedNodes);
        }

        return Topology(name, options, provider, options.Components.Select(c => new ComponentSpec(c.Key, ResolveRole(c.Key, c.Value.Role)!.Value, c.Value.Replicas)));
    }

    private static AppTopology WatchedTopology(string name, AppOptions options, IReadOnlyList<WatchedNode> watchedNodes) =>
        Topology(name, options, ProviderKind.Watched, watchedNodes.Where(n => n.App == name)
            .GroupBy(n => n.Component, StringComparer.Ordinal)
            .Select(g => new ComponentSpec(g.Key, g.First().Role, g.Count())));

    private static AppTopology Topology(string name, AppOptions options, ProviderKind provider, IEnumerable<ComponentSpec> components) => new()
    {
        Name = name,
        Provider = provider,
        ChainId = options.ChainId,
        Components = [.. components.OrderBy(c => c.Role).ThenBy(c => c.Name, StringComparer.Ordinal)],
        Consensus = new ConsensusPolicy(options.Consensus.Quorum, options.Consensus.BlockTime, options.Consensus.Timeout, options.Consensus.BlockConfirmations),
        HealthChecks = new HealthCheckPolicy(options.HealthChecks.Interval, options.HealthChecks.Timeout, options.HealthChecks.Retries),
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
