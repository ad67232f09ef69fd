using System.Diagnostics.Metrics;
using MetaNode.Operations.Health.Monitoring;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>What the monitor's meter said between two readings.</summary>
/// <param name="Answered">Probes that answered.</param>
/// <param name="NoAnswer">Probes that got no answer.</param>
/// <param name="Durations">Round trips of the answered probes, in milliseconds, sorted.</param>
internal sealed record ProbeReading(long Answered, long NoAnswer, IReadOnlyList<double> Durations);

/// <summary>
/// Listens to the monitor's own meter (<c>MetaNode.Monitor</c>): counts probes by outcome and keeps
/// every answered probe's round trip, as an exporter would see them.
/// </summary>
internal sealed class ProbeMeter : IDisposable
{
    private const string Probes = "metanode.monitor.probes";
    private const string Duration = "metanode.monitor.probe.duration";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private List<double> _durations = [];
    private long _answered;
    private long _noAnswer;
    private long _completed;

    public ProbeMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MonitorMetrics.MeterName && instrument.Name is Probes or Duration)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnProbe);
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.Start();
    }

    /// <summary>Probes completed since the meter started (never reset).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Everything measured since the last reading (or since start), and starts afresh.</summary>
    public ProbeReading Take()
    {
        List<double> durations;
        lock (_gate)
        {
            durations = _durations;
            _durations = new List<double>(durations.Count);
        }

        durations.Sort();
        return new ProbeReading(Interlocked.Exchange(ref _answered, 0), Interlocked.Exchange(ref _noAnswer, 0), durations);
    }

    private void OnProbe(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                Interlocked.Add(ref _completed, measurement);
                if (tag.Value as string == "answered")
                {
                    Interlocked.Add(ref _answered, measurement);
                }
                else
                {
                    Interlocked.Add(ref _noAnswer, measurement);
                }
            }
        }
    }

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (_gate)
        {
            _durations.Add(seconds * 1000);
        }
    }

    public void Dispose() => _listener.Dispose();
}
