using System.Globalization;
using MetaNode.Operations.Clusters;

namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// A node that answers far slower than the rest of its app for several probes in a row: it is
/// starved of CPU, I/O or network (the monitor counts the slow probes; see <see cref="NodeView.SlowProbes"/>).
/// Where the provider measures resources, a node using nearly all of its CPU or memory limit is
/// starved too, whether or not its answers have slowed yet.
/// </summary>
public sealed class ContentionDetector : IDetector
{
    /// <summary>Slow probes in a row before it counts.</summary>
    public const int SlowProbesNeeded = 3;

    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var median = MedianLatency(app);
        foreach (var node in app.Nodes)
        {
            var name = node.Health.Node.Name;
            if (node.SlowProbes >= SlowProbesNeeded && node.Health.Latency is { } slow)
            {
                var latency = slow.TotalMilliseconds;
                yield return new Condition(
                    FindingKind.ResourceContention,
                    name,
                    Severity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"{name} answers in {latency:0} ms, {latency / Math.Max(median, 1):0}× the app's median {median:0} ms"));
            }
            else if (node.Health.Status != NodeStatus.Down && node.Health.Resources is { IsStarved: true } resources)
            {
                yield return new Condition(FindingKind.ResourceContention, name, Severity.Warning, Starved(name, resources));
            }
        }
    }

    private static string Starved(string name, ResourceUsage resources) =>
        resources.CpuShare >= ResourceUsage.StarvedShare
            ? string.Create(CultureInfo.InvariantCulture, $"{name} uses {resources.CpuPercent:0}% CPU, {resources.CpuShare * 100:0}% of its {resources.CpuLimitCores:0.##}-core limit")
            : string.Create(CultureInfo.InvariantCulture, $"{name} uses {resources.MemoryBytes / 1048576.0:0} MiB, {resources.MemoryShare * 100:0}% of its {resources.MemoryLimitBytes / 1048576.0:0} MiB memory limit");

    /// <summary>The median probe latency (ms) of the app's answering nodes.</summary>
    public static double MedianLatency(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var latencies = app.Nodes.Where(n => n.Health.Status != NodeStatus.Down && n.Health.Latency is not null)
            .Select(n => n.Health.Latency!.Value.TotalMilliseconds).Order().ToList();
        return latencies.Count == 0 ? 0 : latencies[latencies.Count / 2];
    }
}
