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
}
