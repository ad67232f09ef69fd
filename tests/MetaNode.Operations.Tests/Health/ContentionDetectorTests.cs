using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Operations.Health.Detectors;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Tests.Health;

/// <summary>Resource contention from container figures, beside the latency rule.</summary>
public sealed class ContentionDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static NodeView Node(string name, ResourceUsage? resources, NodeStatus status = NodeStatus.Up) =>
        new(new NodeHealth
        {
            Node = new NodeRef("my-app", "validator", name, ComponentRole.Validator),
            Status = status,
            Latency = TimeSpan.FromMilliseconds(5),
            Resources = resources,
        }, null, 0);

    private static List<Condition> Detect(params NodeView[] nodes) =>
    [
        .. new ContentionDetector().Detect(new AppView
        {
            Topology = new AppTopology { Name = "my-app", Provider = ProviderKind.Docker, Components = [new ComponentSpec("validator", ComponentRole.Validator, nodes.Length)] },
            Nodes = nodes,
            Now = Now,
        }),
    ];

    [Fact]
    public void Detect_NodeAtItsCpuLimit_IsContendedWithTheFigures()
    {
        var conditions = Detect(
            Node("validator-0", new ResourceUsage(12, 1, 40L << 20, 256L << 20, Now)),
            Node("validator-1", new ResourceUsage(97, 1, 40L << 20, 256L << 20, Now)));

        var condition = Assert.Single(conditions);
        Assert.Equal(FindingKind.ResourceContention, condition.Kind);
        Assert.Equal("validator-1", condition.Subject);
        Assert.Equal("validator-1 uses 97% CPU, 97% of its 1-core limit", condition.Summary);
    }

    [Fact]
    public void Detect_NodeNearItsMemoryLimit_IsContended()
    {
        var condition = Assert.Single(Detect(Node("validator-0", new ResourceUsage(5, 1, 240L << 20, 256L << 20, Now))));

        Assert.Equal("validator-0 uses 240 MiB, 94% of its 256 MiB memory limit", condition.Summary);
    }

    [Fact]
    public void Detect_BusyButUnlimitedOrDown_IsNotContended()
    {
        Assert.Empty(Detect(
            Node("validator-0", new ResourceUsage(180, null, 900L << 20, null, Now)),
            Node("validator-1", new ResourceUsage(99, 1, 40L << 20, 256L << 20, Now), NodeStatus.Down)));
    }
}
