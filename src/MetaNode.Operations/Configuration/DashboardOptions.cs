namespace MetaNode.Operations.Configuration;

/// <summary>
/// The one options root of the dashboard, bound from the <c>Dashboard</c> configuration section.
/// Every nested section is validated on start by <see cref="DashboardOptionsValidator"/>.
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section this root binds to.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Where the dashboard keeps its own state (audit, findings, samples, journals).</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Sign-in, sessions, first-run setup, single sign-on.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>The audit log's retention.</summary>
    public AuditOptions Audit { get; set; } = new();

    /// <summary>Settings of the health monitor.</summary>
    public MonitorOptions Monitor { get; set; } = new();

    /// <summary>Settings of the cluster providers.</summary>
    public ClusterOptions Cluster { get; set; } = new();

    /// <summary>The apps, keyed by name.</summary>
    public Dictionary<string, AppOptions> Apps { get; set; } = new(StringComparer.Ordinal);
}
