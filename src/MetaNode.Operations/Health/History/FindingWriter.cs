using System.Threading.Channels;
using MetaNode.Operations.Health.Monitoring;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Health.History;

/// <summary>
/// Stores findings as the monitor reports them, in batches off the monitor's path. At start it
/// closes the findings a previous run left open: their real end is unknown, so they end when this
/// run starts and say so.
/// </summary>
public sealed partial class FindingWriter(
    IDbContextFactory<DashboardDbContext> contextFactory,
    TimeProvider time,
    ILogger<FindingWriter> logger) : BackgroundService, IFindingSink
{
    /// <summary>Appended to the summary of a finding that was open when the dashboard stopped.</summary>
    public const string ClosedAtRestart = " (still open when the dashboard stopped; closed at its next start)";

    private readonly Channel<Finding> _queue = Channel.CreateUnbounded<Finding>(new UnboundedChannelOptions { SingleReader = true });

    public void Record(Finding finding) => _queue.Writer.TryWrite(finding);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var open = await context.Findings.Where(f => f.EndedAtMs == null).ToListAsync(cancellationToken);
            foreach (var finding in open)
            {
                finding.EndedAtMs = now;
                finding.Summary = (finding.Summary + ClosedAtRestart)[..Math.Min(1024, finding.Summary.Length + ClosedAtRestart.Length)];
            }

            await context.SaveChangesAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new Dictionary<Guid, Finding>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Gather for a moment: a lagging node's finding changes its sentence every evaluation.
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
                while (_queue.Reader.TryRead(out var finding))
                {
                    batch[finding.Id] = finding;
                }

                await WriteAsync(batch.Values, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryRead(out var finding))
            {
                batch[finding.Id] = finding;
            }

            await WriteAsync(batch.Values, CancellationToken.None);
        }
    }

    private async Task WriteAsync(IReadOnlyCollection<Finding> findings, CancellationToken cancellationToken)
    {
        if (findings.Count == 0)
        {
            return;
        }

        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var ids = findings.Select(f => f.Id).ToList();
            var existing = await context.Findings.Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
            foreach (var finding in findings)
            {
                if (!existing.TryGetValue(finding.Id, out var record))
                {
                    record = new FindingRecord { Id = finding.Id, App = finding.App, Kind = string.Empty, Severity = string.Empty, Subject = string.Empty, Summary = string.Empty };
                    context.Findings.Add(record);
                }

                record.Kind = finding.Kind.ToString();
                record.Severity = finding.Severity.ToString();
                record.Subject = finding.Subject;
                record.Summary = finding.Summary.Length > 1024 ? finding.Summary[..1024] : finding.Summary;
                record.StartedAtMs = finding.StartedAt.ToUnixTimeMilliseconds();
                record.EndedAtMs = finding.EndedAt?.ToUnixTimeMilliseconds();
            }

            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            LogWriteFailed(logger, findings.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} finding(s)")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
