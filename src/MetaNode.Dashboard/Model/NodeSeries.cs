using System.Collections.Immutable;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>One point of a chart: a time (UTC) and a value.</summary>
/// <param name="At">When, as a UTC <see cref="DateTime"/> (what the chart plots).</param>
/// <param name="Value">The value.</param>
public readonly record struct TimePoint(DateTime At, double Value);

/// <summary>A node's samples as the three series its page charts. Samples without a value are left out.</summary>
public sealed record NodeSeries
{
    /// <summary>Head height over time.</summary>
    public required ImmutableArray<TimePoint> Height { get; init; }

    /// <summary>Blocks behind the app head over time.</summary>
    public required ImmutableArray<TimePoint> Lag { get; init; }

    /// <summary>Probe round trip (ms) over time.</summary>
    public required ImmutableArray<TimePoint> LatencyMs { get; init; }

    /// <summary>The series of <paramref name="samples"/> (oldest first).</summary>
    public static NodeSeries Of(IReadOnlyList<NodeSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return new NodeSeries
        {
            Height = Points(samples, s => s.Height),
            Lag = Points(samples, s => s.Lag),
            LatencyMs = Points(samples, s => s.LatencyMs),
        };
    }

    private static ImmutableArray<TimePoint> Points(IReadOnlyList<NodeSample> samples, Func<NodeSample, double?> value) =>
        [.. samples.Select(s => (s.At, Value: value(s))).Where(p => p.Value is not null).Select(p => new TimePoint(p.At.UtcDateTime, p.Value!.Value))];
}
