using System.Runtime.CompilerServices;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Security;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Audit;

/// <summary>The append-only audit log: entries are added and read, never changed.</summary>
public interface IAuditLog
{
    /// <summary>Stores <paramref name="entry"/> before returning, and returns it with its id.</summary>
    Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry matching <paramref name="query"/> (its limit ignored, up to 100,000), newest first, for export.</summary>
    IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>The audit log in the dashboard's store.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contextFactory) : IAuditLog
{
    /// <summary>The most entries one export returns.</summary>
    public const int ExportLimit = 100_000;

    public async Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = new AuditRecord
        {
            AtMs = entry.At.ToUnixTimeMilliseconds(),
            ActorKind = entry.ActorKind.ToString(),
            ActorId = Clip(entry.ActorId, 128),
            ActorName = Clip(entry.ActorName, 256),
            Action = Clip(entry.Action, 64),
            Target = Clip(entry.Target, 256),
            App = entry.App,
            Parameters = entry.Parameters is null ? null : Clip(entry.Parameters, 4096),
            Outcome = entry.Outcome.ToString(),
            Error = entry.Error is null ? null : Clip(entry.Error, 2048),
            SourceAddress = entry.SourceAddress,
            CorrelationId = Clip(entry.CorrelationId, 128),
        };
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.AuditEntries.Add(record);
        await context.SaveChangesAsync(cancellationToken);
        return entry with { Id = record.Id };
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await Filter(context, query).Take(Math.Clamp(query.Limit, 1, 10_000)).ToListAsync(cancellationToken);
        return [.. records.Select(ToEntry)];
    }

    public async IAsyncEnumerable<AuditEntry> ExportAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var record in Filter(context, query).Take(ExportLimit).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToEntry(record);
        }
    }

    private static IQueryable<AuditRecord> Filter(DashboardDbContext context, AuditQuery query)
    {
        var records = context.AuditEntries.AsNoTracking();
        if (query.From is { } from)
        {
            var ms = from.ToUnixTimeMilliseconds();
            records = records.Where(r => r.AtMs >= ms);
        }

        if (query.To is { } to)
        {
            var ms = to.ToUnixTimeMilliseconds();
            records = records.Where(r => r.AtMs <= ms);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = $"%{query.Actor.Trim()}%";
            records = records.Where(r => EF.Functions.Like(r.ActorName, actor));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            var area = action + ".%";
            records = records.Where(r => r.Action == action || EF.Functions.Like(r.Action, area));
        }

        if (!string.IsNullOrWhiteSpace(query.App))
        {
            records = records.Where(r => r.App == query.App);
        }

        if (query.Outcome is { } outcome)
        {
            var name = outcome.ToString();
            records = records.Where(r => r.Outcome == name);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = $"%{query.Text.Trim()}%";
            records = records.Where(r => EF.Functions.Like(r.Target, text) || EF.Functions.Like(r.Parameters ?? string.Empty, text) || EF.Functions.Like(r.Error ?? string.Empty, text));
        }

        return records.OrderByDescending(r => r.AtMs).ThenByDescending(r => r.Id);
    }

    private static AuditEntry ToEntry(AuditRecord record) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(record.AtMs),
        Enum.TryParse<ActorKind>(record.ActorKind, out var kind) ? kind : ActorKind.System,
        record.ActorId,
        record.ActorName,
        record.Action,
        record.Target,
        record.App,
        record.Parameters,
        Enum.TryParse<AuditOutcome>(record.Outcome, out var outcome) ? outcome : AuditOutcome.Failed,
        record.Error,
        record.SourceAddress,
        record.CorrelationId)
    {
        Id = record.Id,
    };

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
