using System.Diagnostics.Metrics;

namespace MetaNode.Operations.Health.Monitoring;

/// <summary>
/// The monitor's own figures, exported at <c>/metrics</c> (meter <c>MetaNode.Monitor</c>): probes
/// by outcome, probe round trips, nodes and open findings.
/// </summary>
public sealed class MonitorMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MetaNode.Monitor";

    private readonly Meter _meter;
    private readonly Counter<long> _probes;
    private readonly Histogram<double> _probeDuration;
    private int _backlog;

    public MonitorMetrics(IMeterFactory meters, IHealthFeed feed)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(feed);
        _meter = meters.Create(MeterName);
        _probes = _meter.CreateCounter<long>("metanode.monitor.probes", "{probe}", "Node probes completed, by outcome (answered, no_answer).");
        _probeDuration = _meter.CreateHistogram<double>("metanode.monitor.probe.duration", "s", "Round trip of node probes that answered.");
        _meter.CreateObservableGauge("metanode.monitor.nodes", () => Count(feed.Current), "{node}", "Nodes watched, by status.");
        _meter.CreateObservableGauge("metanode.monitor.findings.active", () => feed.Current.Findings.Count(f => f.IsActive), "{finding}", "Findings open now.");
        _meter.CreateObservableGauge("metanode.monitor.backlog", () => Backlog, "{input}", "Probe results and events waiting for the monitor's loop; growing means the monitor falls behind.");
    }

    /// <summary>Inputs waiting for the monitor's loop.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>One more input waits.</summary>
    public void Queued() => Interlocked.Increment(ref _backlog);

    /// <summary>One input was taken.</summary>
    public void Dequeued() => Interlocked.Decrement(ref _backlog);

    /// <summary>Counts one probe.</summary>
    public void Probed(bool answered, TimeSpan latency)
    {
        _probes.Add(1, new KeyValuePair<string, object?>("outcome", answered ? "answered" : "no_answer"));
        if (answered)
        {
            _probeDuration.Record(latency.TotalSeconds);
        }
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> Count(HealthSnapshot snapshot) =>
        snapshot.Nodes.Values.GroupBy(n => n.Status)
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("status", g.Key.ToString().ToLowerInvariant())));
}
