using System.Collections.Concurrent;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Components.Tests.Support;

/// <summary>Health history held in memory; records what the pages asked for.</summary>
public sealed class FakeHealthHistory : IHealthHistory
{
    /// <summary>Samples by node id.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<NodeSample>> Samples { get; } = new(StringComparer.Ordinal);

    /// <summary>Stored findings.</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>Every series request: node id, from, to.</summary>
    public ConcurrentQueue<(string NodeId, DateTimeOffset From, DateTimeOffset To)> SeriesRequests { get; } = new();

    /// <summary>Thrown by every read when set, as a failing store would.</summary>
    public Exception? Failure { get; set; }

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeSample>> NodeSeriesAsync(string nodeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        SeriesRequests.Enqueue((nodeId, from, to));
        if (Failure is not null)
        {
            return Task.FromException<IReadOnlyList<NodeSample>>(Failure);
        }

        var samples = Samples.GetValueOrDefault(nodeId) ?? [];
        return Task.FromResult<IReadOnlyList<NodeSample>>([.. samples.Where(s => s.At >= from && s.At <= to)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Finding>> FindingsAsync(string app, DateTimeOffset from, DateTimeOffset to, string? subject, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            return Task.FromException<IReadOnlyList<Finding>>(Failure);
        }

        lock (Findings)
        {
            return Task.FromResult<IReadOnlyList<Finding>>(
            [
                .. Findings
                    .Where(f => f.App == app && (subject is null || f.Subject == subject))
                    .Where(f => f.StartedAt <= to && (f.EndedAt ?? to) >= from)
                    .OrderByDescending(f => f.StartedAt),
            ]);
        }
    }
}
