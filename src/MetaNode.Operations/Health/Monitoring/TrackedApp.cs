using MetaNode.Operations.Health.Detectors;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Health.Monitoring;

/// <summary>The monitor's per-app state: the head's history, the checkpoint, the open findings.</summary>
internal sealed class TrackedApp(AppTopology topology, DateTimeOffset since)
{
    private readonly Queue<(DateTimeOffset At, long Head)> _heads = new();

    public AppTopology Topology { get; set; } = topology;

    public FindingTracker Findings { get; } = new(topology.Name);

    /// <summary>The last head seen (may drop when the highest node goes down).</summary>
    public long? Head { get; set; }

    /// <summary>When the head last rose; watching counts as a change.</summary>
    public DateTimeOffset HeadChangedAt { get; set; } = since;

    /// <summary>The head block's timestamp.</summary>
    public DateTimeOffset? HeadTime { get; set; }

    /// <summary>The height every chain node is asked about: the lowest head among answering nodes.</summary>
    public long? Checkpoint { get; set; }

    /// <summary>The median probe latency (ms) of the app's answering nodes, as of the last evaluation.</summary>
    public double MedianLatencyMs { get; set; }

    /// <summary>How many nodes answered at the last evaluation (the median needs a few).</summary>
    public int AnsweringNodes { get; set; }

    /// <summary>What was last published for the app.</summary>
    public AppHealth? Published { get; set; }

    /// <summary>Records the head for the block rate, keeping a minute.</summary>
    public void RecordHead(DateTimeOffset at, long head)
    {
        _heads.Enqueue((at, head));
        while (_heads.Count > 0 && at - _heads.Peek().At > TimeSpan.FromMinutes(1))
        {
            _heads.Dequeue();
        }
    }

    /// <summary>Blocks per minute over the recorded minute; null until 10 s of history exist.</summary>
    public double? BlocksPerMinute(DateTimeOffset now)
    {
        if (_heads.Count == 0 || Head is not { } head)
        {
            return null;
        }

        var (oldestAt, oldestHead) = _heads.Peek();
        var span = now - oldestAt;
        return span < TimeSpan.FromSeconds(10) ? null : (head - oldestHead) / span.TotalMinutes;
    }
}
