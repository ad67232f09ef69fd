using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// CPU and memory per running node, read from the engine every <c>StatsInterval</c> with one-shot
/// stats requests; CPU is the rate between two samples, as <c>docker stats</c> computes it.
/// </summary>
internal sealed partial class DockerClusterProvider
{
    private async Task SampleResourcesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.StatsInterval, _time);
        var failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                List<DockerNode> running;
                lock (_sync)
                {
                    running = [.. _nodes.Values.SelectMany(n => n.Values).Where(n => n.State == NodeRunState.Running)];
                }

                foreach (var node in running)
                {
                    try
                    {
                        await SampleAsync(node, cancellationToken);
                        failures = 0;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && (ex is not ClusterOperationException || !DockerEngine.IsNotFound(ex)))
                    {
                        // The watch reports an unreachable engine; here it is only logged now and then.
                        if (++failures % 20 == 1)
                        {
                            LogStatsFailed(_logger, failures, ex.Message);
                        }

                        break;
                    }
                    catch (ClusterOperationException)
                    {
                        // Removed between the list and the sample.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SampleAsync(DockerNode node, CancellationToken cancellationToken)
    {
        var id = node.Container.Id;
        var sample = new StatsSample();
        await _engine.CallAsync(
            () => _engine.Client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false, OneShot = true }, sample, cancellationToken),
            $"read the stats of {node.Container.Name}");
        if (sample.Response is not { CPUStats: { } cpu, MemoryStats: { } memory })
        {
            return;
        }

        var counters = (cpu.CPUUsage?.TotalUsage ?? 0, cpu.SystemUsage ?? 0, cpu.OnlineCPUs is > 0 and var online ? online : (uint)(cpu.CPUUsage?.PercpuUsage?.Count ?? 1));
        lock (_sync)
        {
            var previous = node.LastCpu;
            node.LastCpu = counters;
            if (previous is not { } last || counters.Item2 <= last.SystemNs || counters.Item1 < last.ContainerNs)
            {
                return; // the first sample (or a restarted container) has nothing to compare with
            }

            var cpuPercent = (double)(counters.Item1 - last.ContainerNs) / (counters.Item2 - last.SystemNs) * counters.Item3 * 100.0;
            node.Resources = new ResourceUsage(
                Math.Round(cpuPercent, 1),
                node.Container.CpuLimit,
                (long)WorkingSet(memory),
                node.Container.MemoryLimitBytes,
                _time.GetUtcNow());
        }
    }

    /// <summary>Memory in use without the page cache, as <c>docker stats</c> shows it (cgroup v1: cache; v2: inactive_file).</summary>
    private static ulong WorkingSet(MemoryStats memory)
    {
        var usage = memory.Usage ?? 0;
        var cache = memory.Stats is { } stats
            ? stats.TryGetValue("total_inactive_file", out var v1) ? v1 : stats.TryGetValue("inactive_file", out var v2) ? v2 : stats.TryGetValue("cache", out var v3) ? v3 : 0
            : 0;
        return usage > cache ? usage - cache : usage;
    }

    /// <summary>Keeps the one answer of a one-shot stats request (no synchronisation context hop, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class StatsSample : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Response { get; private set; }

        public void Report(ContainerStatsResponse value) => Response = value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read container stats ({Failures} failures): {Reason}")]
    private static partial void LogStatsFailed(ILogger logger, int failures, string reason);
}
