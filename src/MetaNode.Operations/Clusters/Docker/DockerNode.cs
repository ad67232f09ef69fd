namespace MetaNode.Operations.Clusters.Docker;

/// <summary>Why the provider expects a container to stop (so an exit can be told from a crash).</summary>
internal enum ExpectedExit
{
    None,
    Stop,
    Kill,

    /// <summary>Being replaced by a new container from the current template: its removal is not news.</summary>
    Replace,
}

/// <summary>The provider's live view of one node container. Guarded by the provider's lock.</summary>
internal sealed class DockerNode(ContainerSnapshot container)
{
    public NodeRef Ref => Container.Ref;

    /// <summary>What the engine said last.</summary>
    public ContainerSnapshot Container { get; set; } = container;

    /// <summary>The run state as the provider tracks it (the engine cannot tell a stop from a crash afterwards).</summary>
    public NodeRunState State { get; set; } = container.State;

    public ExpectedExit Expected { get; set; }

    /// <summary>The last CPU and memory figures.</summary>
    public ResourceUsage? Resources { get; set; }

    /// <summary>The engine's cumulative CPU counters at the last sample, to turn the next one into a rate.</summary>
    public (ulong ContainerNs, ulong SystemNs, uint Cpus)? LastCpu { get; set; }
}
