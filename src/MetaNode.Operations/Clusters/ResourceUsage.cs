namespace MetaNode.Operations.Clusters;

/// <summary>A node's CPU and memory use, as its runtime measured it over the last sampling interval.</summary>
/// <param name="CpuPercent">CPU used, in percent of one core (150 = one and a half cores), averaged over the interval.</param>
/// <param name="CpuLimitCores">The node's CPU limit in cores; null when unlimited.</param>
/// <param name="MemoryBytes">Memory in use (without the page cache).</param>
/// <param name="MemoryLimitBytes">The node's memory limit; null when unlimited.</param>
/// <param name="SampledAt">When it was measured.</param>
public sealed record ResourceUsage(double CpuPercent, double? CpuLimitCores, long MemoryBytes, long? MemoryLimitBytes, DateTimeOffset SampledAt)
{
    /// <summary>The share of its limit at which a node counts as starved: it is being throttled or is about to be.</summary>
    public const double StarvedShare = 0.9;

    /// <summary>CPU use as a share of the limit; null when unlimited.</summary>
    public double? CpuShare => CpuLimitCores is > 0 and var cores ? CpuPercent / (cores * 100) : null;

    /// <summary>Memory use as a share of the limit; null when unlimited.</summary>
    public double? MemoryShare => MemoryLimitBytes is > 0 and var limit ? (double)MemoryBytes / limit : null;

    /// <summary>True when CPU or memory use is at <see cref="StarvedShare"/> of its limit or more.</summary>
    public bool IsStarved => CpuShare >= StarvedShare || MemoryShare >= StarvedShare;
}
