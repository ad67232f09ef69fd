namespace MetaNode.Operations.Health.Detectors;

/// <summary>A node that does not answer, or whose process or container is gone, stopped or frozen.</summary>
public sealed class NodeDownDetector : IDetector
{
    public IEnumerable<Condition> Detect(AppView app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Nodes
            .Where(n => n.Health.Status == NodeStatus.Down)
            .Select(n => new Condition(FindingKind.NodeDown, n.Health.Node.Name, Severity.Warning, $"{n.Health.Node.Name} is down: {n.Health.Reason ?? "no answer"}"));
    }
}
