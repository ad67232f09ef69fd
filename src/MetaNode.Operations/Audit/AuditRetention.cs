using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Audit;

/// <summary>
/// Once a day, removes audit entries older than <c>Dashboard:Audit:Retention</c> — the only way an
/// entry ever leaves the log — and records that it did.
/// </summary>
public sealed partial class AuditRetention(
    IDbContextFactory<DashboardDbContext> contextFactory,
    OperationGate gate,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<AuditRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        try
        {
            do
            {
                await PruneAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Removes what is past retention; returns how many entries went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.Audit.Retention;
        var cutoff = (time.GetUtcNow() - retention).ToUnixTimeMilliseconds();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var removed = await context.AuditEntries.Where(a => a.AtMs < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            LogPruned(logger, removed, retention.TotalDays);
            await gate.RecordAsync(
                Security.Actor.System("audit retention"),
                new OperationRequest("audit.prune", "audit log", Security.DashboardRole.Admin, Parameters: new { removed, retentionDays = retention.TotalDays }),
                AuditOutcome.Succeeded,
                null);
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention removed {Count} entries older than {Days} days")]
    private static partial void LogPruned(ILogger logger, int count, double days);
}
