using System.Text.RegularExpressions;
using MetaNode.Operations.Topology;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Configuration;

/// <summary>
/// The apps the dashboard knows, as topologies, read from <c>Dashboard:Apps</c> (validated on start).
/// </summary>
public sealed partial class AppCatalog
{
    /// <summary>The most replicas one component may have.</summary>
    public const int MaxReplicas = 200;

    private readonly Dictionary<string, (AppTopology Topology, AppOptions Options)> _apps;

    public AppCatalog(IOptions<DashboardOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _apps = options.Value.Apps.ToDictionary(a => a.Key, a => (ToTopology(a.Key, a.Value), a.Value), StringComparer.Ordinal);
    }

    /// <summary>The providers an app may name today.</summary>
    public static IReadOnlyList<ProviderKind> SupportedProviders { get; } = [ProviderKind.Local];

    /// <summary>Every app, by name.</summary>
    public IReadOnlyList<AppTopology> Apps => [.. _apps.Values.Select(a => a.Topology).OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>The app named <paramref name="name"/>, or null.</summary>
    public AppTopology? Find(string name) => _apps.TryGetValue(name, out var app) ? app.Topology : null;

    /// <summary>The configured entry point of <paramref name="name"/>.</summary>
    public EntryPointOptions EntryPoint(string name) => _apps[name].Options.EntryPoint;

    /// <summary>True for DNS-label names: <c>my-app</c>, <c>validator</c>.</summary>
    public static bool IsValidAppName(string name) => NamePattern().IsMatch(name);

    /// <summary>The role of a component: explicit, or implied by its name.</summary>
    public static ComponentRole? ResolveRole(string componentName, string? role) =>
        Enum.TryParse<ComponentRole>(role ?? componentName, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    private static AppTopology ToTopology(string name, AppOptions options) => new()
    {
        Name = name,
        Provider = Enum.Parse<ProviderKind>(options.Provider, ignoreCase: true),
        ChainId = options.ChainId,
        Components =
        [
            .. options.Components
                .Select(c => new ComponentSpec(c.Key, ResolveRole(c.Key, c.Value.Role)!.Value, c.Value.Replicas))
                .OrderBy(c => c.Role).ThenBy(c => c.Name, StringComparer.Ordinal),
        ],
        Consensus = new ConsensusPolicy(options.Consensus.Quorum, options.Consensus.BlockTime, options.Consensus.Timeout, options.Consensus.BlockConfirmations),
        HealthChecks = new HealthCheckPolicy(options.HealthChecks.Interval, options.HealthChecks.Timeout, options.HealthChecks.Retries),
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
