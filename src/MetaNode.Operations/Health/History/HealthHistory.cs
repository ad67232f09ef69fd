using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MetaNode.Operations.Health.History;

/// <summary>Reads health history from the store: raw samples for short ranges, minute rows for long ones.</summary>
public sealed class HealthHistory(
    IDbContextFactory<DashboardDbContext> contextFactory,
    IOptions<DashboardOptions> options,
    TimeProvider time) : IHealthHistory
{
    /// <summary>Ranges up to this long are answered from raw samples (a few hundred points per series).</summary>
    public static readonly TimeSpan RawRangeLimit = TimeSpan.FromHours(1);

    private const int MaxFindings = 500;

    public async Task<IReadOnlyList<NodeSample>> NodeSeriesAsync(string nodeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        var rawAvailableFrom = time.GetUtcNow() - options.Value.Monitor.Samples.RawRetention;
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (to - from <= RawRangeLimit && from >= rawAvailableFrom)
        {
            var raw = await context.NodeSamples.AsNoTracking()
                .Where(s => s.NodeId == nodeId && s.AtMs >= fromMs && s.AtMs <= toMs)
                .OrderBy(s => s.AtMs)
                .ToListAsync(cancellationToken);
            return [.. raw.Select(s => new NodeSample(DateTimeOffset.FromUnixTimeMilliseconds(s.AtMs), (NodeStatus)s.Status, s.Height, s.Lag, s.LatencyMs, s.Peers))];
        }

        var minutes = await context.NodeMinutes.AsNoTracking()
            .Where(s => s.NodeId == nodeId && s.AtMs >= fromMs && s.AtMs <= toMs)
            .OrderBy(s => s.AtMs)
            .ToListAsync(cancellationToken);
        return [.. minutes.Select(s => new NodeSample(DateTimeOffset.FromUnixTimeMilliseconds(s.AtMs), (NodeStatus)s.Status, s.Height, s.Lag, s.LatencyMs, s.Peers))];
    }

    public async Task<IReadOnlyList<Finding>> FindingsAsync(string app, DateTimeOffset from, DateTimeOffset to, string? subject, CancellationToken cancellationToken)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.Findings.AsNoTracking()
            .Where(f => f.App == app && f.StartedAtMs <= toMs && (f.EndedAtMs == null || f.EndedAtMs >= fromMs));
        if (subject is not null)
        {
            query = query.Where(f => f.Subject == subject);
        }

        var records = await query.OrderByDescending(f => f.StartedAtMs).Take(MaxFindings).ToListAsync(cancellationToken);
        return [.. records.Select(ToFinding)];
    }

    /// <summary>Turns a stored row back into a <see cref="Finding"/>.</summary>
    public static Finding ToFinding(FindingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Finding(
            record.Id,
            record.App,
            Enum.TryParse<FindingKind>(record.Kind, out var kind) ? kind : FindingKind.NodeDown,
            Enum.TryParse<Severity>(record.Severity, out var severity) ? severity : Severity.Warning,
            record.Subject,
            record.Summary,
            DateTimeOffset.FromUnixTimeMilliseconds(record.StartedAtMs),
            record.EndedAtMs is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null);
    }
}
