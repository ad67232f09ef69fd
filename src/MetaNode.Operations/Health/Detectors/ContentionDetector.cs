using System.Globalization;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// A node that answers far slower than the rest of its app for several probes in a row: it is
/// starved of CPU, I/O or network (the monitor counts the slow probes; see <see cref="NodeView.SlowProbes"/>).
/// </summary>
public sealed class ContentionDetector : IDetector
{
    /// <summary>Slow probes in a row before it counts.</summary>
    public const int SlowProbesNeeded = 3;

    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var median = MedianLatency(app);
        foreach (var node in app.Nodes.Where(n => n.SlowProbes >= SlowProbesNeeded && n.Health.Latency is not null))
        {
            var latency = node.Health.Latency!.Value.TotalMilliseconds;
            yield return new Condition(
                FindingKind.ResourceContention,
                node.Health.Node.Name,
                Severity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{node.Health.Node.Name} answers in {latency:0} ms, {latency / Math.Max(median, 1):0}× the app's median {median:0} ms"));
        }
    }

    /// <summary>The median probe latency (ms) of the app's answering nodes.</summary>
    public static double MedianLatency(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var latencies = app.Nodes.Where(n => n.Health.Status != NodeStatus.Down && n.Health.Latency is not null)
            .Select(n => n.Health.Latency!.Value.TotalMilliseconds).Order().ToList();
        return latencies.Count == 0 ? 0 : latencies[latencies.Count / 2];
    }
}
