using MetaNode.Operations.Audit;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Tests.Support;
using MetaNode.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Operations.Tests.Audit;

/// <summary>The audit log on a real SQLite file in a temporary folder, its schema made by the real migrations.</summary>
internal sealed class AuditStore : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly ServiceProvider _services;

    private AuditStore(TempDirectory folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
        Log = new AuditLog(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
    }

    public AuditLog Log { get; }

    public static async Task<AuditStore> CreateAsync()
    {
        var folder = new TempDirectory("metanode-audit");
        return new AuditStore(folder, await TestDatabase.CreateAsync(folder));
    }

    public async ValueTask DisposeAsync() => await TestDatabase.DisposeAsync(_services, _folder);
}
