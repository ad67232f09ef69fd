using System.Diagnostics;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>Why the provider expects a node's process to end (so an exit can be told from a crash).</summary>
internal enum ExpectedExit
{
    None,
    Stop,
    Kill,
}

/// <summary>The provider's live view of one node: its record, run state and process handle.</summary>
internal sealed class LocalNode(NodeRef reference, LocalNodeRecord record)
{
    public NodeRef Ref { get; } = reference;

    public LocalNodeRecord Record { get; set; } = record;

    public NodeRunState State { get; set; } = NodeRunState.Stopped;

    public DateTimeOffset? StartedAt { get; set; }

    public ExpectedExit Expected { get; set; }

    /// <summary>The process when the dashboard started it (so it can be reaped); null when adopted.</summary>
    public Process? Child { get; set; }

    /// <summary>Completes when the current process exits.</summary>
    public Task Exited { get; set; } = Task.CompletedTask;
}
