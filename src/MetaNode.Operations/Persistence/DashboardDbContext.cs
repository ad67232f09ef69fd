using MetaNode.Operations.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Persistence;

/// <summary>
/// The dashboard's own store: its users (ASP.NET Core Identity), audit log, API keys, health
/// history and settings. Callers depend on this context only; which engine sits behind it is
/// chosen in <see cref="StoreServiceCollectionExtensions.AddDashboardStore"/>.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<DashboardUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// ASP.NET Core data-protection keys, kept in the store so antiforgery tokens and sign-in
    /// cookies stay valid across restarts and replicas.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Findings of the health detectors, open and closed.</summary>
    public DbSet<FindingRecord> Findings => Set<FindingRecord>();

    /// <summary>Raw health samples, kept for <c>Dashboard:Monitor:Samples:RawRetention</c>.</summary>
    public DbSet<NodeSampleRecord> NodeSamples => Set<NodeSampleRecord>();

    /// <summary>Per-minute health aggregates, kept for <c>Dashboard:Monitor:Samples:MinuteRetention</c>.</summary>
    public DbSet<NodeMinuteRecord> NodeMinutes => Set<NodeMinuteRecord>();

    /// <summary>Watched nodes added on the Watched nodes page.</summary>
    public DbSet<WatchedNodeRecord> WatchedNodes => Set<WatchedNodeRecord>();

    /// <summary>The append-only audit log.</summary>
    public DbSet<AuditRecord> AuditEntries => Set<AuditRecord>();

    /// <summary>API keys (hashed).</summary>
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    /// <summary>Saved versions of topology designs.</summary>
    public DbSet<TopologyDesignVersionRecord> TopologyDesignVersions => Set<TopologyDesignVersionRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
