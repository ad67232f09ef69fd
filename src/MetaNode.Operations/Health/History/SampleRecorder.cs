using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Health.History;

/// <summary>
/// Keeps health over time in the store, bounded: a sample of every node every
/// <c>Samples:Interval</c>, folded into per-minute rows once a minute is complete, raw rows dropped
/// after <c>RawRetention</c>, minute rows after <c>MinuteRetention</c>, closed findings after
/// <c>FindingRetention</c>.
/// </summary>
public sealed partial class SampleRecorder(
    IHealthFeed feed,
    IDbContextFactory<DashboardDbContext> contextFactory,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<SampleRecorder> logger) : BackgroundService
{
    private const long Minute = 60_000;
    private readonly SampleOptions _options = options.Value.Monitor.Samples;
    private long? _rolledUpTo;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        var nextMaintenance = DateTimeOffset.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RecordAsync(feed.Current, stoppingToken);
                if (time.GetUtcNow() >= nextMaintenance)
                {
                    nextMaintenance = time.GetUtcNow() + TimeSpan.FromMinutes(1);
                    await MaintainAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes one sample per probed node of <paramref name="snapshot"/>.</summary>
    public async Task RecordAsync(HealthSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = snapshot.Nodes.Values
            .Where(n => n.Status != NodeStatus.Unknown)
            .Select(n => new NodeSampleRecord
            {
                NodeId = n.Node.Id,
                AtMs = at,
                Status = (byte)n.Status,
                Height = n.Height,
                Lag = n.Lag,
                LatencyMs = n.Latency?.TotalMilliseconds,
                Peers = n.Peers,
            })
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.NodeSamples.AddRange(rows);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Folds complete minutes into minute rows and drops what is past retention.</summary>
    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var currentMinute = now / Minute * Minute;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        _rolledUpTo ??= await context.NodeMinutes.MaxAsync(m => (long?)m.AtMs + Minute, cancellationToken)
                        ?? await context.NodeSamples.MinAsync(s => (long?)s.AtMs / Minute * Minute, cancellationToken)
                        ?? currentMinute;
        var from = _rolledUpTo.Value;
        if (from < currentMinute)
        {
            var minutes = await context.NodeSamples
                .Where(s => s.AtMs >= from && s.AtMs < currentMinute)
                .GroupBy(s => new { s.NodeId, Minute = s.AtMs / Minute })
                .Select(g => new NodeMinuteRecord
                {
                    NodeId = g.Key.NodeId,
                    AtMs = g.Key.Minute * Minute,
                    Status = g.Max(s => s.Status),
                    Height = g.Max(s => s.Height),
                    Lag = g.Max(s => s.Lag),
                    LatencyMs = g.Average(s => s.LatencyMs),
                    Peers = g.Min(s => s.Peers),
                })
                .ToListAsync(cancellationToken);
            await context.NodeMinutes.Where(m => m.AtMs >= from && m.AtMs < currentMinute).ExecuteDeleteAsync(cancellationToken);
            context.NodeMinutes.AddRange(minutes);
            await context.SaveChangesAsync(cancellationToken);
            _rolledUpTo = currentMinute;
        }

        var rawCutoff = now - (long)_options.RawRetention.TotalMilliseconds;
        var minuteCutoff = now - (long)_options.MinuteRetention.TotalMilliseconds;
        var findingCutoff = now - (long)_options.FindingRetention.TotalMilliseconds;
        var raw = await context.NodeSamples.Where(s => s.AtMs < rawCutoff).ExecuteDeleteAsync(cancellationToken);
        var folded = await context.NodeMinutes.Where(m => m.AtMs < minuteCutoff).ExecuteDeleteAsync(cancellationToken);
        var findings = await context.Findings.Where(f => f.EndedAtMs != null && f.EndedAtMs < findingCutoff).ExecuteDeleteAsync(cancellationToken);
        if (raw + folded + findings > 0)
        {
            LogPruned(logger, raw, folded, findings);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: removed {Raw} raw sample(s), {Minutes} minute row(s), {Findings} finding(s)")]
    private static partial void LogPruned(ILogger logger, int raw, int minutes, int findings);
}
