using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Persistence;

/// <summary>
/// The dashboard's own store. Callers depend on this context only; which engine sits behind it
/// is chosen in <see cref="StoreServiceCollectionExtensions.AddDashboardStore"/>.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
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

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
