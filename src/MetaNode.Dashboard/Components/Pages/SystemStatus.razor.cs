using MetaNode.Dashboard.Hosting;
using MetaNode.Operations.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>The dashboard's own state: process facts and the store's schema and size.</summary>
public partial class SystemStatus
{
    private StoreStatus? _store;
    private string? _storeError;

    [Inject]
    public required DashboardInfo Info { get; init; }

    [Inject]
    public required IDbContextFactory<DashboardDbContext> ContextFactory { get; init; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        try
        {
            _store = await StoreStatus.ReadAsync(ContextFactory, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            _storeError = ex.Message;
        }
    }
}
